import Foundation

/// A host class lesson code may derive from (`class MyCallback(keras.callbacks.Callback)`).
/// The host makes the host part of each instance; it keeps `instance` to call the methods the
/// lesson overrides (`instance.callMethod("on_epoch_end", ...)`).
public protocol HostClass: HostObject {
    /// The class name (`Callback`).
    var className: String { get }
    /// The host part of a new instance; `positional`/`keywords` are the arguments given to
    /// the host's `__init__` (through `super().__init__(...)`, or the class call when the lesson
    /// class defines no `__init__`).
    func makeHostPart(for instance: InstanceObject, positional: [Value], keywords: [(String, Value)]) throws -> HostObject
}

/// A class defined by lesson code, or one of the builtin exception classes.
public final class ClassObject: HostObject {
    public let name: String
    /// The direct lesson bases, in the order the class statement lists them.
    public let bases: [ClassObject]
    /// The first base (the one `__init__` chains used to follow before multiple inheritance).
    public var base: ClassObject? { bases.first }
    /// The host class after the lesson classes of the MRO, if the lesson derives from one.
    public let hostBase: HostClass?
    public var attributes: [String: Value]
    var isBuiltin: Bool
    unowned let interpreter: Interpreter
    /// The method resolution order (C3, as CPython): this class first.
    public private(set) var mro: [ClassObject] = []

    convenience init(name: String, base: ClassObject?, hostBase: HostClass? = nil, attributes: [String: Value] = [:],
                     isBuiltin: Bool = false, interpreter: Interpreter) {
        self.init(name: name, bases: base.map { [$0] } ?? [], mroTail: base?.mro ?? [], hostBase: hostBase ?? base?.hostBase,
                  attributes: attributes, isBuiltin: isBuiltin, interpreter: interpreter)
    }

    /// `mroTail` is the linearization of `bases` (see `ClassObject.linearize`).
    init(name: String, bases: [ClassObject], mroTail: [ClassObject], hostBase: HostClass?, attributes: [String: Value],
         isBuiltin: Bool = false, interpreter: Interpreter) {
        self.name = name
        self.bases = bases
        self.hostBase = hostBase
        self.attributes = attributes
        self.isBuiltin = isBuiltin
        self.interpreter = interpreter
        self.mro = [self] + mroTail
    }

    public var typeName: String { "type" }
    public func repr() -> String { isBuiltin ? "<class '\(name)'>" : "<class '__main__.\(name)'>" }

    /// The attribute and the class that holds it, along the MRO.
    func find(_ attribute: String) -> (Value, ClassObject)? { find(attribute, in: mro[...]) }

    func find(_ attribute: String, in classes: ArraySlice<ClassObject>) -> (Value, ClassObject)? {
        for k in classes { if let v = k.attributes[attribute] { return (v, k) } }
        return nil
    }

    public func isSubclass(of other: ClassObject) -> Bool { mro.contains { $0 === other } }

    public func getAttribute(_ attribute: String) throws -> Value? {
        switch attribute {
        case "__name__", "__qualname__": return .str(name)
        case "__module__": return .str(isBuiltin ? "builtins" : "__main__")
        case "__doc__": return attributes["__doc__"] ?? Value.none
        case "__mro__": return .tuple(mroValues)
        case "mro" where find("mro") == nil: return .function(BuiltinFunction("mro") { [unowned self] _ in .list(self.mroValues) })
        default: break
        }
        guard let (v, _) = find(attribute) else {
            if let h = hostBase { return try h.getAttribute(attribute) }
            return nil
        }
        if let cm = v.object(as: ClassMethodObject.self) { return .object(BoundMethod(.object(self), cm.function, interpreter)) }
        if let sm = v.object(as: StaticMethodObject.self) { return sm.function }
        return v
    }

    public func setAttribute(_ attribute: String, _ value: Value) throws { attributes[attribute] = value }

    /// `Cls(...)`: a new instance, initialised by the first `__init__` along the chain.
    public func call(positional: [Value], keywords: [(String, Value)]) throws -> Value {
        let instance = InstanceObject(self)
        let v = Value.object(instance)
        if let (initializer, _) = find("__init__") {
            let r = try interpreter.call(initializer, positional: [v] + positional, keywords: keywords)
            if !r.isNone { throw ScriptError.typeError("__init__() should return None, not '\(r.typeName)'") }
        } else if let h = hostBase {
            instance.hostPart = try h.makeHostPart(for: instance, positional: positional, keywords: keywords)
        } else if !positional.isEmpty || !keywords.isEmpty {
            throw ScriptError.typeError("\(name)() takes no arguments")
        }
        return v
    }

