import Foundation

/// Result of a host operator hook: `nil` means "not implemented for this operand", and the
/// interpreter tries the other operand or raises Python's TypeError.
public typealias OperatorResult = Value?

/// A value implemented by the host (an NDArray, a Keras model, a layer, a History...).
/// Every requirement has a default that raises Python's error for an unsupported operation,
/// so an object implements only what it supports.
///
/// Errors thrown from these methods should be `ScriptError`s (use `.typeError(...)`,
/// `.valueError(...)`, ...); the interpreter adds the location of the expression.
public protocol HostObject: AnyObject {
    /// Python's type name for messages and the default repr (`ndarray`, `Sequential`).
    var typeName: String { get }
    /// `obj.name`; return nil when there is no such attribute (→ AttributeError).
    /// Methods are returned as `.function(BuiltinFunction(...))` closures capturing self.
    func getAttribute(_ name: String) throws -> Value?
    /// `obj.name = value`.
    func setAttribute(_ name: String, _ value: Value) throws
    /// `obj(...)` (e.g. calling a model on an array).
    func call(positional: [Value], keywords: [(String, Value)]) throws -> Value
    /// `obj[index]`; `index` is an int, a `.slice`, a `.tuple` of those, or any value.
    func getItem(_ index: Value) throws -> Value
    /// `obj[index] = value`.
    func setItem(_ index: Value, _ value: Value) throws
    /// `self op other` when `reflected` is false, `other op self` when true.
    /// Return nil if unsupported for this operand.
    func binaryOp(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> OperatorResult
    /// `-obj`, `+obj`, `~obj`; nil if unsupported.
    func unaryOp(_ op: UnaryOperator) throws -> OperatorResult
    /// Rich comparison `self op other` (reflected: `other op self`); nil if unsupported
    /// (== and != then fall back to identity).
    func compare(_ op: ComparisonOperator, _ other: Value, reflected: Bool) throws -> OperatorResult
    /// `repr(obj)`; default `<typeName object at 0x...>`.
    func repr() -> String
    /// `str(obj)`; default `repr()`.
    func str() -> String
    /// `len(obj)`; nil → TypeError "object of type 'X' has no len()".
    func length() throws -> Int?
    /// `for x in obj`; nil → TypeError "'X' object is not iterable".
    func iterate() throws -> ValueIterator?
    /// `bool(obj)`; default: length != 0 if it has one, else true.
    func truthiness() throws -> Bool
    /// `int(obj)`/`float(obj)` and use as an index: for scalar-like objects (NumPy scalars).
    func asInt() -> Int?
    func asDouble() -> Double?
    /// Format spec support (`f"{x:.4f}"`); default formats `asDouble()` if any.
    func format(_ spec: String) throws -> String?
}

extension HostObject {
    public var typeName: String { String(describing: type(of: self)) }
    public func getAttribute(_ name: String) throws -> Value? { nil }
    public func setAttribute(_ name: String, _ value: Value) throws {
        throw ScriptError.attributeError("'\(typeName)' object attribute '\(name)' is read-only")
    }
    public func call(positional: [Value], keywords: [(String, Value)]) throws -> Value {
        throw ScriptError.typeError("'\(typeName)' object is not callable")
    }
    public func getItem(_ index: Value) throws -> Value {
        throw ScriptError.typeError("'\(typeName)' object is not subscriptable")
    }
    public func setItem(_ index: Value, _ value: Value) throws {
        throw ScriptError.typeError("'\(typeName)' object does not support item assignment")
    }
    public func binaryOp(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> OperatorResult { nil }
    public func unaryOp(_ op: UnaryOperator) throws -> OperatorResult { nil }
    public func compare(_ op: ComparisonOperator, _ other: Value, reflected: Bool) throws -> OperatorResult { nil }
    public func repr() -> String {
        "<\(typeName) object at 0x\(String(UInt(bitPattern: ObjectIdentifier(self).hashValue), radix: 16))>"
    }
    public func str() -> String { repr() }
    public func length() throws -> Int? { nil }
    public func iterate() throws -> ValueIterator? { nil }
    public func truthiness() throws -> Bool {
        if let n = try length() { return n != 0 }
        return true
    }
    public func asInt() -> Int? { nil }
    public func asDouble() -> Double? { nil }
    public func format(_ spec: String) throws -> String? {
        if spec.isEmpty { return str() }
        if let i = asInt() { return try PythonFormat.format(.int(i), spec: spec) }
        if let d = asDouble() { return try PythonFormat.format(.float(d), spec: spec) }
        return nil
    }
}
