import Foundation

/// `collections`: Counter, defaultdict, OrderedDict, namedtuple, deque.
extension Interpreter {
    func makeCollectionsModule() -> ModuleValue {
        let m = ModuleValue(name: "collections")
        m.addFunction("Counter") { [unowned self] a in
            let c = CounterObject(self)
            if let src = a.positional.first { try c.update(src) }
            for (k, v) in a.keywords { try c.storage.set(.str(k), v) }
            return .object(c)
        }
        m.addFunction("defaultdict") { [unowned self] a in
            let d = DefaultDictObject(self, factory: a.positional.first ?? .none)
            if a.positional.count > 1, case .dict(let src) = a.positional[1] { for (k, v) in src.pairs { try d.storage.set(k, v) } }
            return .object(d)
        }
        m.addFunction("OrderedDict") { [unowned self] a in
            let d = OrderedDictObject(self)
            // The pairs as `dict(...)` takes them, kept in order.
            guard let dictType = self.builtins["dict"] else { return .object(d) }
            if case .dict(let src) = try self.call(dictType, positional: a.positional, keywords: a.keywords) {
                for (k, v) in src.pairs { try d.storage.set(k, v) }
            }
            return .object(d)
        }
        m.addFunction("deque") { [unowned self] a in
            let k = try a.bind(["iterable", "maxlen"], required: 0)
            let q = DequeObject(self, maxlen: try k["maxlen"].flatMap { $0.isNone ? nil : try self.toInt($0) })
            if let it = k["iterable"] { for x in try self.materialize(it) { q.append(x) } }
            return .object(q)
        }
        m.addFunction("namedtuple") { [unowned self] a in
            let k = try a.bind(["typename", "field_names"], required: 2, allowExtraKeywords: true)
            let name = try k.string("typename")
            var fields: [String] = []
            if case .str(let s) = k["field_names"] ?? .none {
                fields = s.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
            } else {
                fields = try self.materialize(k["field_names"] ?? .none).map { PythonFormat.str($0) }
            }
            return .object(self.makeNamedTuple(name, fields))
        }
        return m
    }

    func makeNamedTuple(_ name: String, _ fields: [String]) -> ClassObject {
        let cls = ClassObject(name: name, base: runtime.objectClass, interpreter: self)
        func values(_ s: Value) -> [Value] {
            guard let i = s.object(as: InstanceObject.self) else { return [] }
            return fields.map { i.attributes[$0] ?? .none }
        }
        cls.attributes["_fields"] = .tuple(fields.map { .str($0) })
        cls.attributes["__init__"] = .object(NativeMethod("__init__") { s, args, kws in
            guard let i = s.object(as: InstanceObject.self) else { return .none }
            if args.count > fields.count { throw ScriptError.typeError("\(name).__new__() takes \(fields.count + 1) positional arguments but \(args.count + 1) were given") }
            for (f, v) in zip(fields, args) { i.attributes[f] = v }
            for (k, v) in kws {
                guard fields.contains(k) else { throw ScriptError.typeError("\(name).__new__() got an unexpected keyword argument '\(k)'") }
                i.attributes[k] = v
            }
            let missing = fields.filter { i.attributes[$0] == nil }
            if !missing.isEmpty {
                let names = missing.map { "'\($0)'" }
                let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
                throw ScriptError.typeError("\(name).__new__() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(list)")
            }
            return .none
        })
        cls.attributes["__repr__"] = .object(NativeMethod("__repr__") { s, _, _ in
            .str(name + "(" + zip(fields, values(s)).map { "\($0)=\(PythonFormat.repr($1))" }.joined(separator: ", ") + ")")
        })
        cls.attributes["__iter__"] = .object(NativeMethod("__iter__") { s, _, _ in .tuple(values(s)) })
        cls.attributes["__len__"] = .object(NativeMethod("__len__") { _, _, _ in .int(fields.count) })
        cls.attributes["__getitem__"] = .object(NativeMethod("__getitem__") { [unowned self] s, args, _ in
            try self.getItem(.tuple(values(s)), args.first ?? .none)
        })
        cls.attributes["__eq__"] = .object(NativeMethod("__eq__") { [unowned self] s, args, _ in
            let other = args.first ?? .none
            let o = other.object(as: InstanceObject.self).map { values(.object($0)) } ?? other.sequenceElements
            return .bool(try o.map { try self.equal(.tuple(values(s)), .tuple($0)) } ?? false)
        })
        cls.attributes["_asdict"] = .object(NativeMethod("_asdict") { s, _, _ in
            let d = DictStorage()
            for (f, v) in zip(fields, values(s)) { try d.set(.str(f), v) }
            return .dict(d)
        })
        return cls
    }
}

