import Foundation

extension Interpreter {
    // MARK: Operations (public so hosts can reuse Python semantics)

    /// Python truthiness.
    public static func truthy(_ v: Value) throws -> Bool {
        switch v {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .float(let d): return d != 0
        case .str(let s): return !s.isEmpty
        case .list(let l): return !l.items.isEmpty
        case .tuple(let t): return !t.isEmpty
        case .dict(let d): return d.count != 0
        case .range(let r): return r.count != 0
        case .object(let o): return try o.truthiness()
        default: return true
        }
    }

    /// Calls a function or callable host object.
    public func call(_ callee: Value, positional: [Value], keywords: [(String, Value)] = []) throws -> Value {
        switch callee {
        case .function(let f): return try f.body(Arguments(functionName: f.name, positional: positional, keywords: keywords))
        case .object(let o): return try o.call(positional: positional, keywords: keywords)
        default: throw ScriptError.typeError("'\(callee.typeName)' object is not callable")
        }
    }

    /// Dunder attributes that carry no capability (names, docs, the special methods a class
    /// defines); the rest (`__subclasses__`, `__globals__`, `__code__`, `__dict__`, ...) stay refused.
    static let allowedDunders: Set<String> = [
        "__name__", "__qualname__", "__doc__", "__version__", "__class__", "__module__", "__init__", "__call__",
        "__repr__", "__str__", "__len__", "__getitem__", "__setitem__", "__delitem__", "__iter__", "__next__",
        "__enter__", "__exit__", "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__add__", "__sub__",
        "__mul__", "__truediv__", "__floordiv__", "__mod__", "__pow__", "__neg__", "__contains__", "__bool__",
        "__radd__", "__rsub__", "__rmul__", "__matmul__", "__format__", "__cause__", "__self__",
        "__hash__", "__mro__",
    ]

    func checkAttributeName(_ name: String) throws {
        if name.hasPrefix("__"), !Interpreter.allowedDunders.contains(name) {
            throw ScriptError.notSupported("the attribute '\(name)' is not available in lessons (no reflection)")
        }
    }

    /// `value.name`.
    public func getAttribute(_ v: Value, _ name: String) throws -> Value {
        try checkAttributeName(name)
        switch v {
        case .module(let m):
            if let x = m.members[name] { return x }
            if name == "__name__" { return .str(m.name) }
            if let x = try m.dynamicAttribute?(name) { return x }
            if let sub = try? importModule(m.name.split(separator: ".").map(String.init) + [name], at: nil) {
                return .module(sub)
            }
            throw ScriptError.attributeError("module '\(m.name)' has no attribute '\(name)'")
        case .object(let o):
            if let x = try o.getAttribute(name) { return x }
            throw ScriptError.attributeError("'\(o.typeName)' object has no attribute '\(name)'")
        case .function(let f) where name == "__name__" || name == "__qualname__":
            return .str(f.name)
        default:
            if name == "__class__" { return .object(TypeObject(v.typeName)) }
            if let m = try builtinMethod(v, name) { return m }
            throw ScriptError.attributeError("'\(v.typeName)' object has no attribute '\(name)'")
        }
    }

    /// Iterates a value (lists live, like Python; ranges lazily; host objects through
    /// `HostObject.iterate`).
    public func iterate(_ v: Value) throws -> ValueIterator {
        let inner = try rawIterator(v)
        // Every element pulled counts as a step, so `sum(range(10**12))` or a list that grows
        // while a loop walks it hits the step limit (and Ctrl-C) like any loop.
        return ValueIterator { [unowned self] in
            try self.tick(nil)
            return try inner.next()
        }
    }

    func rawIterator(_ v: Value) throws -> ValueIterator {
        switch v {
        case .list(let l):
            var i = 0
            return ValueIterator {
                guard i < l.items.count else { return nil }
                defer { i += 1 }
                return l.items[i]
            }
        case .tuple(let xs): return ValueIterator(xs)
        case .str(let s): return ValueIterator(s.map { Value.str(String($0)) })
        case .dict(let d): return ValueIterator(d.keys)
        case .range(let r):
            var i = 0
            let n = r.count
            return ValueIterator {
                guard i < n else { return nil }
                defer { i += 1 }
                return .int(r.element(i))
            }
        case .object(let o):
            if let it = try o.iterate() { return it }
            throw ScriptError.typeError("'\(o.typeName)' object is not iterable")
        default:
            throw ScriptError.typeError("'\(v.typeName)' object is not iterable")
        }
    }

    /// All elements of an iterable, refusing more than `limits.maxCollectionLength`.
    public func materialize(_ v: Value) throws -> [Value] {
        switch v {
        case .list(let l): return l.items
        case .tuple(let xs): return xs
        case .range(let r):
            if r.count > limits.maxCollectionLength {
                throw ScriptError.memoryError("range with \(r.count) elements is too large to make into a list (lessons are limited to \(limits.maxCollectionLength) elements)")
            }
            return (0..<r.count).map { .int(r.element($0)) }
        default:
            var out: [Value] = []
            let it = try iterate(v)
            while let x = try it.next() {
                out.append(x)
                if out.count > limits.maxCollectionLength {
                    throw ScriptError.memoryError("more than \(limits.maxCollectionLength) elements (lessons are limited)")
                }
                if out.count % 4096 == 0, cancellation.isCancelled {
                    throw ScriptError(.keyboardInterrupt, "the cell was interrupted")
                }
            }
            return out
        }
    }
}
