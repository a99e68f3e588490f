/// Binary arithmetic operators (also passed to `HostObject.binaryOp`).
public enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//"
    case modulo = "%", power = "**", matmul = "@"
    case bitAnd = "&", bitOr = "|", bitXor = "^", leftShift = "<<", rightShift = ">>"
}

/// Unary operators (also passed to `HostObject.unaryOp`).
public enum UnaryOperator: String, Sendable {
    case negate = "-", plus = "+", invert = "~"
}

/// Comparison operators (the rich ones are passed to `HostObject.compare`).
public enum ComparisonOperator: String, Sendable {
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case `in` = "in", notIn = "not in", `is` = "is", isNot = "is not"

    /// The operator seen from the right operand (`a < b` is `b > a`).
    public var reflected: ComparisonOperator {
        switch self {
        case .less: return .greater
        case .lessEqual: return .greaterEqual
        case .greater: return .less
        case .greaterEqual: return .lessEqual
        default: return self
        }
    }
}

/// A piece of an f-string: literal text or a replacement field `{expr!conv:spec}`.
public enum FStringPart: Sendable {
    case literal(String)
    /// `conversion` is "r", "s", "a" or nil; `spec` may itself contain replacement fields.
    case field(Expr, conversion: Character?, spec: [FStringPart], debugText: String?)
}

/// A keyword argument in a call, with the range of its name and of its value (for `--set`).
public struct Keyword: Sendable {
    public var name: String
    public var nameRange: SourceRange
    public var value: Expr
}

/// An expression node with its source range.
public struct Expr: Sendable {
    public indirect enum Kind: Sendable {
        case name(String)
        case int(Int)
        case float(Double)
        case string(String)
        case fstring([FStringPart])
        case bool(Bool)
        case none
        case list([Expr])
        case tuple([Expr])
        case dict([(key: Expr, value: Expr)])
        /// `[element for target in iterable if cond ...]` (one or more `for` clauses).
        case listComprehension(element: Expr, clauses: [ComprehensionClause])
        case binary(BinaryOperator, Expr, Expr)
        case unary(UnaryOperator, Expr)
        case not(Expr)
        case and(Expr, Expr)
        case or(Expr, Expr)
        /// `a < b <= c`: the first operand and each (operator, operand).
        case compare(Expr, [(ComparisonOperator, Expr)])
        case conditional(test: Expr, then: Expr, otherwise: Expr)
        case call(Expr, arguments: [Expr], keywords: [Keyword])
        case attribute(Expr, name: String)
        case `subscript`(Expr, index: Expr)
        /// Only inside subscripts: `lo:hi:step`.
        case slice(Expr?, Expr?, Expr?)
        case ellipsis
        /// `lambda params: body` (the body is one `return` statement).
        case lambda(FunctionDecl)
        /// `*x` in a call, a list/tuple display or an assignment target.
        case starred(Expr)
        /// `name := value`.
        case walrus(String, Expr)
        /// `{k: v for ...}`, `{x for ...}`, `{a, b}`.
        case dictComprehension(key: Expr, value: Expr, clauses: [ComprehensionClause])
        case setComprehension(element: Expr, clauses: [ComprehensionClause])
        case set([Expr])
        /// `(x for ...)`: a generator (evaluated eagerly, bounded by the collection limit).
        case generator(element: Expr, clauses: [ComprehensionClause])
        case yield(Expr?)
        case yieldFrom(Expr)
        /// `{**a, 'k': v}`: entries whose key is nil are `**` unpackings.
        case dictDisplay([(key: Expr?, value: Expr)])
    }

    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// True for a literal constant: numbers (with an optional sign), strings, True/False/None,
    /// and tuples/lists of literals. `--set` overrides only these.
    public var isLiteral: Bool {
        switch kind {
        case .int, .float, .string, .bool, .none: return true
        case .unary(let op, let e): return (op == .negate || op == .plus) && e.isLiteral
        case .tuple(let xs), .list(let xs): return xs.allSatisfy { $0.isLiteral }
        default: return false
        }
    }

