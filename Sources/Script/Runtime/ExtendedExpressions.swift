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
            var out: [Value] = []
            try comprehensionScope(clauses) { out.append(try self.eval(element)); try self.checkedLength(out.count, "generator"); try self.chargeElement("generator") }
            return .object(GeneratorObject(out, name: "<genexpr>"))
        case .dictDisplay(let pairs):
            let d = DictStorage()
            for (k, v) in pairs {
                if let k = k { try d.set(try eval(k), try eval(v)); continue }
                let m = try eval(v)
                guard case .dict(let other) = m else { throw ScriptError.typeError("'\(m.typeName)' object is not a mapping") }
                for (kk, vv) in other.pairs { try d.set(kk, vv) }
            }
            return .dict(d)
        case .yield(let x):
            try yieldValue(try x.map { try eval($0) } ?? .none)
            return .none
        case .yieldFrom(let x):
            let it = try iterate(try eval(x))
            while let v = try it.next() { try yieldValue(v) }
            return .none
        default:
            throw ScriptError(.syntaxError, "invalid syntax")
        }
    }

    func yieldValue(_ v: Value) throws {
        guard !runtime.yieldSinks.isEmpty else { throw ScriptError(.syntaxError, "'yield' outside function") }
        runtime.yieldSinks[runtime.yieldSinks.count - 1].append(v)
        try checkedLength(runtime.yieldSinks[runtime.yieldSinks.count - 1].count, "generator")
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

/// A generator: the values its function yielded (run to the end when called, bounded by the
/// collection limit), handed out once.
final class GeneratorObject: HostObject {
    var items: [Value]
    var position = 0
    let name: String
    init(_ items: [Value], name: String) {
        self.items = items
        self.name = name
    }
    var typeName: String { "generator" }
    func repr() -> String { "<generator object \(name) at \(objectAddress(self))>" }
    func next() -> Value? {
        guard position < items.count else { return nil }
        defer { position += 1 }
        return items[position]
    }
    func iterate() throws -> ValueIterator? { ValueIterator { [self] in self.next() } }
}
