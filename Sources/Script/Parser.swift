/// Recursive-descent parser for the lesson subset of Python 3, with Python's precedence:
/// `x if c else y` < `or` < `and` < `not` < comparisons (`in`, `is`, chained) < `|` < `^` <
/// `&` < shifts < `+ -` < `* / // % @` < unary `+ - ~` < `**` < calls, attributes, subscripts.
///
/// Constructs outside the subset (`def`, `class`, `lambda`, `while`, `try`, `with`, ...)
/// are `NotSupported` errors located at their keyword.
public struct Parser {
    var tokens: [Token]
    var current = 0
    let text: SourceText
    /// Nesting depth of expressions, bounded so hostile input cannot overflow the stack.
    var depth = 0
    static let maxDepth = 100
    /// Number of enclosing `for` loops (for `break`/`continue` checks).
    var loopDepth = 0

    mutating func enter() throws {
        depth += 1
        if depth > Parser.maxDepth {
            throw ScriptError(.syntaxError, "too many nested parentheses or operators (lessons allow \(Parser.maxDepth))", at: location(peek))
        }
    }

    /// Parses a cell. `origin` gives the file and the position of the cell inside it, so
    /// that locations are file positions.
    public static func parse(source: String, origin: SourceOrigin = SourceOrigin()) throws -> Program {
        let text = SourceText(source, origin: origin)
        var scanner = Scanner(text)
        let tokens = try scanner.scanTokens()
        var p = Parser(tokens: tokens, text: text)
        return Program(statements: try p.parseProgram(), text: text)
    }

    /// Parses a single expression (e.g. a `--set` value such as `15`, `0.01` or `'adam'`).
    public static func parseExpression(_ source: String, origin: SourceOrigin = SourceOrigin()) throws -> Expr {
        let text = SourceText(source, origin: origin)
        var scanner = Scanner(text, from: 0, to: text.scalars.count, line: 1, column: 1)
        let tokens = try scanner.scanTokens()
        var p = Parser(tokens: tokens, text: text)
        let e = try p.testList()
        if p.peek.kind != .eof { throw p.syntaxError("invalid syntax", at: p.peek) }
        return e
    }

    init(tokens: [Token], text: SourceText) {
        self.tokens = tokens
        self.text = text
    }

    // MARK: Token helpers

    var peek: Token { current < tokens.count ? tokens[current] : (tokens.last ?? Token(kind: .eof, text: "", start: 0, end: 0, line: 1, column: 1)) }
    var previous: Token { current > 0 && current - 1 < tokens.count ? tokens[current - 1] : peek }
    func peekAt(_ k: Int) -> Token { current + k < tokens.count ? tokens[current + k] : (tokens.last ?? peek) }

    @discardableResult mutating func advance() -> Token {
        let t = peek
        if current < tokens.count - 1 || (current < tokens.count && t.kind != .eof) { current += 1 }
        return t
    }

    func check(_ op: String) -> Bool { peek.kind == .op && peek.text == op }
    func checkKeyword(_ k: String) -> Bool { peek.kind == .name && peek.text == k }

    mutating func match(_ op: String) -> Bool {
        if check(op) { advance(); return true }
        return false
    }
    mutating func matchKeyword(_ k: String) -> Bool {
        if checkKeyword(k) { advance(); return true }
        return false
    }

    func location(_ t: Token) -> SourceLocation { text.location(line: t.line, column: t.column) }

    func syntaxError(_ msg: String, at t: Token) -> ScriptError {
        ScriptError(.syntaxError, msg, at: location(t))
    }

    mutating func expect(_ op: String, _ msg: String? = nil) throws {
        if match(op) { return }
        throw unexpected(msg ?? "expected '\(op)'")
    }

    func unexpected(_ msg: String = "invalid syntax") -> ScriptError {
        let t = peek
        if t.kind == .indent { return ScriptError(.indentationError, "unexpected indent", at: location(t)) }
        if t.kind == .name, let e = unsupportedKeyword(t) { return e }
        return syntaxError(msg, at: t)
    }