    /// Calls `visit` on this expression and every sub-expression (pre-order).
    public func walk(_ visit: (Expr) -> Void) {
        visit(self)
        switch kind {
        case .list(let xs), .tuple(let xs): xs.forEach { $0.walk(visit) }
        case .dict(let kv): kv.forEach { $0.key.walk(visit); $0.value.walk(visit) }
        case .listComprehension(let e, let clauses):
            e.walk(visit)
            for c in clauses { c.target.walk(visit); c.iterable.walk(visit); c.conditions.forEach { $0.walk(visit) } }
        case .binary(_, let a, let b), .and(let a, let b), .or(let a, let b): a.walk(visit); b.walk(visit)
        case .unary(_, let a), .not(let a): a.walk(visit)
        case .compare(let a, let rest): a.walk(visit); rest.forEach { $0.1.walk(visit) }
        case .conditional(let t, let a, let b): t.walk(visit); a.walk(visit); b.walk(visit)
        case .call(let f, let args, let kws): f.walk(visit); args.forEach { $0.walk(visit) }; kws.forEach { $0.value.walk(visit) }
        case .attribute(let e, _): e.walk(visit)
        case .subscript(let e, let i): e.walk(visit); i.walk(visit)
        case .slice(let a, let b, let c): a?.walk(visit); b?.walk(visit); c?.walk(visit)
        case .starred(let a), .walrus(_, let a), .yieldFrom(let a): a.walk(visit)
        case .yield(let a): a?.walk(visit)
        case .set(let xs): xs.forEach { $0.walk(visit) }
        case .dictDisplay(let kv): kv.forEach { $0.key?.walk(visit); $0.value.walk(visit) }
        case .generator(let e, let clauses), .setComprehension(let e, let clauses):
            e.walk(visit)
            for c in clauses { c.target.walk(visit); c.iterable.walk(visit); c.conditions.forEach { $0.walk(visit) } }
        case .dictComprehension(let k, let v, let clauses):
            k.walk(visit); v.walk(visit)
            for c in clauses { c.target.walk(visit); c.iterable.walk(visit); c.conditions.forEach { $0.walk(visit) } }
        case .lambda(let f): f.parameters.forEach { $0.defaultValue?.walk(visit) }
        case .fstring(let parts):
            func walkParts(_ ps: [FStringPart]) {
                for p in ps { if case .field(let e, _, let spec, _) = p { e.walk(visit); walkParts(spec) } }
            }
            walkParts(parts)
        default: break
        }
    }
}

public struct ComprehensionClause: Sendable {
    public var target: Expr
    public var iterable: Expr
    public var conditions: [Expr]
}

/// One imported name: `import a.b as c` → module ["a","b"], alias "c".
public struct ImportName: Sendable {
    public var module: [String]
    public var alias: String?
    public var dottedName: String { module.joined(separator: ".") }
}

/// A statement node with its source range.
public struct Stmt: Sendable {
    public indirect enum Kind: Sendable {
        /// A bare expression; `hasSemicolon` when it ends with `;` (suppresses display).
        case expression(Expr, hasSemicolon: Bool)
        /// `a = b = value`: all targets, then the value.
        case assign(targets: [Expr], value: Expr)
        case augmentedAssign(target: Expr, op: BinaryOperator, value: Expr)
        case `import`([ImportName])
        /// `from module import name as alias, ...`
        case fromImport(module: [String], names: [(name: String, alias: String?)])
        case `if`(branches: [(condition: Expr, body: [Stmt])], orElse: [Stmt])
        case `for`(target: Expr, iterable: Expr, body: [Stmt], orElse: [Stmt])
        case pass
        case `break`
        case `continue`
        case functionDef(FunctionDecl)
        case classDef(ClassDecl)
        case `return`(Expr?)
        case `while`(condition: Expr, body: [Stmt], orElse: [Stmt])
        case `try`(body: [Stmt], handlers: [ExceptHandler], orElse: [Stmt], finally: [Stmt])
        case raise(Expr?, cause: Expr?)
        case assert(Expr, message: Expr?)
        case delete([Expr])
        case global([String])
        case nonlocal([String])
        case with(items: [(context: Expr, target: Expr?)], body: [Stmt])
        /// An IPython line other than the timers (`%matplotlib inline`, `!pip install x`).
        case magic(String)
        /// `%time stmt`, `%timeit stmt`, or a cell under `%%time`.
        case timed(magic: String, body: [Stmt])
    }

    public var kind: Kind
    public var range: SourceRange
}

