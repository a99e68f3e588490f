import Foundation

/// A Python `set` (insertion-ordered keys; small ints print sorted, as CPython's table does).
final class SetObject: HostObject {
    var storage = DictStorage()
    init() {}
    init(_ values: [Value]) throws { for v in values { try add(v) } }

    var typeName: String { "set" }
    var count: Int { storage.count }
    var elements: [Value] { storage.keys }
    func add(_ v: Value) throws { try storage.set(v, .none) }
    func contains(_ v: Value) throws -> Bool { try storage.get(v) != nil }

    /// CPython's order for a set of small non-negative ints is ascending.
    var displayOrder: [Value] {
        let ks = elements
        if ks.allSatisfy({ if case .int(let i) = $0 { return i >= 0 && i < 1 << 20 }; return false }) {
            return ks.sorted { ($0.intValue ?? 0) < ($1.intValue ?? 0) }
        }
        return ks
    }

    func repr() -> String {
        if count == 0 { return "set()" }
        return "{" + displayOrder.map { PythonFormat.repr($0) }.joined(separator: ", ") + "}"
    }
    func length() throws -> Int? { count }
    func iterate() throws -> ValueIterator? { ValueIterator(displayOrder) }

    func other(_ v: Value) throws -> SetObject? {
        if let s = v.object(as: SetObject.self) { return s }
        return nil
    }

    func binaryOp(_ op: BinaryOperator, _ otherValue: Value, reflected: Bool) throws -> OperatorResult {
        guard let o = try other(otherValue) else { return nil }
        let (a, b) = reflected ? (o, self) : (self, o)
        switch op {
        case .bitOr: return .object(try a.union(b))
        case .bitAnd: return .object(try a.intersection(b))
        case .subtract: return .object(try a.difference(b))
        case .bitXor: return .object(try SetObject(a.elements.filter { !(try b.contains($0)) } + b.elements.filter { !(try a.contains($0)) }))
        default: return nil
        }
    }

    func union(_ o: SetObject) throws -> SetObject { try SetObject(elements + o.elements) }
    func intersection(_ o: SetObject) throws -> SetObject { try SetObject(elements.filter { try o.contains($0) }) }
    func difference(_ o: SetObject) throws -> SetObject { try SetObject(elements.filter { !(try o.contains($0)) }) }
    func isSubset(_ o: SetObject) throws -> Bool { try elements.allSatisfy { try o.contains($0) } }

    func compare(_ op: ComparisonOperator, _ otherValue: Value, reflected: Bool) throws -> OperatorResult {
        guard let o = try other(otherValue) else {
            return op == .equal ? .bool(false) : (op == .notEqual ? .bool(true) : nil)
        }
        let (a, b) = reflected ? (o, self) : (self, o)
        switch op {
        case .equal: return .bool(try a.count == b.count && a.isSubset(b))
        case .notEqual: return .bool(!(try a.count == b.count && a.isSubset(b)))
        case .lessEqual: return .bool(try a.isSubset(b))
        case .less: return .bool(try a.count < b.count && a.isSubset(b))
        case .greaterEqual: return .bool(try b.isSubset(a))
        case .greater: return .bool(try b.count < a.count && b.isSubset(a))
        default: return nil
        }
    }

    func getAttribute(_ name: String) throws -> Value? {
        func m(_ body: @escaping (Arguments) throws -> Value) -> Value { .function(BuiltinFunction(name, isMethod: true, body)) }
        func setArg(_ a: Arguments) throws -> SetObject {
            guard let v = a.positional.first else { throw ScriptError.typeError("\(name)() takes exactly one argument (0 given)") }
            if let s = v.object(as: SetObject.self) { return s }
            guard let xs = v.sequenceElements ?? (v.object(as: HostObject.self).flatMap { try? $0.iterate() }.map { it in
                var out: [Value] = []
                while let x = try? it.next() { out.append(x) }
                return out
            }) else { throw ScriptError.typeError("'\(v.typeName)' object is not iterable") }
            return try SetObject(xs)
        }
        switch name {
        case "add": return m { [self] a in try self.add(a.positional.first ?? .none); return .none }
        case "discard": return m { [self] a in try self.storage.remove(a.positional.first ?? .none); return .none }
        case "remove": return m { [self] a in
            let v = a.positional.first ?? .none
            if try self.storage.remove(v) == nil { throw ScriptError.keyError(PythonFormat.repr(v)) }
            return .none
        }
        case "pop": return m { [self] _ in
            guard let v = self.displayOrder.first else { throw ScriptError.keyError("'pop from an empty set'") }
            try self.storage.remove(v)
            return v
        }
        case "clear": return m { [self] _ in self.storage = DictStorage(); return .none }
        case "copy": return m { [self] _ in .object(try SetObject(self.elements)) }
        case "update": return m { [self] a in for v in try setArg(a).elements { try self.add(v) }; return .none }
        case "union": return m { [self] a in .object(try self.union(try setArg(a))) }
        case "intersection": return m { [self] a in .object(try self.intersection(try setArg(a))) }
        case "difference": return m { [self] a in .object(try self.difference(try setArg(a))) }
        case "issubset": return m { [self] a in .bool(try self.isSubset(try setArg(a))) }
        case "issuperset": return m { [self] a in .bool(try setArg(a).isSubset(self)) }
        case "isdisjoint": return m { [self] a in .bool(try self.intersection(try setArg(a)).count == 0) }
        default: return nil
        }
    }
}
