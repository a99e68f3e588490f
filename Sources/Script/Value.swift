/// A lesson value. Lists and dicts have reference semantics (like Python); host values
/// (arrays, models, layers, ...) are `.object(HostObject)`.
public enum Value {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case str(String)
    case list(ListStorage)
    case tuple([Value])
    case dict(DictStorage)
    case slice(SliceValue)
    case range(RangeValue)
    case function(BuiltinFunction)
    case module(ModuleValue)
    case object(HostObject)
    case ellipsis

    /// Python's type name (`int`, `str`, `list`, or the host object's `typeName`).
    public var typeName: String {
        switch self {
        case .none: return "NoneType"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .str: return "str"
        case .list: return "list"
        case .tuple: return "tuple"
        case .dict: return "dict"
        case .slice: return "slice"
        case .range: return "range"
        case .function: return "builtin_function_or_method"
        case .module: return "module"
        case .object(let o): return o.typeName
        case .ellipsis: return "ellipsis"
        }
    }

    /// A new list value.
    public static func list(_ items: [Value]) -> Value { .list(ListStorage(items)) }

    /// `repr(value)` as Python prints it.
    public var repr: String { PythonFormat.repr(self) }
    /// `str(value)` as Python prints it.
    public var str: String { PythonFormat.str(self) }

    public var isNone: Bool { if case .none = self { return true }; return false }