    public func compare(_ op: ComparisonOperator, _ other: Value, reflected: Bool) throws -> OperatorResult {
        guard op == .equal || op == .notEqual else { return nil }
        let same = other.object(as: ClassObject.self) === self
        return .bool(same == (op == .equal))
    }
}

/// An instance of a lesson class (its special methods are in `InstanceSpecialMethods.swift`).
public final class InstanceObject: HostObject {
    public let cls: ClassObject
    public var attributes: [String: Value] = [:]
    /// The host part when the class derives from a host class (made on first need).
    public var hostPart: HostObject?

    init(_ cls: ClassObject) { self.cls = cls }

    public var typeName: String { cls.name }
    var interpreter: Interpreter { cls.interpreter }

    /// The host part, made with no arguments if the lesson's `__init__` did not call
    /// `super().__init__()`.
    func ensureHostPart() throws -> HostObject? {
        if let h = hostPart { return h }
        guard let hc = cls.hostBase else { return nil }
        let h = try hc.makeHostPart(for: self, positional: [], keywords: [])
        hostPart = h
        return h
    }

    /// Binds a class attribute to this instance (functions become bound methods).
    func bind(_ v: Value) throws -> Value {
        if case .object(let o) = v {
            if o is FunctionObject || o is NativeMethod { return .object(BoundMethod(.object(self), v, interpreter)) }
            if let sm = o as? StaticMethodObject { return sm.function }
            if let cm = o as? ClassMethodObject { return .object(BoundMethod(.object(cls), cm.function, interpreter)) }
            if let p = o as? PropertyObject { return try interpreter.call(p.getter, positional: [.object(self)]) }
        }
        return v
    }

    /// The lesson's method `name` (overridden or inherited), bound, or nil.
    public func method(named name: String) throws -> Value? {
        guard let (v, _) = cls.find(name) else { return nil }
        return try bind(v)
    }

    /// For hosts: calls the lesson's method `name` if the lesson class defines one; nil when it
    /// does not (the host then runs its own behaviour).
    public func callMethod(_ name: String, positional: [Value] = [], keywords: [(String, Value)] = []) throws -> Value? {
        guard let m = try method(named: name) else { return nil }
        return try interpreter.call(m, positional: positional, keywords: keywords)
    }

    public func getAttribute(_ name: String) throws -> Value? {
        if let v = attributes[name] { return v }
        if name == "__class__" { return .object(cls) }
        if name == "__doc__" { return cls.attributes["__doc__"] ?? Value.none }
        if let (v, _) = cls.find(name) { return try bind(v) }
        if let h = try ensureHostPart() { return try h.getAttribute(name) }
        return nil
    }

    public func setAttribute(_ name: String, _ value: Value) throws {
        if let (v, _) = cls.find(name), let p = v.object(as: PropertyObject.self) {
            guard let setter = p.setter else { throw ScriptError.attributeError("property '\(name)' of '\(cls.name)' object has no setter") }
            _ = try interpreter.call(setter, positional: [.object(self), value])
            return
        }
        attributes[name] = value
    }
}

/// `super()`: attributes looked up along the MRO of the receiver's class, after the class the
/// method was defined in (so cooperative `super().__init__()` calls walk a diamond once).
final class SuperObject: HostObject {
    let rest: ArraySlice<ClassObject>
    let owner: ClassObject
    let receiver: Value
    unowned let interpreter: Interpreter
    init(owner: ClassObject, receiver: Value, interpreter: Interpreter) {
        self.owner = owner
        let mro = receiver.object(as: InstanceObject.self)?.cls.mro ?? receiver.object(as: ClassObject.self)?.mro ?? owner.mro
        let at = mro.firstIndex { $0 === owner } ?? mro.startIndex
        self.rest = mro[min(at + 1, mro.endIndex)...]
        self.receiver = receiver
        self.interpreter = interpreter
    }
    var typeName: String { "super" }
    func repr() -> String { "<super: <class '\(owner.name)'>, <\(receiver.typeName) object>>" }

    func getAttribute(_ name: String) throws -> Value? {
        let instance = receiver.object(as: InstanceObject.self)
        if let (v, _) = owner.find(name, in: rest) {
            if let i = instance { return try i.bind(v) }
            if let cm = v.object(as: ClassMethodObject.self) { return .object(BoundMethod(receiver, cm.function, interpreter)) }
            return v
        }
        if let i = instance, let hc = i.cls.hostBase {
            if name == "__init__" {
                return .function(BuiltinFunction("__init__") { a in
                    i.hostPart = try hc.makeHostPart(for: i, positional: a.positional, keywords: a.keywords)
                    return .none
                })
            }
            if let h = try i.ensureHostPart() { return try h.getAttribute(name) }
        }
        if name == "__init__" { return .function(BuiltinFunction("__init__") { _ in .none }) }
        return nil
    }
}
