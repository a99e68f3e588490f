import Foundation

/// A dict key or set member whose class defines `__hash__`: buckets by the lesson's hash, and
/// tells equal keys apart with the lesson's `__eq__` (identity first, as CPython's lookup does).
public final class CustomHashKey: Hashable {
    let instance: InstanceObject
    /// The value `__hash__` returned.
    public let hash: Int

    init(_ instance: InstanceObject, hash: Int) {
        self.instance = instance
        self.hash = hash
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    /// Swift's `==` cannot throw: an exception raised by `__eq__` counts as "not equal" here
    /// and is kept for the dict operation to throw (`HashKey.rethrowComparisonError`).
    public static func == (a: CustomHashKey, b: CustomHashKey) -> Bool {
        if a.instance === b.instance { return true }
        guard a.hash == b.hash else { return false }
        let i = a.instance.interpreter
        do {
            return try i.equal(.object(a.instance), .object(b.instance))
        } catch {
            if i.runtime.comparisonError == nil { i.runtime.comparisonError = error }
            return false
        }
    }

    /// The exception an `__eq__` raised while this interpreter's dicts compared keys, once.
    func takeComparisonError() -> Error? {
        let runtime = instance.interpreter.runtime
        defer { runtime.comparisonError = nil }
        return runtime.comparisonError
    }
}

extension InstanceObject {
    /// The key for dicts and sets: identity unless the class (or a base) defines `__hash__`;
    /// `__hash__ = None` (set for a class defining `__eq__` alone) makes it unhashable.
    func hashKey() throws -> HashKey {
        guard let h = try pythonHash() else { return .object(ObjectIdentifier(self)) }
        return .custom(CustomHashKey(self, hash: h))
    }

    /// What `hash(obj)` returns when the class defines `__hash__`; nil for identity hashing.
    func pythonHash() throws -> Int? {
        guard let (v, _) = cls.find("__hash__") else { return nil }
        if v.isNone { throw ScriptError.typeError("unhashable type: '\(cls.name)'") }
        let r = try interpreter.call(try bind(v), positional: [])
        if case .bool(let b) = r { return b ? 1 : 0 }
        if case .int(let n) = r { return n == -1 ? -2 : n }
        if let big = r.object(as: BigIntObject.self) { return NumericHash.big(big.value) }
        throw ScriptError.typeError("__hash__ method should return an integer")
    }
}