    func range(from start: Token) -> SourceRange {
        let end = max(start.end, previous.end)
        return SourceRange(start: start.start, end: end, location: location(start))
    }

    static let keywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]

    static let unsupported: [String: String] = [
        "def": "function definitions (`def`) are not supported in lessons",
        "class": "class definitions are not supported in lessons",
        "lambda": "`lambda` is not supported in lessons",
        "while": "`while` loops are not supported in lessons (use `for` over a `range`)",
        "try": "`try` statements are not supported in lessons",
        "except": "`except` is not supported in lessons",
        "finally": "`finally` is not supported in lessons",
        "with": "`with` statements are not supported in lessons",
        "global": "`global` is not supported in lessons",
        "nonlocal": "`nonlocal` is not supported in lessons",
        "return": "`return` is not supported in lessons",
        "yield": "`yield` is not supported in lessons",
        "del": "`del` is not supported in lessons",
        "assert": "`assert` is not supported in lessons",
        "raise": "`raise` is not supported in lessons",
        "async": "`async` is not supported in lessons",
        "await": "`await` is not supported in lessons",
    ]

    func unsupportedKeyword(_ t: Token) -> ScriptError? {
        guard let m = Parser.unsupported[t.text] else { return nil }
        return ScriptError(.notSupported, m + ". " + ScriptError.supportedSubset, at: location(t))
    }

    // MARK: Statements

    mutating func parseProgram() throws -> [Stmt] {
        var out: [Stmt] = []
        while peek.kind != .eof {
            if peek.kind == .newline { advance(); continue }
            if peek.kind == .indent { throw ScriptError(.indentationError, "unexpected indent", at: location(peek)) }
            if peek.kind == .dedent { advance(); continue }
            out.append(contentsOf: try statement())
        }
        return out
    }

    mutating func statement() throws -> [Stmt] {
        let t = peek
        if t.kind == .name {
            switch t.text {
            case "if": return [try ifStatement()]
            case "for": return [try forStatement()]
            default: break
            }
        }
        return try simpleStatements()
    }

    mutating func simpleStatements() throws -> [Stmt] {
        var out: [Stmt] = []
        while true {
            var s = try simpleStatement()
            if check(";") {
                advance()
                if case .expression(let e, _) = s.kind { s.kind = .expression(e, hasSemicolon: true) }
                out.append(s)
                if peek.kind == .newline || peek.kind == .eof { break }
                continue
            }
            out.append(s)
            break
        }
        if peek.kind == .newline { advance() } else if peek.kind != .eof {
            if let last = out.last, case .expression(let e, _) = last.kind, case .name("print") = e.kind,
               peek.kind == .string || peek.kind == .name || peek.kind == .int || peek.kind == .float {
                throw ScriptError(.syntaxError, "Missing parentheses in call to 'print'. Did you mean print(...)?", at: e.range.location)
            }
            throw unexpected()
        }
        return out
    }

    mutating func simpleStatement() throws -> Stmt {
        let start = peek
        if start.kind == .name {
            if let e = unsupportedKeyword(start) { throw e }
            switch start.text {
            case "pass": advance(); return Stmt(kind: .pass, range: range(from: start))
            case "break", "continue":
                if loopDepth == 0 { throw syntaxError("'\(start.text)' outside loop", at: start) }
                advance()
                return Stmt(kind: start.text == "break" ? .break : .continue, range: range(from: start))
            case "import": return try importStatement()
            case "from": return try fromImportStatement()
            case "elif", "else":
                throw syntaxError("'\(start.text)' without a matching 'if'", at: start)
            default: break
            }
        }
        if start.kind == .indent { throw ScriptError(.indentationError, "unexpected indent", at: location(start)) }
        let first = try testList(allowStar: true)
        if check("=") {
            var targets = [first]
            var value = first
            while match("=") {
                value = try testList(allowStar: true)
                targets.append(value)
            }
            targets.removeLast()
            for t in targets { try validateTarget(t) }
            try rejectStarred(value)
            return Stmt(kind: .assign(targets: targets, value: value), range: range(from: start))
        }
        if peek.kind == .op, peek.text.count >= 2, peek.text.hasSuffix("="),
           let op = BinaryOperator(rawValue: String(peek.text.dropLast())) {
            let opTok = advance()
            switch first.kind {
            case .name, .attribute, .subscript: break
            default: throw syntaxError("'\(describe(first))' is an illegal expression for augmented assignment", at: opTok)
            }
            let value = try testList()
            return Stmt(kind: .augmentedAssign(target: first, op: op, value: value), range: range(from: start))
        }
        if check(":") {
            throw ScriptError(.notSupported, "annotated assignments are not supported in lessons. " + ScriptError.supportedSubset, at: location(peek))
        }
        try rejectStarred(first)
        return Stmt(kind: .expression(first, hasSemicolon: false), range: range(from: start))
    }

    func describe(_ e: Expr) -> String {
        switch e.kind {
        case .call: return "function call"
        case .int, .float, .string, .bool, .none: return "literal"
        case .tuple: return "tuple"
        case .list: return "list"
        case .binary, .unary: return "expression"
        default: return "expression"
        }
    }

    func rejectStarred(_ e: Expr) throws {
        if case .tuple(let xs) = e.kind { for x in xs { try rejectStarred(x) } }
    }

    func validateTarget(_ e: Expr) throws {
        switch e.kind {
        case .name(let n):
            if n == "None" || n == "True" || n == "False" {
                throw ScriptError(.syntaxError, "cannot assign to \(n)", at: e.range.location)
            }
        case .attribute, .subscript: return
        case .tuple(let xs), .list(let xs): for x in xs { try validateTarget(x) }
        case .call: throw ScriptError(.syntaxError, "cannot assign to function call here. Maybe you meant '==' instead of '='?", at: e.range.location)
        case .int, .float, .string, .bool, .none: throw ScriptError(.syntaxError, "cannot assign to literal here. Maybe you meant '==' instead of '='?", at: e.range.location)
        default: throw ScriptError(.syntaxError, "cannot assign to expression here. Maybe you meant '==' instead of '='?", at: e.range.location)
        }
    }

    mutating func dottedName() throws -> [String] {
        var parts: [String] = []
        repeat {
            guard peek.kind == .name, !Parser.keywords.contains(peek.text) else { throw unexpected() }
            parts.append(advance().text)
        } while match(".")
        return parts
    }

    mutating func importStatement() throws -> Stmt {
        let start = advance()
        var names: [ImportName] = []
        repeat {
            let module = try dottedName()
            var alias: String? = nil
            if matchKeyword("as") { alias = try identifier() }
            names.append(ImportName(module: module, alias: alias))
        } while match(",")
        return Stmt(kind: .import(names), range: range(from: start))
    }

    mutating func identifier() throws -> String {
        guard peek.kind == .name, !Parser.keywords.contains(peek.text) else { throw unexpected() }
        return advance().text
    }

    mutating func fromImportStatement() throws -> Stmt {
        let start = advance()
        if check(".") || check("...") {
            throw ScriptError(.notSupported, "relative imports are not supported in lessons. " + ScriptError.supportedSubset, at: location(peek))
        }
        let module = try dottedName()
        guard matchKeyword("import") else { throw unexpected() }
        if check("*") {
            throw ScriptError(.notSupported, "`from ... import *` is not supported in lessons; import names explicitly", at: location(peek))
        }
        let paren = match("(")
        var names: [(String, String?)] = []
        repeat {
            if paren && check(")") { break }
            let n = try identifier()
            var alias: String? = nil
            if matchKeyword("as") { alias = try identifier() }
            names.append((n, alias))
        } while match(",")
        if paren { try expect(")") }
        return Stmt(kind: .fromImport(module: module, names: names.map { (name: $0.0, alias: $0.1) }), range: range(from: start))
    }

    mutating func block(after keyword: Token) throws -> [Stmt] {
        try expect(":", "expected ':'")
        if peek.kind != .newline {
            return try simpleStatements()
        }
        advance()
        guard peek.kind == .indent else {
            throw ScriptError(.indentationError, "expected an indented block after '\(keyword.text)' statement on line \(keyword.line + text.origin.lineOffset)", at: location(peek))
        }
        advance()
        var body: [Stmt] = []
        while peek.kind != .dedent && peek.kind != .eof {
            if peek.kind == .newline { advance(); continue }
            if peek.kind == .indent { throw ScriptError(.indentationError, "unexpected indent", at: location(peek)) }
            body.append(contentsOf: try statement())
        }
        if peek.kind == .dedent { advance() }
        return body
    }

    mutating func ifStatement() throws -> Stmt {
        try enter()
        defer { depth -= 1 }
        let start = advance()
        var branches: [(condition: Expr, body: [Stmt])] = []
        let cond = try namedTest()
        branches.append((cond, try block(after: start)))
        var orElse: [Stmt] = []
        while checkKeyword("elif") {
            let k = advance()
            let c = try namedTest()
            branches.append((c, try block(after: k)))
        }
        if checkKeyword("else") {
            let k = advance()
            orElse = try block(after: k)
        }
        return Stmt(kind: .if(branches: branches, orElse: orElse), range: range(from: start))
    }

    mutating func namedTest() throws -> Expr {
        let e = try test()
        if check(":=") {
            throw ScriptError(.notSupported, "assignment expressions (`:=`) are not supported in lessons", at: location(peek))
        }
        return e
    }

    mutating func forStatement() throws -> Stmt {
        try enter()
        defer { depth -= 1 }
        let start = advance()
        let target = try targetList()
        try validateTarget(target)
        guard matchKeyword("in") else { throw unexpected("expected 'in'") }
        let iterable = try testList()
        loopDepth += 1
        let body = try block(after: start)
        loopDepth -= 1
        var orElse: [Stmt] = []
        if checkKeyword("else") {
            let k = advance()
            orElse = try block(after: k)
        }
        return Stmt(kind: .for(target: target, iterable: iterable, body: body, orElse: orElse), range: range(from: start))
    }

    /// `a, (b, c)` as a for/comprehension target (stops before `in`).
    mutating func targetList() throws -> Expr {
        let start = peek
        var items = [try bitOr()]
        var trailing = false
        while match(",") {
            trailing = true
            if checkKeyword("in") { break }
            items.append(try bitOr())
            trailing = false
        }
        if items.count == 1 && !trailing { return items[0] }
        return Expr(.tuple(items), range(from: start))
    }

    // MARK: Expressions

    /// `a, b, c` (a tuple when there is a comma).
    mutating func testList(allowStar: Bool = false) throws -> Expr {
        let start = peek
        let first = try test()
        guard check(",") else { return first }
        var items = [first]
        while match(",") {
            if isExpressionEnd() { break }
            items.append(try test())
        }
        return Expr(.tuple(items), range(from: start))
    }

    func isExpressionEnd() -> Bool {
        let t = peek
        if t.kind == .newline || t.kind == .eof || t.kind == .dedent { return true }
        if t.kind == .op && [")", "]", "}", "=", ";", ":"].contains(t.text) { return true }
        if t.kind == .op && t.text.count >= 2 && t.text.hasSuffix("=") && !["==", "!=", "<=", ">="].contains(t.text) { return true }
        return false
    }

    mutating func test() throws -> Expr {
        try enter()
        defer { depth -= 1 }
        if checkKeyword("lambda"), let e = unsupportedKeyword(peek) { throw e }
        let start = peek
        let body = try orTest()
        if checkKeyword("if") {
            advance()
            let cond = try orTest()
            guard matchKeyword("else") else { throw unexpected("expected 'else' after 'if' expression") }
            let other = try test()
            return Expr(.conditional(test: cond, then: body, otherwise: other), range(from: start))
        }
        return body
    }

    /// One more link in a left-deep chain (`a + b + c`, `a.b.c`, `f()()`): each deepens the
    /// tree by one, and evaluating or freeing the tree recurses that deep, so a chain counts
    /// against the nesting limit too (found by fuzzing: `1+1+...+1` overflowed the stack).
    mutating func link(_ links: inout Int) throws {
        try enter()
        links += 1
    }

    mutating func orTest() throws -> Expr {
        let start = peek
        var links = 0
        defer { depth -= links }
        var e = try andTest()
        while matchKeyword("or") { try link(&links); e = Expr(.or(e, try andTest()), range(from: start)) }
        return e
    }

    mutating func andTest() throws -> Expr {
        let start = peek
        var links = 0
        defer { depth -= links }
        var e = try notTest()
        while matchKeyword("and") { try link(&links); e = Expr(.and(e, try notTest()), range(from: start)) }
        return e
    }

    mutating func notTest() throws -> Expr {
        try enter()
        defer { depth -= 1 }
        let start = peek
        if matchKeyword("not") { return Expr(.not(try notTest()), range(from: start)) }
        return try comparison()
    }

    mutating func comparisonOperator() -> ComparisonOperator? {
        let t = peek
        if t.kind == .op, let op = ComparisonOperator(rawValue: t.text), !["in", "is"].contains(t.text) {
            advance(); return op
        }
        if t.kind == .op && t.text == "<>" { return nil }
        if t.kind == .name {
            if t.text == "in" { advance(); return .in }
            if t.text == "not" && peekAt(1).kind == .name && peekAt(1).text == "in" { advance(); advance(); return .notIn }
            if t.text == "is" {
                advance()
                if matchKeyword("not") { return .isNot }
                return .is
            }
        }
        return nil
    }

    mutating func comparison() throws -> Expr {
        let start = peek
        let first = try bitOr()
        var rest: [(ComparisonOperator, Expr)] = []
        while let op = comparisonOperator() { rest.append((op, try bitOr())) }
        if rest.isEmpty { return first }
        return Expr(.compare(first, rest), range(from: start))
    }

    mutating func binaryLevel(_ ops: [String], _ next: (inout Parser) throws -> Expr) throws -> Expr {
        let start = peek
        var links = 0
        defer { depth -= links }
        var e = try next(&self)
        while peek.kind == .op, ops.contains(peek.text), let op = BinaryOperator(rawValue: peek.text) {
            try link(&links)
            advance()
            let rhs = try next(&self)
            e = Expr(.binary(op, e, rhs), range(from: start))
        }
        return e
    }

    mutating func bitOr() throws -> Expr { try binaryLevel(["|"]) { try $0.bitXor() } }
    mutating func bitXor() throws -> Expr { try binaryLevel(["^"]) { try $0.bitAnd() } }
    mutating func bitAnd() throws -> Expr { try binaryLevel(["&"]) { try $0.shift() } }
    mutating func shift() throws -> Expr { try binaryLevel(["<<", ">>"]) { try $0.arith() } }
    mutating func arith() throws -> Expr { try binaryLevel(["+", "-"]) { try $0.term() } }
    mutating func term() throws -> Expr { try binaryLevel(["*", "/", "//", "%", "@"]) { try $0.factor() } }

    mutating func factor() throws -> Expr {
        try enter()
        defer { depth -= 1 }
        let start = peek
        if peek.kind == .op, ["-", "+", "~"].contains(peek.text), let op = UnaryOperator(rawValue: peek.text) {
            advance()
            let operand = try factor()
            return Expr(.unary(op, operand), range(from: start))
        }
        if check("*") || check("**") {
            throw ScriptError(.notSupported, "starred expressions (`*args`, `**kwargs`) are not supported in lessons", at: location(peek))
        }
        return try power()
    }

    mutating func power() throws -> Expr {
        let start = peek
        let base = try primary()
        if match("**") {
            let exp = try factor()
            return Expr(.binary(.power, base, exp), range(from: start))
        }
        return base
    }

    mutating func primary() throws -> Expr {
        let start = peek
        var links = 0
        defer { depth -= links }
        var e = try atom()
        while true {
            if check("(") || check("[") || check(".") { try link(&links) }
            if match("(") {
                e = try finishCall(e, start: start)
            } else if match("[") {
                let idx = try subscriptList()
                try expect("]", "expected ']'")
                e = Expr(.subscript(e, index: idx), range(from: start))
            } else if match(".") {
                guard peek.kind == .name else { throw unexpected() }
                let name = advance().text
                if Parser.keywords.contains(name) { throw syntaxError("invalid syntax", at: previous) }
                e = Expr(.attribute(e, name: name), range(from: start))
            } else {
                return e
            }
        }
    }

    mutating func finishCall(_ callee: Expr, start: Token) throws -> Expr {
        var args: [Expr] = []
        var keywords: [Keyword] = []
        while !check(")") {
            if check("*") || check("**") {
                throw ScriptError(.notSupported, "`*args` and `**kwargs` in calls are not supported in lessons", at: location(peek))
            }
            if peek.kind == .name, !Parser.keywords.contains(peek.text), peekAt(1).kind == .op, peekAt(1).text == "=" {
                let nameTok = advance()
                advance()
                let value = try test()
                if keywords.contains(where: { $0.name == nameTok.text }) {
                    throw syntaxError("keyword argument repeated: \(nameTok.text)", at: nameTok)
                }
                keywords.append(Keyword(name: nameTok.text, nameRange: SourceRange(start: nameTok.start, end: nameTok.end, location: location(nameTok)), value: value))
            } else {
                let argStart = peek
                let value = try test()
                if checkKeyword("for") {
                    // A generator argument `sum(x for x in xs)`: evaluated as a list.
                    let clauses = try comprehensionClauses()
                    args.append(Expr(.listComprehension(element: value, clauses: clauses), range(from: argStart)))
                } else {
                    if !keywords.isEmpty {
                        throw ScriptError(.syntaxError, "positional argument follows keyword argument", at: value.range.location)
                    }
                    args.append(value)
                }
            }
            if !match(",") { break }
        }
        try expect(")", "expected ')' or ',' in call")
        return Expr(.call(callee, arguments: args, keywords: keywords), range(from: start))
    }

    mutating func subscriptList() throws -> Expr {
        let start = peek
        let first = try subscriptItem()
        guard check(",") else { return first }
        var items = [first]
        while match(",") {
            if check("]") { break }
            items.append(try subscriptItem())
        }
        return Expr(.tuple(items), range(from: start))
    }

    mutating func subscriptItem() throws -> Expr {
        let start = peek
        var lo: Expr? = nil
        if !check(":") { lo = try test() }
        guard match(":") else {
            if let lo = lo { return lo }
            throw unexpected()
        }
        var hi: Expr? = nil, step: Expr? = nil
        if !check(":") && !check(",") && !check("]") { hi = try test() }
        if match(":") {
            if !check(",") && !check("]") { step = try test() }
        }
        return Expr(.slice(lo, hi, step), range(from: start))
    }

    mutating func comprehensionClauses() throws -> [ComprehensionClause] {
        var clauses: [ComprehensionClause] = []
        while checkKeyword("for") {
            advance()
            let target = try targetList()
            try validateTarget(target)
            guard matchKeyword("in") else { throw unexpected("expected 'in'") }
            let iterable = try orTest()
            var conds: [Expr] = []
            while checkKeyword("if") {
                advance()
                conds.append(try orTestNoCond())
            }
            clauses.append(ComprehensionClause(target: target, iterable: iterable, conditions: conds))
        }
        if checkKeyword("async") { throw unexpected() }
        return clauses
    }

    mutating func orTestNoCond() throws -> Expr { try orTest() }

    mutating func atom() throws -> Expr {
        let t = peek
        switch t.kind {
        case .int: advance(); return Expr(.int(t.intValue), range(from: t))
        case .float: advance(); return Expr(.float(t.floatValue), range(from: t))
        case .string: return try strings()
        case .name:
            if let e = unsupportedKeyword(t) { throw e }
            switch t.text {
            case "True": advance(); return Expr(.bool(true), range(from: t))
            case "False": advance(); return Expr(.bool(false), range(from: t))
            case "None": advance(); return Expr(.none, range(from: t))
            default:
                if Parser.keywords.contains(t.text) { throw syntaxError("invalid syntax", at: t) }
                advance()
                return Expr(.name(t.text), range(from: t))
            }
        case .op:
            switch t.text {
            case "(":
                advance()
                if match(")") { return Expr(.tuple([]), range(from: t)) }
                let first = try test()
                if checkKeyword("for") {
                    let clauses = try comprehensionClauses()
                    try expect(")", "expected ')'")
                    return Expr(.listComprehension(element: first, clauses: clauses), range(from: t))
                }
                if match(")") {
                    // Parenthesised expression: keep the inner node but widen its range.
                    return Expr(first.kind, range(from: t))
                }
                var items = [first]
                while match(",") {
                    if check(")") { break }
                    items.append(try test())
                }
                try expect(")", "expected ')'")
                return Expr(.tuple(items), range(from: t))
            case "[":
                advance()
                if match("]") { return Expr(.list([]), range(from: t)) }
                let first = try test()
                if checkKeyword("for") {
                    let clauses = try comprehensionClauses()
                    try expect("]", "expected ']'")
                    return Expr(.listComprehension(element: first, clauses: clauses), range(from: t))
                }
                var items = [first]
                while match(",") {
                    if check("]") { break }
                    items.append(try test())
                }
                try expect("]", "expected ']'")
                return Expr(.list(items), range(from: t))
            case "{":
                advance()
                var pairs: [(key: Expr, value: Expr)] = []
                while !check("}") {
                    if check("**") {
                        throw ScriptError(.notSupported, "`**` in dict literals is not supported in lessons", at: location(peek))
                    }
                    let k = try test()
                    guard match(":") else {
                        throw ScriptError(.notSupported, "set literals and comprehensions are not supported in lessons; use a list", at: k.range.location)
                    }
                    let v = try test()
                    if checkKeyword("for") {
                        throw ScriptError(.notSupported, "dict comprehensions are not supported in lessons", at: location(peek))
                    }
                    pairs.append((k, v))
                    if !match(",") { break }
                }
                try expect("}", "expected '}'")
                return Expr(.dict(pairs), range(from: t))
            case "...":
                advance()
                return Expr(.ellipsis, range(from: t))
            default:
                throw unexpected()
            }
        case .newline, .eof:
            throw syntaxError("invalid syntax", at: t)
        case .indent:
            throw ScriptError(.indentationError, "unexpected indent", at: location(t))
        case .dedent:
            throw syntaxError("invalid syntax", at: t)
        }
    }

    // MARK: Strings and f-strings

    mutating func strings() throws -> Expr {
        let start = peek
        var parts: [FStringPart] = []
        var anyF = false
        while peek.kind == .string {
            let t = advance()
            if t.isFString {
                anyF = true
                parts.append(contentsOf: try fstringParts(t, from: t.bodyOffset, to: t.bodyOffset + t.stringValue.unicodeScalars.count,
                                                          line: t.bodyLine, column: t.bodyColumn, depth: 0).parts)
            } else {
                parts.append(.literal(t.stringValue))
            }
        }
        if !anyF {
            var s = ""
            for p in parts { if case .literal(let l) = p { s += l } }
            return Expr(.string(s), range(from: start))
        }
        return Expr(.fstring(parts), range(from: start))
    }

    /// Splits an f-string body (cell offsets `from..<to`) into literal parts and fields.
    /// Stops at an unmatched `}` when `depth > 0` (format spec), returning its offset.
    func fstringParts(_ tok: Token, from: Int, to: Int, line startLine: Int, column startColumn: Int, depth: Int) throws -> (parts: [FStringPart], end: Int) {
        let sc = text.scalars
        if depth > 2 {
            throw ScriptError(.syntaxError, "f-string: expressions nested too deeply", at: text.location(line: startLine, column: startColumn))
        }
        var i = from, line = startLine, column = startColumn
        var parts: [FStringPart] = []
        var literal = String.UnicodeScalarView()
        func at(_ k: Int) -> Unicode.Scalar? { k >= 0 && k < to && k < sc.count ? sc[k] : nil }
        func err(_ m: String) -> ScriptError {
            ScriptError(.syntaxError, "f-string: " + m, at: text.location(line: line, column: column))
        }
        func step() {
            if let c = at(i), c == "\n" { line += 1; column = 1 } else { column += 1 }
            i += 1
        }
        func flush() {
            if !literal.isEmpty {
                let s = String(literal)
                parts.append(.literal(tok.isRaw ? s : Scanner.decodeEscapes(s)))
                literal = String.UnicodeScalarView()
            }
        }
        while i < to, let c = at(i) {
            if c == "\\" && !tok.isRaw, let n = at(i + 1) {
                literal.append(c); literal.append(n); step(); step(); continue
            }
            if c == "{" {
                if at(i + 1) == "{" && depth == 0 { literal.append("{"); step(); step(); continue }
                flush()
                let fieldLine = line, fieldColumn = column
                step()
                // Find the end of the expression: `!`, `:` or `}` at bracket depth 0, outside strings.
                let exprStart = i, exprLine = line, exprColumn = column
                var nest = 0
                var quote: Unicode.Scalar? = nil
                while i < to, let d = at(i) {
                    if let q = quote {
                        if d == q { quote = nil }
                        step(); continue
                    }
                    if d == "'" || d == "\"" { quote = d; step(); continue }
                    if d == "(" || d == "[" || d == "{" { nest += 1 }
                    else if d == ")" || d == "]" || (d == "}" && nest > 0) { nest -= 1 }
                    else if nest == 0 && (d == "}" || d == ":" || (d == "!" && at(i + 1) != "=")) { break }
                    step()
                }
                guard i < to else {
                    throw ScriptError(.syntaxError, "f-string: expecting '}'", at: text.location(line: fieldLine, column: fieldColumn))
                }
                var exprEnd = i
                // `{x=}` debugging form.
                var debugText: String? = nil
                var k = exprEnd - 1
                while k > exprStart, let w = at(k), w == " " { k -= 1 }
                if at(k) == "=", let prev = at(k - 1), !"=!<>".unicodeScalars.contains(prev) {
                    debugText = String(String.UnicodeScalarView(sc[exprStart..<exprEnd]))
                    exprEnd = k
                }
                let exprText = String(String.UnicodeScalarView(sc[exprStart..<exprEnd]))
                if exprText.allSatisfy({ $0 == " " || $0 == "\n" }) {
                    throw ScriptError(.syntaxError, "f-string: valid expression required before '}'", at: text.location(line: fieldLine, column: fieldColumn))
                }
                var sub = Scanner(text, from: exprStart, to: exprEnd, line: exprLine, column: exprColumn)
                let subTokens = try sub.scanTokens()
                var p = Parser(tokens: subTokens, text: text)
                let expr = try p.testList()
                if p.peek.kind != .eof { throw p.syntaxError("f-string: invalid syntax", at: p.peek) }
                var conversion: Character? = debugText != nil ? "r" : nil
                if at(i) == "!" {
                    step()
                    guard let cv = at(i), "rsa".unicodeScalars.contains(cv) else {
                        throw err("invalid conversion character: expected 's', 'r', or 'a'")
                    }
                    conversion = Character(cv)
                    step()
                }
                var spec: [FStringPart] = []
                if at(i) == ":" {
                    if debugText != nil && conversion == "r" && at(i - 1) != "r" { conversion = nil }
                    step()
                    let r = try fstringParts(tok, from: i, to: to, line: line, column: column, depth: depth + 1)
                    spec = r.parts
                    while i < r.end { step() }
                }
                guard at(i) == "}" else { throw err("expecting '}'") }
                step()
                parts.append(.field(expr, conversion: conversion, spec: spec, debugText: debugText))
                continue
            }
            if c == "}" {
                if depth > 0 { flush(); return (parts, i) }
                if at(i + 1) == "}" { literal.append("}"); step(); step(); continue }
                throw err("single '}' is not allowed")
            }
            literal.append(c)
            step()
        }
        if depth > 0 { throw err("expecting '}'") }
        flush()
        return (parts, i)
    }
}
