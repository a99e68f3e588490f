import Foundation

extension Interpreter {
    // MARK: Expressions

    func lookup(_ name: String) throws -> Value {
        if let v = lookupVariable(name) { return v }
        if let why = Interpreter.forbiddenNames[name] {
            throw ScriptError.notSupported(why + ". " + ScriptError.supportedSubset)
        }
        var msg = "name '\(name)' is not defined"
        if let s = suggestion(for: name) { msg += ". Did you mean: '\(s)'?" }
        throw ScriptError.nameError(msg)
    }

    /// CPython 3.11's "Did you mean" (Python/suggestions.c): locals, then globals, then builtins.
    func suggestion(for name: String) -> String? {
        let n = Array(name.unicodeScalars)
        guard n.count <= 40 else { return nil }
        var groups: [[String]] = []
        if let inner = localScopes.last { groups.append(inner.vars.keys.sorted()) }
        groups.append(globals.keys.sorted())
        groups.append(builtins.keys.sorted())
        for candidates in groups where candidates.count <= 750 {
            var best: String? = nil
            var bestDistance = Int.max
            for c in candidates where c != name {
                let item = Array(c.unicodeScalars)
                var maxDistance = (n.count + item.count + 3) * 2 / 6
                if bestDistance - 1 < maxDistance { maxDistance = bestDistance - 1 }
                let d = Interpreter.levenshtein(n, item, maxDistance)
                if d > maxDistance { continue }
                if best == nil || d < bestDistance { best = c; bestDistance = d }
            }
            if let b = best { return b }
        }
        return nil
    }

    /// CPython's weighted edit distance: a move costs 2, a change of case 1.
    static func levenshtein(_ a0: [Unicode.Scalar], _ b0: [Unicode.Scalar], _ maxCost: Int) -> Int {
        var a = a0[...], b = b0[...]
        if a == b { return 0 }
        while let x = a.first, let y = b.first, x == y { a = a.dropFirst(); b = b.dropFirst() }
        while let x = a.last, let y = b.last, x == y { a = a.dropLast(); b = b.dropLast() }
        if a.isEmpty || b.isEmpty { return (a.count + b.count) * 2 }
        if a.count > 40 || b.count > 40 { return maxCost + 1 }
        if a.count > b.count { swap(&a, &b) }
        if (b.count - a.count) * 2 > maxCost { return maxCost + 1 }
        func cost(_ x: Unicode.Scalar, _ y: Unicode.Scalar) -> Int {
            if x == y { return 0 }
            return String(x).lowercased() == String(y).lowercased() ? 1 : 2
        }
        let aa = Array(a), bb = Array(b)
        var buffer = (0..<aa.count).map { ($0 + 1) * 2 }
        var result = 0
        for (bi, code) in bb.enumerated() {
            var distance = bi * 2
            result = distance
            var minimum = Int.max
            for ai in 0..<aa.count {
                let substitute = distance + cost(code, aa[ai])
                distance = buffer[ai]
                let insertDelete = min(result, distance) + 2
                result = min(insertDelete, substitute)
                buffer[ai] = result
                minimum = min(minimum, result)
            }
            if minimum > maxCost { return maxCost + 1 }
        }
        return result
    }

    /// Evaluates an expression; errors without a location get this expression's.
    public func eval(_ e: Expr) throws -> Value {
        do {
            return try evalInner(e)
        } catch let err as ScriptError {
            throw err.located(e.range.location)
        } catch {
            throw ScriptError(.runtimeError, String(describing: error), at: e.range.location)
        }
    }

    /// One case per helper: in debug builds a function's frame holds every case's locals, and
    /// lesson recursion goes through here, so this frame stays small (deeper recursion fits).
    func evalInner(_ e: Expr) throws -> Value {
        switch e.kind {
        case .name(let n): return try lookup(n)
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .bool(let b): return .bool(b)
        case .none: return .none
        case .ellipsis: return .ellipsis
        case .call: return try evalCall(e)
        case .binary: return try evalBinary(e)
        case .attribute: return try evalAttribute(e)
        case .subscript: return try evalSubscript(e)
        case .conditional: return try evalConditional(e)
        case .compare: return try evalCompare(e)
        case .and, .or, .not, .unary: return try evalLogic(e)
        default: return try evalOther(e)
        }
    }

    @inline(never) func evalCall(_ e: Expr) throws -> Value {
        guard case .call(let calleeExpr, let argExprs, let kwExprs) = e.kind else { return .none }
        let callee = try eval(calleeExpr)
        let args = try evalElements(argExprs)
        let kws = try evalKeywords(kwExprs)
        currentLocation = e.range.location
        return try call(callee, positional: args, keywords: kws)
    }

    @inline(never) func evalBinary(_ e: Expr) throws -> Value {
        guard case .binary(let op, let a, let b) = e.kind else { return .none }
        return try binary(op, try eval(a), try eval(b))
    }

