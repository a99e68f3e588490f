import Foundation

/// Lambdas, unpacking, walrus, set/dict comprehensions, generators and `yield`.
extension Interpreter {
    func evalExtended(_ e: Expr) throws -> Value {
        switch e.kind {
        case .lambda(let decl):
            return .object(try makeFunction(decl))
        case .starred:
            throw ScriptError(.syntaxError, "can't use starred expression here")
        case .walrus(let name, let valueExpr):
            let v = try eval(valueExpr)
            // In a comprehension the name belongs to the enclosing scope.
            if let i = localScopes.lastIndex(where: { !$0.isComprehension }) {
                localScopes[i].vars[name] = v
            } else if localScopes.isEmpty {
                setVariable(name, v)
            } else {
                globals[name] = v
            }
            return v
        case .set(let xs):
            let s = SetObject()
            for x in try evalElements(xs) { try s.add(x) }
            return .object(s)
        case .setComprehension(let element, let clauses):
            let s = SetObject()
            try comprehensionScope(clauses) { try s.add(try self.eval(element)); try self.checkedLength(s.count, "set"); try self.chargeElement("set") }
            return .object(s)
        case .dictComprehension(let k, let v, let clauses):
            let d = DictStorage()
            try comprehensionScope(clauses) { try d.set(try self.eval(k), try self.eval(v)); try self.checkedLength(d.count, "dict"); try self.chargeElement("dict") }
            return .dict(d)
        case .generator(let element, let clauses):
            return .object(try generatorExpression(element, clauses))
        case .dictDisplay(let pairs):
            let d = DictStorage()
            for (k, v) in pairs {
                if let k = k { try d.set(try eval(k), try eval(v)); continue }
                let m = try eval(v)
                guard case .dict(let other) = m else { throw ScriptError.typeError("'\(m.typeName)' object is not a mapping") }
                for (kk, vv) in other.pairs { try d.set(kk, vv) }
            }
            return .dict(d)
        case .yield, .yieldFrom:
            // A generator body steps its `yield` statements itself (GeneratorRun); any other
            // place is one it does not resume into.
            throw ScriptError.notSupported(Interpreter.yieldPlacement)
        default:
            throw ScriptError(.syntaxError, "invalid syntax")
        }
    }

    /// `(element for target in iterable if cond ...)`: the first iterable is evaluated now,
    /// the rest lazily, as nested `for`/`if` statements around a `yield` in its own scope.
    func generatorExpression(_ element: Expr, _ clauses: [ComprehensionClause]) throws -> GeneratorObject {
        guard let first = clauses.first else { throw ScriptError(.syntaxError, "invalid syntax") }
        let it = try iterate(try eval(first.iterable))
        var body = [Stmt(kind: .expression(Expr(.yield(element), element.range), hasSemicolon: false), range: element.range)]
        for k in stride(from: clauses.count - 1, through: 0, by: -1) {
            let c = clauses[k]
            for cond in c.conditions.reversed() {
                body = [Stmt(kind: .if(branches: [(condition: cond, body: body)], orElse: []), range: cond.range)]
            }
            if k > 0 { body = [Stmt(kind: .for(target: c.target, iterable: c.iterable, body: body, orElse: []), range: c.iterable.range)] }
        }
        let loop = GeneratorBlock(kind: .forLoop(target: first.target, iterator: it, orElse: []), stmts: body, index: body.count)
        return GeneratorObject(name: "<genexpr>", interpreter: self, function: nil, firstArgument: nil,
                               scopes: closureScopes + [Scope(isComprehension: true)], blocks: [loop])
    }

    /// Runs `body` for each combination of the clauses, in a comprehension's own scope.
    func comprehensionScope(_ clauses: [ComprehensionClause], _ body: () throws -> Void) throws {
        localScopes.append(Scope(isComprehension: true))
        defer { localScopes.removeLast() }
        try comprehensionLoop(clauses, 0, body)
    }

    func comprehensionLoop(_ clauses: [ComprehensionClause], _ k: Int, _ body: () throws -> Void) throws {
        guard k < clauses.count else { return try body() }
        let c = clauses[k]
        let it = try iterate(try eval(c.iterable))
        outer: while let x = try it.next() {
            try assign(c.target, x)
            for cond in c.conditions where !(try Interpreter.truthy(try eval(cond))) { continue outer }
            try comprehensionLoop(clauses, k + 1, body)
        }
    }

    /// The elements of a list/tuple/set display or of positional arguments, `*x` expanded.
    func evalElements(_ xs: [Expr]) throws -> [Value] {
        var out: [Value] = []
        out.reserveCapacity(xs.count)
        for x in xs {
            if case .starred(let inner) = x.kind {
                let items = try materialize(try eval(inner))
                try checkedLength(out.count + items.count, "sequence")
                out.append(contentsOf: items)
            } else {
                out.append(try eval(x))
            }
        }
        return out
    }

    /// Keyword arguments, `**mapping` expanded.
    func evalKeywords(_ kws: [Keyword]) throws -> [(String, Value)] {
        var out: [(String, Value)] = []
        for k in kws {
            guard k.name == "**" else { out.append((k.name, try eval(k.value))); continue }
            let m = try eval(k.value)
            guard case .dict(let d) = m else { throw ScriptError.typeError("argument after ** must be a mapping, not \(m.typeName)") }
            for (key, v) in d.pairs {
                guard case .str(let s) = key else { throw ScriptError.typeError("keywords must be strings") }
                out.append((s, v))
            }
        }
        return out
    }

    /// `a, *rest, z = values`.
    func assignUnpacking(_ targets: [Expr], _ v: Value) throws {
        let values = try materialize(v)
        guard let star = targets.firstIndex(where: { if case .starred = $0.kind { return true }; return false }) else {
            if values.count > targets.count {
                throw ScriptError.valueError("too many values to unpack (expected \(targets.count))")
            }
            if values.count < targets.count {
                throw ScriptError.valueError("not enough values to unpack (expected \(targets.count), got \(values.count))")
            }
            for (t, x) in zip(targets, values) { try assign(t, x) }
            return
        }
        let after = targets.count - star - 1
        guard values.count >= targets.count - 1 else {
            throw ScriptError.valueError("not enough values to unpack (expected at least \(targets.count - 1), got \(values.count))")
        }
        for i in 0..<star { try assign(targets[i], values[i]) }
        if case .starred(let inner) = targets[star].kind {
            try assign(inner, .list(ListStorage(Array(values[star..<(values.count - after)]))))
        }
        for j in 0..<after { try assign(targets[star + 1 + j], values[values.count - after + j]) }
    }
}
