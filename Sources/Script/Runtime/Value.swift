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
    /// A plain `didSet` (no `oldValue`) mutates in place: `append` stays O(1).
    public var items: [Value] { didSet { version &+= 1 } }
    /// Bumped on every mutation: a checkpoint knows an unchanged list without reading it.
    public private(set) var version = 0
    public init(_ items: [Value] = []) { self.items = items }
}

/// A hashable key for dicts: ints, floats, bools, strings, None, tuples of keys, host
/// objects by identity, and instances of lesson classes by their `__hash__`/`__eq__`.
/// Equal numbers make equal keys whatever their type (`1`, `True`, `1.0`; `2**100`, `2.0**100`):
/// an integral number is `.int` when it fits in 64 bits and `.bigInt` (normalised) when not.
public enum HashKey: Hashable {
    case none
    case int(Int)
    case bigInt(negative: Bool, limbs: [UInt32])
    case float(Double)
    case str(String)
    case tuple([HashKey])
    case object(ObjectIdentifier)
    case custom(CustomHashKey)

    public init(_ v: Value) throws {
        switch v {
        case .none: self = .none
        case .bool(let b): self = .int(b ? 1 : 0)
        case .int(let i): self = .int(i)
        case .float(let d): self = BigNum(exactly: d).map(HashKey.integer) ?? .float(d)
        case .str(let s): self = .str(s)
        case .tuple(let xs): self = .tuple(try xs.map { try HashKey($0) })
        case .object(let o):
            if let i = o as? InstanceObject { self = try i.hashKey() }
            else if let b = o as? BigIntObject { self = HashKey.integer(b.value) }
            else { self = .object(ObjectIdentifier(o)) }
        case .module(let m): self = .object(ObjectIdentifier(m))
        case .function(let f): self = .object(ObjectIdentifier(f))
        default: throw ScriptError.typeError("unhashable type: '\(v.typeName)'")
        }
    }

    static func integer(_ b: BigNum) -> HashKey {
        if let i = b.asInt { return .int(i) }
        let n = BigNum(negative: b.negative, limbs: b.limbs)  // limbs is settable: strip zeros again
        return .bigInt(negative: n.negative, limbs: n.limbs)
    }

    /// Throws what a lesson's `__eq__` raised while a dict compared this key with another
    /// (Swift's `==` cannot throw, so `CustomHashKey` keeps the exception for this call).
    func rethrowComparisonError() throws {
        switch self {
        case .custom(let c): if let e = c.takeComparisonError() { throw e }
        case .tuple(let ks): for k in ks { try k.rethrowComparisonError() }
        default: break
        }
    }
}

/// A Python dict: insertion-ordered, reference semantics.
public final class DictStorage {
    public private(set) var keys: [Value] = []
    public private(set) var values: [Value] = []
    private var index: [HashKey: Int] = [:]
    /// Bumped on every mutation: a checkpoint knows an unchanged dict without reading it.
    public private(set) var version = 0

    public init() {}
    public init(_ pairs: [(String, Value)]) {
        for (k, v) in pairs { try? set(.str(k), v) }
    }

    public var count: Int { keys.count }

    public func get(_ key: Value) throws -> Value? {
        let h = try HashKey(key)
        let found = index[h]
        try h.rethrowComparisonError()
        guard let i = found else { return nil }
        return values[i]
    }

    public func set(_ key: Value, _ value: Value) throws {
        let h = try HashKey(key)
        let found = index[h]
        try h.rethrowComparisonError()
        version &+= 1
        if let i = found { values[i] = value; return }
        index[h] = keys.count
        try? h.rethrowComparisonError()  // the second probe compared again: the first one spoke
        keys.append(key)
        values.append(value)
    }

    /// Removes a key; returns its value.
    @discardableResult public func remove(_ key: Value) throws -> Value? {
        let h = try HashKey(key)
        let slot = index.index(forKey: h)
        try h.rethrowComparisonError()
        guard let slot else { return nil }
        version &+= 1
        let i = index[slot].value
        index.remove(at: slot)
        // Renumber the later keys without hashing or comparing them again (no lesson code runs).
        index = index.mapValues { $0 > i ? $0 - 1 : $0 }
        let v = values[i]
        keys.remove(at: i)
        values.remove(at: i)
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