    /// The value as an Int if it is an int or bool.
    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    /// The value as a Double if it is a float, int or bool.
    public var doubleValue: Double? {
        switch self {
        case .float(let d): return d
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    public var stringValue: String? { if case .str(let s) = self { return s }; return nil }

    /// Elements of a tuple or list (nil for other values).
    public var sequenceElements: [Value]? {
        switch self {
        case .tuple(let xs): return xs
        case .list(let l): return l.items
        default: return nil
        }
    }

    /// The host object, if any, cast to `T`.
    public func object<T>(as type: T.Type) -> T? {
        if case .object(let o) = self { return o as? T }
        return nil
    }
}

extension Value: CustomStringConvertible {
    /// The repr, as Python prints it.
    public var description: String { PythonFormat.repr(self) }
}

/// A Python list (reference semantics).
public final class ListStorage {
    public var items: [Value]
    public init(_ items: [Value] = []) { self.items = items }
}

/// A hashable key for dicts: ints, floats, bools, strings, None, tuples of keys, and host
/// objects by identity.
public enum HashKey: Hashable {
    case none
    case int(Int)
    case float(Double)
    case str(String)
    case tuple([HashKey])
    case object(ObjectIdentifier)

    public init(_ v: Value) throws {
        switch v {
        case .none: self = .none
        case .bool(let b): self = .int(b ? 1 : 0)
        case .int(let i): self = .int(i)
        case .float(let d):
            if d.rounded() == d, abs(d) < 9.0e18 { self = .int(Int(d)) } else { self = .float(d) }
        case .str(let s): self = .str(s)
        case .tuple(let xs): self = .tuple(try xs.map { try HashKey($0) })
        case .object(let o): self = .object(ObjectIdentifier(o))
        case .module(let m): self = .object(ObjectIdentifier(m))
        case .function(let f): self = .object(ObjectIdentifier(f))
        default: throw ScriptError.typeError("unhashable type: '\(v.typeName)'")
        }
    }
}

/// A Python dict: insertion-ordered, reference semantics.
public final class DictStorage {
    public private(set) var keys: [Value] = []
    public private(set) var values: [Value] = []
    private var index: [HashKey: Int] = [:]

    public init() {}
    public init(_ pairs: [(String, Value)]) {
        for (k, v) in pairs { try? set(.str(k), v) }
    }

    public var count: Int { keys.count }

    public func get(_ key: Value) throws -> Value? {
        guard let i = index[try HashKey(key)] else { return nil }
        return values[i]
    }

    public func set(_ key: Value, _ value: Value) throws {
        let h = try HashKey(key)
        if let i = index[h] { values[i] = value; return }
        index[h] = keys.count
        keys.append(key)
        values.append(value)
    }

    /// Removes a key; returns its value.
    @discardableResult public func remove(_ key: Value) throws -> Value? {
        let h = try HashKey(key)
        guard let i = index[h] else { return nil }
        let v = values[i]
        keys.remove(at: i)
        values.remove(at: i)
        index = [:]
        for (j, k) in keys.enumerated() { if let hk = try? HashKey(k) { index[hk] = j } }
        return v
    }

    public var pairs: [(Value, Value)] { Array(zip(keys, values)) }
}

/// `slice(start, stop, step)`; nil members are Python's None.
public struct SliceValue {
    public var start: Int?
    public var stop: Int?
    public var step: Int?

    public init(start: Int?, stop: Int?, step: Int?) {
        self.start = start
        self.stop = stop
        self.step = step
    }

    /// Python's `slice.indices(length)`: concrete start, stop, step, and element count.
    public func indices(length: Int) throws -> (start: Int, stop: Int, step: Int, count: Int) {
        var step = self.step ?? 1
        if step == 0 { throw ScriptError.valueError("slice step cannot be zero") }
        if step == Int.min { step = -Int.max }
        func clamp(_ v: Int?, _ def: Int, lower: Int, upper: Int) -> Int {
            guard var v = v else { return def }
            if v < 0 { v = v &+ length; if v < lower { v = lower } } else if v > upper { v = upper }
            return v
        }
        let start: Int, stop: Int
        if step > 0 {
            start = clamp(self.start, 0, lower: 0, upper: length)
            stop = clamp(self.stop, length, lower: 0, upper: length)
        } else {
            start = clamp(self.start, length - 1, lower: -1, upper: length - 1)
            stop = clamp(self.stop, -1, lower: -1, upper: length - 1)
        }
        var count = 0
        if step > 0, stop > start { count = (stop - start - 1) / step + 1 }
        if step < 0, start > stop { count = (start - stop - 1) / (-step) + 1 }
        return (start, stop, step, count)
    }
}

/// `range(start, stop, step)`, never materialised unless converted to a list.
public struct RangeValue {
    public var start: Int
    public var stop: Int
    public var step: Int

    public init(start: Int, stop: Int, step: Int) {
        self.start = start
        self.stop = stop
        self.step = step
    }

    /// Number of elements (saturating at `Int.max` for absurd ranges).
    public var count: Int {
        var n = 0.0
        if step > 0, stop > start { n = ((Double(stop) - Double(start) - 1) / Double(step)).rounded(.down) + 1 }
        if step < 0, start > stop { n = ((Double(start) - Double(stop) - 1) / -Double(step)).rounded(.down) + 1 }
        if n >= 9.0e18 { return Int.max }
        // Exact arithmetic where it fits.
        if step > 0, stop > start {
            let (d, o) = stop.subtractingReportingOverflow(start)
            if !o { return (d - 1) / step + 1 }
        }
        if step < 0, start > stop, step != Int.min {
            let (d, o) = start.subtractingReportingOverflow(stop)
            if !o { return (d - 1) / (-step) + 1 }
        }
        return Int(n)
    }

    public func element(_ i: Int) -> Int { start &+ i &* step }
}

/// A pull iterator over values (host iterables provide one through `HostObject.iterate()`).
public struct ValueIterator {
    let nextValue: () throws -> Value?
    public init(_ next: @escaping () throws -> Value?) { self.nextValue = next }
    public init(_ values: [Value]) {
        var i = 0
        self.nextValue = {
            guard i < values.count else { return nil }
            defer { i += 1 }
            return values[i]
        }
    }
    public func next() throws -> Value? { try nextValue() }
}

/// The arguments of a call, with helpers that bind them to named parameters and raise
/// Python's errors (`TypeError: fit() got an unexpected keyword argument 'epoch'`).
public struct Arguments {
    public var functionName: String
    public var positional: [Value]
    /// Keyword arguments in call order.
    public var keywords: [(String, Value)]

    public init(functionName: String, positional: [Value], keywords: [(String, Value)]) {
        self.functionName = functionName
        self.positional = positional
        self.keywords = keywords
    }

    /// Binds the arguments to `parameters` (in positional order). The first `required`
    /// parameters (default: all) must be given. Names listed in `keywordOnly` may only be
    /// passed by keyword. With `allowExtraKeywords`, unknown keywords are kept in
    /// `BoundArguments.extraKeywords` instead of raising.
    public func bind(_ parameters: [String], required: Int? = nil, keywordOnly: [String] = [],
                     allowExtraKeywords: Bool = false) throws -> BoundArguments {
        let required = required ?? parameters.count
        let fn = "\(functionName)()"
        if positional.count > parameters.count {
            let takes = parameters.count == required ? "\(parameters.count)" : "from \(required) to \(parameters.count)"
            let pa = parameters.count == 1 && required == 1 ? "positional argument" : "positional arguments"
            throw ScriptError.typeError("\(fn) takes \(takes) \(pa) but \(positional.count) \(positional.count == 1 ? "was" : "were") given")
        }
        var values: [String: Value] = [:]
        for (i, v) in positional.enumerated() { values[parameters[i]] = v }
        var extra: [(String, Value)] = []
        for (k, v) in keywords {
            if parameters.contains(k) || keywordOnly.contains(k) {
                if values[k] != nil { throw ScriptError.typeError("\(fn) got multiple values for argument '\(k)'") }
                values[k] = v
            } else if allowExtraKeywords {
                extra.append((k, v))
            } else {
                throw ScriptError.typeError("\(fn) got an unexpected keyword argument '\(k)'")
            }
        }
        let missing = parameters.prefix(required).filter { values[$0] == nil }
        if !missing.isEmpty {
            let names = missing.map { "'\($0)'" }
            let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
            throw ScriptError.typeError("\(fn) missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(list)")
        }
        return BoundArguments(functionName: functionName, values: values, extraKeywords: extra)
    }
}

/// Arguments bound to parameter names, with typed accessors that raise `TypeError`.
public struct BoundArguments {
    public var functionName: String
    public var values: [String: Value]
    public var extraKeywords: [(String, Value)]

    /// The value given for `name`, or nil (None counts as given).
    public subscript(_ name: String) -> Value? { values[name] }

    /// True when `name` was given and is not None.
    public func has(_ name: String) -> Bool {
        if let v = values[name], !v.isNone { return true }
        return false
    }

    func typeError(_ name: String, _ expected: String, _ v: Value) -> ScriptError {
        ScriptError.typeError("\(functionName)() argument '\(name)' must be \(expected), not \(v.typeName)")
    }

    public func int(_ name: String, default def: Int? = nil) throws -> Int {
        guard let v = values[name], !v.isNone else {
            if let d = def { return d }
            throw ScriptError.typeError("\(functionName)() missing required argument '\(name)'")
        }
        if case .int(let i) = v { return i }
        if case .bool(let b) = v { return b ? 1 : 0 }
        if case .object(let o) = v, let i = o.asInt() { return i }
        throw typeError(name, "int", v)
    }

    public func double(_ name: String, default def: Double? = nil) throws -> Double {
        guard let v = values[name], !v.isNone else {
            if let d = def { return d }
            throw ScriptError.typeError("\(functionName)() missing required argument '\(name)'")
        }
        if let d = v.doubleValue { return d }
        if case .object(let o) = v, let d = o.asDouble() { return d }
        throw typeError(name, "a number", v)
    }

    public func string(_ name: String, default def: String? = nil) throws -> String {
        guard let v = values[name], !v.isNone else {
            if let d = def { return d }
            throw ScriptError.typeError("\(functionName)() missing required argument '\(name)'")
        }
        if case .str(let s) = v { return s }
        throw typeError(name, "str", v)
    }

    public func bool(_ name: String, default def: Bool? = nil) throws -> Bool {
        guard let v = values[name], !v.isNone else {
            if let d = def { return d }
            throw ScriptError.typeError("\(functionName)() missing required argument '\(name)'")
        }
        return try Interpreter.truthy(v)
    }

    /// A tuple or list of ints (`(3, 3)`, `[28, 28, 1]`); a single int becomes `[n]`.
    public func intList(_ name: String, default def: [Int]? = nil) throws -> [Int] {
        guard let v = values[name], !v.isNone else {
            if let d = def { return d }
            throw ScriptError.typeError("\(functionName)() missing required argument '\(name)'")
        }
        if let i = v.intValue { return [i] }
        if let xs = v.sequenceElements {
            return try xs.map { x in
                guard let i = x.intValue else { throw typeError(name, "a tuple of ints", v) }
                return i
            }
        }
        throw typeError(name, "a tuple of ints", v)
    }
}

/// A function implemented in Swift: builtins, module functions and bound methods of host
/// objects. The closure receives the call's arguments; use `Arguments.bind` to read them.
public final class BuiltinFunction {
    public let name: String
    /// Marks bound methods (affects only repr).
    public let isMethod: Bool
    let body: (Arguments) throws -> Value

    public init(_ name: String, isMethod: Bool = false, _ body: @escaping (Arguments) throws -> Value) {
        self.name = name
        self.isMethod = isMethod
        self.body = body
    }

    public func call(positional: [Value], keywords: [(String, Value)] = []) throws -> Value {
        try body(Arguments(functionName: name, positional: positional, keywords: keywords))
    }
}

/// A module made available by the host (`numpy`, `tensorflow.keras.datasets`, ...).
/// Attributes not found in `members` are looked up with `dynamicAttribute`, then as
/// submodules (`name + "." + attribute`) through the interpreter's importer.
public final class ModuleValue {
    public let name: String
    public var members: [String: Value]
    public var dynamicAttribute: ((String) throws -> Value?)?

    public init(name: String, members: [String: Value] = [:], dynamicAttribute: ((String) throws -> Value?)? = nil) {
        self.name = name
        self.members = members
        self.dynamicAttribute = dynamicAttribute
    }

    /// Adds a Swift function as a member.
    public func addFunction(_ name: String, _ body: @escaping (Arguments) throws -> Value) {
        members[name] = .function(BuiltinFunction(name, body))
    }
}

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