    @inline(never) func evalAttribute(_ e: Expr) throws -> Value {
        guard case .attribute(let objExpr, let name) = e.kind else { return .none }
        return try getAttribute(try eval(objExpr), name)
    }

    @inline(never) func evalSubscript(_ e: Expr) throws -> Value {
        guard case .subscript(let objExpr, let indexExpr) = e.kind else { return .none }
        let obj = try eval(objExpr)
        return try getItem(obj, try evalIndex(indexExpr))
    }

    @inline(never) func evalConditional(_ e: Expr) throws -> Value {
        guard case .conditional(let test, let a, let b) = e.kind else { return .none }
        return try Interpreter.truthy(try eval(test)) ? try eval(a) : try eval(b)
    }

    @inline(never) func evalCompare(_ e: Expr) throws -> Value {
        guard case .compare(let first, let rest) = e.kind else { return .none }
        var left = try eval(first)
        var result: Value = .bool(true)
        for (index, (op, rhsExpr)) in rest.enumerated() {
            let right = try eval(rhsExpr)
            result = try compare(op, left, right)
            // Only a chain needs the truth of a link (`x > 6` on an array is an array).
            if index < rest.count - 1, !(try Interpreter.truthy(result)) { return result }
            left = right
        }
        return result
    }

    @inline(never) func evalLogic(_ e: Expr) throws -> Value {
        switch e.kind {
        case .unary(let op, let a): return try unary(op, try eval(a))
        case .not(let a): return .bool(!(try Interpreter.truthy(try eval(a))))
        case .and(let a, let b):
            let x = try eval(a)
            return try Interpreter.truthy(x) ? try eval(b) : x
        case .or(let a, let b):
            let x = try eval(a)
            return try Interpreter.truthy(x) ? x : try eval(b)
        default: return .none
        }
    }

    @inline(never) func evalOther(_ e: Expr) throws -> Value {
        switch e.kind {
        case .string(let s): return .str(s)
        case .fstring(let parts): return .str(try evalFString(parts))
        case .list(let xs): return .list(ListStorage(try evalElements(xs)))
        case .tuple(let xs): return .tuple(try evalElements(xs))
        case .dict(let pairs):
            let d = DictStorage()
            for (k, v) in pairs { try d.set(try eval(k), try eval(v)) }
            return .dict(d)
        case .listComprehension(let element, let clauses):
            var out: [Value] = []
            localScopes.append(Scope(isComprehension: true))
            defer { localScopes.removeLast() }
            try comprehension(element, clauses, 0, &out)
            return .list(ListStorage(out))
        case .slice:
            return try evalIndex(e)
        default:
            return try evalExtended(e)
        }
    }

    func comprehension(_ element: Expr, _ clauses: [ComprehensionClause], _ k: Int, _ out: inout [Value]) throws {
        guard k < clauses.count else {
            out.append(try eval(element))
            try chargeElement("list")
            if out.count > limits.maxCollectionLength {
                throw ScriptError.memoryError("list would have more than \(limits.maxCollectionLength) elements; lessons are limited")
            }
            return
        }
        let c = clauses[k]
        let it = try iterate(try eval(c.iterable))
        outer: while let x = try it.next() {
            try assign(c.target, x)
            for cond in c.conditions where !(try Interpreter.truthy(try eval(cond))) { continue outer }
            try comprehension(element, clauses, k + 1, &out)
        }
    }

    func evalFString(_ parts: [FStringPart]) throws -> String {
        var s = ""
        for p in parts {
            switch p {
            case .literal(let l): s += l
            case .field(let e, let conv, let specParts, let debug):
                let v = try eval(e)
                let spec = try evalFString(specParts)
                if let d = debug { s += d }
                switch conv {
                case "r": s += try PythonFormat.format(.str(PythonFormat.repr(v)), spec: spec)
                case "s": s += try PythonFormat.format(.str(PythonFormat.str(v)), spec: spec)
                case "a": s += try PythonFormat.format(.str(PythonFormat.repr(v)), spec: spec)
                default: s += try PythonFormat.format(v, spec: spec)
                }
                if s.unicodeScalars.count > limits.maxCollectionLength {
                    throw ScriptError.memoryError("string too long")
                }
            }
        }
        try chargeString(s.utf8.count)
        return s
    }

    /// Evaluates a subscript index: slices become `.slice`, tuples hold slices/ints/values.
    func evalIndex(_ e: Expr) throws -> Value {
        switch e.kind {
        case .slice(let a, let b, let c):
            func bound(_ x: Expr?) throws -> Int? {
                guard let x = x else { return nil }
                let v = try eval(x)
                if v.isNone { return nil }
                if let i = v.intValue { return i }
                if case .object(let o) = v, let i = o.asInt() { return i }
                throw ScriptError.typeError("slice indices must be integers or None or have an __index__ method").located(x.range.location)
            }
            return .slice(SliceValue(start: try bound(a), stop: try bound(b), step: try bound(c)))
        case .tuple(let xs):
            return .tuple(try xs.map { try evalIndex($0) })
        default:
            return try eval(e)
        }
    }
}