/// The dict a Counter or defaultdict wraps: its methods are the dict's.
class DictBackedObject: HostObject {
    var storage = DictStorage()
    unowned let interpreter: Interpreter
    init(_ interpreter: Interpreter) { self.interpreter = interpreter }
    var typeName: String { "dict" }
    func getItem(_ index: Value) throws -> Value {
        if let v = try storage.get(index) { return v }
        return try missing(index)
    }
    func missing(_ key: Value) throws -> Value { throw ScriptError.keyError(PythonFormat.repr(key)) }
    func setItem(_ index: Value, _ value: Value) throws { try storage.set(index, value) }
    func length() throws -> Int? { storage.count }
    func iterate() throws -> ValueIterator? { ValueIterator(storage.keys) }
    func getAttribute(_ name: String) throws -> Value? { try interpreter.builtinMethod(.dict(storage), name) }
    func compare(_ op: ComparisonOperator, _ other: Value, reflected: Bool) throws -> OperatorResult {
        guard op == .equal || op == .notEqual else { return nil }
        let o: Value = (other.object(as: DictBackedObject.self)).map { .dict($0.storage) } ?? other
        let e = try interpreter.equal(.dict(storage), o)
        return .bool(e == (op == .equal))
    }
    var dictRepr: String { PythonFormat.repr(.dict(storage)) }
    func repr() -> String { dictRepr }
}

final class CounterObject: DictBackedObject {
    override var typeName: String { "Counter" }
    override func missing(_ key: Value) throws -> Value { .int(0) }

    func update(_ src: Value) throws {
        if case .dict(let d) = src {
            for (k, v) in d.pairs { try storage.set(k, try interpreter.binary(.add, try storage.get(k) ?? .int(0), v)) }
            return
        }
        let it = try interpreter.iterate(src)
        while let x = try it.next() { try storage.set(x, try interpreter.binary(.add, try storage.get(x) ?? .int(0), .int(1))) }
    }

    /// Most common first; ties keep insertion order (as CPython's sort is stable).
    func mostCommon() throws -> [(Value, Value)] {
        let pairs = storage.pairs
        return try pairs.enumerated().sorted { p, q in
            let gt = try Interpreter.truthy(try interpreter.compare(.greater, p.element.1, q.element.1))
            let lt = try Interpreter.truthy(try interpreter.compare(.less, p.element.1, q.element.1))
            return gt || (!lt && p.offset < q.offset)
        }.map { $0.element }
    }

    override func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "most_common":
            return .function(BuiltinFunction("most_common", isMethod: true) { [self] a in
                let n = try a.bind(["n"], required: 0)["n"]
                var items = try self.mostCommon()
                if let n = n, let k = n.intValue { items = Array(items.prefix(max(0, k))) }
                return .list(ListStorage(items.map { .tuple([$0.0, $0.1]) }))
            })
        case "update":
            return .function(BuiltinFunction("update", isMethod: true) { [self] a in
                if let s = a.positional.first { try self.update(s) }
                return .none
            })
        case "total":
            return .function(BuiltinFunction("total", isMethod: true) { [self] _ in
                try self.storage.values.reduce(Value.int(0)) { try self.interpreter.binary(.add, $0, $1) }
            })
        case "elements":
            return .function(BuiltinFunction("elements", isMethod: true) { [self] _ in
                var out: [Value] = []
                for (k, v) in self.storage.pairs { for _ in 0..<max(0, v.intValue ?? 0) { out.append(k); try self.interpreter.tick(nil) } }
                return .object(IteratorObject("itertools.chain", ValueIterator(out)))
            })
        default: return try super.getAttribute(name)
        }
    }

    override func repr() -> String {
        if storage.count == 0 { return "Counter()" }
        let items = (try? mostCommon()) ?? storage.pairs
        return "Counter({" + items.map { PythonFormat.repr($0.0) + ": " + PythonFormat.repr($0.1) }.joined(separator: ", ") + "})"
    }
}

