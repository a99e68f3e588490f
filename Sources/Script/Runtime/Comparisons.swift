import Foundation

extension Interpreter {
    /// Python equality (deep for containers; host objects through `compare`).
    public func equal(_ a: Value, _ b: Value) throws -> Bool {
        switch (a, b) {
        case (.none, .none): return true
        case (.str(let x), .str(let y)): return x == y
        case (.list(let x), .list(let y)): return try sequenceEqual(x.items, y.items)
        case (.tuple(let x), .tuple(let y)): return try sequenceEqual(x, y)
        case (.dict(let x), .dict(let y)):
            guard x.count == y.count else { return false }
            for (k, v) in x.pairs {
                guard let w = try y.get(k), try equal(v, w) else { return false }
            }
            return true
        case (.range(let x), .range(let y)):
            return x.count == y.count && (x.count == 0 || (x.start == y.start && (x.count == 1 || x.step == y.step)))
        case (.slice(let x), .slice(let y)): return x.start == y.start && x.stop == y.stop && x.step == y.step
        case (.ellipsis, .ellipsis): return true
        default: break
        }
        if case .object(let o) = a, let r = try o.compare(.equal, b, reflected: false) { return try Interpreter.truthy(r) }
        if case .object(let o) = b, let r = try o.compare(.equal, a, reflected: true) { return try Interpreter.truthy(r) }
        if let x = a.intValue, let y = b.intValue, !isFloat(a), !isFloat(b) { return x == y }
        if let x = a.doubleValue, let y = b.doubleValue { return x == y }
        return identical(a, b)
    }

    func sequenceEqual(_ x: [Value], _ y: [Value]) throws -> Bool {
        guard x.count == y.count else { return false }
        for (p, q) in zip(x, y) where !(try equal(p, q)) { return false }
        return true
    }

    func identical(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.none, .none), (.ellipsis, .ellipsis): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.float(let x), .float(let y)): return x.bitPattern == y.bitPattern
        case (.str(let x), .str(let y)): return x == y
        case (.list(let x), .list(let y)): return x === y
        case (.dict(let x), .dict(let y)): return x === y
        case (.object(let x), .object(let y)): return x === y
        case (.module(let x), .module(let y)): return x === y
        case (.function(let x), .function(let y)): return x === y
        case (.tuple(let x), .tuple(let y)): return x.isEmpty && y.isEmpty
        default: return false
        }
    }

    /// Ordering: -1, 0, 1 for numbers, strings, lists and tuples.
    func order(_ a: Value, _ b: Value, _ op: ComparisonOperator) throws -> Int {
        switch (a, b) {
        case (.str(let x), .str(let y)): return x == y ? 0 : (x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars) ? -1 : 1)
        case (.list(let x), .list(let y)): return try orderSequences(x.items, y.items, op)
        case (.tuple(let x), .tuple(let y)): return try orderSequences(x, y, op)
        default: break
        }
        if let x = a.intValue, let y = b.intValue, !isFloat(a), !isFloat(b) { return x < y ? -1 : (x == y ? 0 : 1) }
        if let x = a.doubleValue, let y = b.doubleValue {
            if x.isNaN || y.isNaN { return 2 }  // unordered
            return x < y ? -1 : (x == y ? 0 : 1)
        }
        throw ScriptError.typeError("'\(op.rawValue)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
    }

    func orderSequences(_ x: [Value], _ y: [Value], _ op: ComparisonOperator) throws -> Int {
        for (p, q) in zip(x, y) where !(try equal(p, q)) { return try order(p, q, op) }
        return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
    }

    /// `a op b` for comparison operators (incl. `in`, `is`).
    public func compare(_ op: ComparisonOperator, _ a: Value, _ b: Value) throws -> Value {
        switch op {
        case .is: return .bool(identical(a, b))
        case .isNot: return .bool(!identical(a, b))
        case .in: return .bool(try contains(b, a))
        case .notIn: return .bool(!(try contains(b, a)))
        case .equal, .notEqual:
            if case .object(let o) = a, let r = try o.compare(op, b, reflected: false) { return r }
            if case .object(let o) = b, let r = try o.compare(op.reflected, a, reflected: true) { return r }
            let e = try equal(a, b)
            return .bool(op == .equal ? e : !e)
        default:
            if case .object(let o) = a, let r = try o.compare(op, b, reflected: false) { return r }
            if case .object(let o) = b, let r = try o.compare(op.reflected, a, reflected: true) { return r }
            let c = try order(a, b, op)
            if c == 2 { return .bool(false) }
            switch op {
            case .less: return .bool(c < 0)
            case .lessEqual: return .bool(c <= 0)
            case .greater: return .bool(c > 0)
            default: return .bool(c >= 0)
            }
        }
    }

    /// `item in container`.
    public func contains(_ container: Value, _ item: Value) throws -> Bool {
        switch container {
        case .str(let s):
            guard case .str(let sub) = item else {
                throw ScriptError.typeError("'in <string>' requires string as left operand, not \(item.typeName)")
            }
            return sub.isEmpty || s.contains(sub)
        case .dict(let d): return try d.get(item) != nil
        case .range(let r):
            guard let i = item.intValue, !isFloat(item) else {
                if let d = item.doubleValue, d == d.rounded(), abs(d) < 9e18 { return try contains(container, .int(Int(d))) }
                return false
            }
            guard r.step != 0 else { return false }
            if r.step > 0 ? (i < r.start || i >= r.stop) : (i > r.start || i <= r.stop) { return false }
            if r.step == 1 || r.step == -1 { return true }
            return (i &- r.start) % r.step == 0
        case .object(let o as SetObject): return try o.contains(item)
        default:
            // PyObject_RichCompareBool: the same object is in without its `__eq__` being asked.
            let it = try iterate(container)
            // (Objects only: our floats have no identity, and `nan in [nan]` is False for two nans.)
            while let x = try it.next() {
                if case .object(let a) = x, case .object(let b) = item, a === b { return true }
                if try equal(x, item) { return true }
            }
            return false
        }
    }
}
