import Foundation

/// The special methods a lesson class may define (`__len__`, `__add__`, `__repr__`, ...),
/// seen by the interpreter through the host-object protocol.
extension InstanceObject {
    static let binaryNames: [BinaryOperator: String] = [
        .add: "add", .subtract: "sub", .multiply: "mul", .divide: "truediv", .floorDivide: "floordiv",
        .modulo: "mod", .power: "pow", .matmul: "matmul", .bitAnd: "and", .bitOr: "or", .bitXor: "xor",
        .leftShift: "lshift", .rightShift: "rshift",
    ]
    static let comparisonNames: [ComparisonOperator: String] = [
        .equal: "__eq__", .notEqual: "__ne__", .less: "__lt__", .lessEqual: "__le__", .greater: "__gt__", .greaterEqual: "__ge__",
    ]

    /// Calls a special method if the class (not the instance) defines it.
    func special(_ name: String, _ args: [Value]) throws -> Value? {
        guard let (v, _) = cls.find(name) else {
            if let h = try ensureHostPart(), let m = try h.getAttribute(name) { return try interpreter.call(m, positional: args) }
            return nil
        }
        return try interpreter.call(try bind(v), positional: args)
    }

    func isNotImplemented(_ v: Value) -> Bool { v.object(as: NotImplementedObject.self) != nil }

    public func call(positional: [Value], keywords: [(String, Value)]) throws -> Value {
        guard let (v, _) = cls.find("__call__") else {
            if let h = try ensureHostPart() { return try h.call(positional: positional, keywords: keywords) }
            throw ScriptError.typeError("'\(cls.name)' object is not callable")
        }
        return try interpreter.call(try bind(v), positional: positional, keywords: keywords)
    }

    public func getItem(_ index: Value) throws -> Value {
        if let r = try special("__getitem__", [index]) { return r }
        throw ScriptError.typeError("'\(cls.name)' object is not subscriptable")
    }

    public func setItem(_ index: Value, _ value: Value) throws {
        if try special("__setitem__", [index, value]) != nil { return }
        throw ScriptError.typeError("'\(cls.name)' object does not support item assignment")
    }

    public func binaryOp(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> OperatorResult {
        guard let base = InstanceObject.binaryNames[op] else { return nil }
        guard let r = try special(reflected ? "__r\(base)__" : "__\(base)__", [other]), !isNotImplemented(r) else { return nil }
        return r
    }

    public func unaryOp(_ op: UnaryOperator) throws -> OperatorResult {
        let name = op == .negate ? "__neg__" : (op == .plus ? "__pos__" : "__invert__")
        return try special(name, [])
    }

    public func compare(_ op: ComparisonOperator, _ other: Value, reflected: Bool) throws -> OperatorResult {
        guard let name = InstanceObject.comparisonNames[op] else { return nil }
        if let r = try special(name, [other]), !isNotImplemented(r) { return r }
        if op == .notEqual, let r = try special("__eq__", [other]), !isNotImplemented(r) {
            return .bool(!(try Interpreter.truthy(r)))
        }
        if op == .equal || op == .notEqual {
            let same = other.object(as: InstanceObject.self) === self
            return .bool(same == (op == .equal))
        }
        return nil
    }

    public func repr() -> String {
        if cls.find("__repr__") != nil, let r = try? special("__repr__", []), case .str(let s) = r { return s }
        if let e = exceptionRepr() { return e }
        if cls.find("__repr__") == nil, let h = hostPart { return h.repr() }
        return "<__main__.\(cls.name) object at \(objectAddress(self))>"
    }

    public func str() -> String {
        if cls.find("__str__") != nil, let r = try? special("__str__", []), case .str(let s) = r { return s }
        if let e = exceptionStr() { return e }
        return repr()
    }

    public func length() throws -> Int? {
        guard let r = try special("__len__", []) else { return nil }
        guard let n = r.intValue else { throw ScriptError.typeError("'\(r.typeName)' object cannot be interpreted as an integer") }
        if n < 0 { throw ScriptError.valueError("__len__() should return >= 0") }
        return n
    }

    public func iterate() throws -> ValueIterator? {
        if cls.find("__iter__") != nil, let it = try special("__iter__", []) {
            if case .object(let o) = it, o === self {
                return ValueIterator { [self] in try self.nextValue() }
            }
            return try interpreter.rawIterator(it)
        }
        if cls.find("__next__") != nil { return ValueIterator { [self] in try self.nextValue() } }
        if cls.find("__getitem__") != nil {
            var i = 0
            return ValueIterator { [self] in
                do {
                    defer { i += 1 }
                    return try self.getItem(.int(i))
                } catch let e as ScriptError where e.kind == .indexError || e.kind == .stopIteration {
                    return nil
                }
            }
        }
        if let h = try ensureHostPart() { return try h.iterate() }
        return nil
    }

    /// `__next__` until it raises StopIteration.
    func nextValue() throws -> Value? {
        do {
            return try special("__next__", [])
        } catch let e as ScriptError where e.kind == .stopIteration {
            return nil
        }
    }

    public func truthiness() throws -> Bool {
        if let r = try special("__bool__", []) { return try Interpreter.truthy(r) }
        if let n = try length() { return n != 0 }
        return true
    }

    public func asInt() -> Int? {
        if cls.find("__index__") != nil, let r = try? special("__index__", []) { return r.intValue }
        return hostPart?.asInt()
    }

    public func asDouble() -> Double? {
        if cls.find("__float__") != nil, let r = try? special("__float__", []) { return r.doubleValue }
        return hostPart?.asDouble()
    }

    public func format(_ spec: String) throws -> String? {
        if cls.find("__format__") != nil, let r = try special("__format__", [.str(spec)]), case .str(let s) = r { return s }
        if spec.isEmpty { return str() }
        return nil
    }
}

/// `NotImplemented`, which a special method returns to let the other operand try.
final class NotImplementedObject: HostObject {
    var typeName: String { "NotImplementedType" }
    func repr() -> String { "NotImplemented" }
}