final class DefaultDictObject: DictBackedObject {
    let factory: Value
    init(_ interpreter: Interpreter, factory: Value) {
        self.factory = factory
        super.init(interpreter)
    }
    override var typeName: String { "defaultdict" }
    override func missing(_ key: Value) throws -> Value {
        if factory.isNone { throw ScriptError.keyError(PythonFormat.repr(key)) }
        let v = try interpreter.call(factory, positional: [])
        try storage.set(key, v)
        return v
    }
    override func repr() -> String {
        var f = PythonFormat.repr(factory)
        if case .function(let fn) = factory, ["list", "int", "dict", "set", "str", "float", "tuple"].contains(fn.name) { f = "<class '\(fn.name)'>" }
        return "defaultdict(\(f), \(dictRepr))"
    }
}

final class DequeObject: HostObject {
    var items: [Value] = []
    let maxlen: Int?
    unowned let interpreter: Interpreter
    init(_ interpreter: Interpreter, maxlen: Int?) {
        self.interpreter = interpreter
        self.maxlen = maxlen
    }
    var typeName: String { "deque" }
    func append(_ v: Value) {
        items.append(v)
        if let m = maxlen, items.count > m { items.removeFirst(items.count - m) }
    }
    func appendLeft(_ v: Value) {
        items.insert(v, at: 0)
        if let m = maxlen, items.count > m { items.removeLast(items.count - m) }
    }
    func repr() -> String {
        let inner = PythonFormat.repr(.list(ListStorage(items)))
        return maxlen.map { "deque(\(inner), maxlen=\($0))" } ?? "deque(\(inner))"
    }
    func length() throws -> Int? { items.count }
    func iterate() throws -> ValueIterator? { ValueIterator(items) }
    func getItem(_ index: Value) throws -> Value {
        guard let i = index.intValue else { throw ScriptError.typeError("sequence index must be integer, not '\(index.typeName)'") }
        return items[try Interpreter.normalizeIndex(i, items.count, "deque")]
    }
    func getAttribute(_ name: String) throws -> Value? {
        func m(_ body: @escaping (Arguments) throws -> Value) -> Value { .function(BuiltinFunction(name, isMethod: true, body)) }
        switch name {
        case "append": return m { [self] a in self.append(a.positional.first ?? .none); return .none }
        case "appendleft": return m { [self] a in self.appendLeft(a.positional.first ?? .none); return .none }
        case "extend": return m { [self] a in for x in try self.interpreter.materialize(a.positional.first ?? .none) { self.append(x) }; return .none }
        case "pop": return m { [self] _ in
            guard let v = self.items.popLast() else { throw ScriptError.indexError("pop from an empty deque") }
            return v
        }
        case "popleft": return m { [self] _ in
            guard !self.items.isEmpty else { throw ScriptError.indexError("pop from an empty deque") }
            return self.items.removeFirst()
        }
        case "clear": return m { [self] _ in self.items = []; return .none }
        case "maxlen": return maxlen.map { .int($0) } ?? Value.none
        default: return nil
        }
    }
}

/// `OrderedDict`: a dict (insertion-ordered already) with CPython 3.11's repr and `move_to_end`.
final class OrderedDictObject: DictBackedObject {
    override var typeName: String { "OrderedDict" }
    override func repr() -> String {
        if storage.count == 0 { return "OrderedDict()" }
        return "OrderedDict([" + storage.pairs.map { "(" + PythonFormat.repr($0.0) + ", " + PythonFormat.repr($0.1) + ")" }.joined(separator: ", ") + "])"
    }
    override func getAttribute(_ name: String) throws -> Value? {
        guard name == "move_to_end" else { return try super.getAttribute(name) }
        return .function(BuiltinFunction("move_to_end", isMethod: true) { [self] a in
            let k = try a.bind(["key", "last"], required: 1)
            let key = k["key"] ?? .none
            guard let v = try self.storage.get(key) else { throw ScriptError.keyError(PythonFormat.repr(key)) }
            let last = try k["last"].map { try Interpreter.truthy($0) } ?? true
            _ = try self.storage.remove(key)
            if last {
                try self.storage.set(key, v)
            } else {
                let fresh = DictStorage()
                try fresh.set(key, v)
                for (kk, vv) in self.storage.pairs { try fresh.set(kk, vv) }
                self.storage = fresh
            }
            return .none
        })
    }
}