/// One parameter of a `def` or `lambda`.
public struct Parameter: Sendable {
    public enum Kind: Sendable { case positional, varArgs, keywordOnly, varKeywords }
    public var name: String
    public var kind: Kind
    public var defaultValue: Expr?
}

/// A `def` (or a `lambda`, named `<lambda>`).
public final class FunctionDecl: Sendable {
    public let name: String
    public let parameters: [Parameter]
    public let body: [Stmt]
    public let decorators: [Expr]
    /// True when the body contains `yield` (outside nested functions).
    public let isGenerator: Bool
    public let docstring: String?
    public let location: SourceLocation

    public init(name: String, parameters: [Parameter], body: [Stmt], decorators: [Expr], isGenerator: Bool,
                docstring: String?, location: SourceLocation) {
        self.name = name; self.parameters = parameters; self.body = body; self.decorators = decorators
        self.isGenerator = isGenerator; self.docstring = docstring; self.location = location
    }
}

/// A `class Name(Base): body`.
public final class ClassDecl: Sendable {
    public let name: String
    public let bases: [Expr]
    public let body: [Stmt]
    public let decorators: [Expr]
    public let docstring: String?

    public init(name: String, bases: [Expr], body: [Stmt], decorators: [Expr], docstring: String?) {
        self.name = name; self.bases = bases; self.body = body; self.decorators = decorators; self.docstring = docstring
    }
}

/// `except Type as name:` (type nil for a bare `except:`).
public struct ExceptHandler: Sendable {
    public var type: Expr?
    public var name: String?
    public var body: [Stmt]
    public var location: SourceLocation
}

/// A top-level `name = <literal>` assignment (what `--set name=value` overrides).
public struct LiteralAssignment: Sendable {
    public var name: String
    public var value: Expr
    /// The range of the literal value in the cell source.
    public var valueRange: SourceRange { value.range }
}

/// A parsed cell.
public struct Program: Sendable {
    public var statements: [Stmt]
    public var text: SourceText

    /// Top-level `name = <literal>` assignments, in order (single-name targets only;
    /// `a = b = 1` yields both names).
    public func topLevelLiteralAssignments() -> [LiteralAssignment] {
        var out: [LiteralAssignment] = []
        for s in statements {
            guard case .assign(let targets, let value) = s.kind, value.isLiteral else { continue }
            for t in targets { if case .name(let n) = t.kind { out.append(LiteralAssignment(name: n, value: value)) } }
        }
        return out
    }

    /// Every keyword argument named `name` in any call of the cell (in nested blocks too),
    /// in source order, with its range.
    public func keywordArguments(named name: String) -> [Keyword] {
        var out: [Keyword] = []
        walkExpressions { e in
            if case .call(_, _, let kws) = e.kind { out.append(contentsOf: kws.filter { $0.name == name }) }
        }
        return out.sorted { $0.nameRange.start < $1.nameRange.start }
    }

    /// Calls `visit` on every expression of every statement (pre-order).
    public func walkExpressions(_ visit: (Expr) -> Void) {
        func walk(_ stmts: [Stmt]) {
            for s in stmts {
                switch s.kind {
                case .expression(let e, _): e.walk(visit)
                case .assign(let ts, let v): ts.forEach { $0.walk(visit) }; v.walk(visit)
                case .augmentedAssign(let t, _, let v): t.walk(visit); v.walk(visit)
                case .if(let branches, let orElse):
                    for b in branches { b.condition.walk(visit); walk(b.body) }
                    walk(orElse)
                case .for(let t, let it, let body, let orElse): t.walk(visit); it.walk(visit); walk(body); walk(orElse)
                case .while(let c, let body, let orElse): c.walk(visit); walk(body); walk(orElse)
                case .functionDef(let f): f.decorators.forEach { $0.walk(visit) }; walk(f.body)
                case .classDef(let c): c.bases.forEach { $0.walk(visit) }; walk(c.body)
                case .return(let e): e?.walk(visit)
                case .try(let body, let handlers, let orElse, let fin):
                    walk(body); for h in handlers { h.type?.walk(visit); walk(h.body) }; walk(orElse); walk(fin)
                case .with(let items, let body): for i in items { i.context.walk(visit) }; walk(body)
                case .assert(let c, let m): c.walk(visit); m?.walk(visit)
                default: break
                }
            }
        }
        walk(statements)
    }

    /// The names this cell imports or assigns at top level (useful to hosts).
    public var source: String { text.source }
}
