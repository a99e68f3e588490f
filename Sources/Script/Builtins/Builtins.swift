import Foundation

/// A lazy iterator value (`zip(...)`, `enumerate(...)`, `reversed(...)`, `map`-free).
final class IteratorObject: HostObject {
    let typeName: String
    let iterator: ValueIterator
    init(_ typeName: String, _ iterator: ValueIterator) {
        self.typeName = typeName
        self.iterator = iterator
    }
    func iterate() throws -> ValueIterator? { iterator }
}

/// `dict.keys()`, `.values()`, `.items()`: printed as `dict_keys(['a', 'b'])`.
final class DictView: HostObject {
    enum Kind: String { case keys = "dict_keys", values = "dict_values", items = "dict_items" }
    let dict: DictStorage
    let kind: Kind
    init(_ dict: DictStorage, _ kind: Kind) {
        self.dict = dict
        self.kind = kind
    }
    var typeName: String { kind.rawValue }
    var elements: [Value] {
        switch kind {
        case .keys: return dict.keys
        case .values: return dict.values
        case .items: return dict.pairs.map { .tuple([$0.0, $0.1]) }
        }
    }
    func iterate() throws -> ValueIterator? { ValueIterator(elements) }
    func length() throws -> Int? { dict.count }
    func repr() -> String { "\(kind.rawValue)(\(PythonFormat.repr(.list(ListStorage(elements)))))" }
}

/// The value of `type(x)`: prints as `<class 'int'>`.
final class TypeObject: HostObject {
    let name: String
    init(_ name: String) { self.name = name }
    var typeName: String { "type" }
    func repr() -> String { "<class '\(name)'>" }
    func getAttribute(_ attribute: String) throws -> Value? {
        attribute == "__name__" || attribute == "__qualname__" ? .str(name) : nil
    }
    func compare(_ op: ComparisonOperator, _ other: Value, reflected: Bool) throws -> OperatorResult {
        guard op == .equal || op == .notEqual, let o = other.object(as: TypeObject.self) else { return nil }
        return .bool((o.name == name) == (op == .equal))
    }
}

extension Interpreter {
    func fn(_ name: String, _ body: @escaping (Arguments) throws -> Value) -> Value {
        .function(BuiltinFunction(name, body))
    }

    func method(_ name: String, _ body: @escaping (Arguments) throws -> Value) -> Value {
        .function(BuiltinFunction(name, isMethod: true, body))
    }

    func toInt(_ v: Value, _ what: String = "integer") throws -> Int {
        if let i = v.intValue { return i }
        if case .object(let o) = v, let i = o.asInt() { return i }
        throw ScriptError.typeError("'\(v.typeName)' object cannot be interpreted as an integer")
    }

    func toDouble(_ v: Value) -> Double? {
        if let d = v.doubleValue { return d }
        if case .object(let o) = v { return o.asDouble() }
        return nil
    }

    /// `int(x)` for a float, truncating, with Python's errors.
    static func intFromDouble(_ d: Double) throws -> Int {
        if d.isNaN { throw ScriptError.valueError("cannot convert float NaN to integer") }
        if d.isInfinite { throw ScriptError.overflow("cannot convert float infinity to integer") }
        guard let i = Int(exactly: d.rounded(.towardZero)) else {
            throw ScriptError.overflow("int too large to convert (lesson integers are 64-bit)")
        }
        return i
    }

    func makeBuiltins() -> [String: Value] {
        var b: [String: Value] = [:]
        b["print"] = fn("print") { [unowned self] a in
            let k = try Arguments(functionName: "print", positional: [], keywords: a.keywords).bind(["sep", "end", "file", "flush"], required: 0)
            let sep = k.has("sep") ? try k.string("sep") : " "
            let end = k.has("end") ? try k.string("end") : "\n"
            var stream = OutputStreamKind.stdout
            if let f = k["file"], !f.isNone {
                if case .object(let o) = f, let s = o as? StreamObject { stream = s.stream } else {
                    throw ScriptError.notSupported("print(file=...) only supports sys.stdout and sys.stderr in lessons")
                }
            }
            let limit = self.limits.maxCollectionLength
            var total = 0
            var pieces: [String] = []
            for v in a.positional {
                let p = try PythonFormat.boundedStr(v, limit: limit)
                total += p.utf8.count + sep.utf8.count
                if total > limit { throw ScriptError.memoryError("print() of more than \(limit) characters; lessons are limited") }
                pieces.append(p)
            }
            let text = pieces.joined(separator: sep) + end
            self.output.write(text, to: stream)
            return .none
        }
        b["len"] = fn("len") { a in
            let x = try a.bind(["obj"])["obj"] ?? .none
            switch x {
            case .str(let s): return .int(s.count)
            case .list(let l): return .int(l.items.count)
            case .tuple(let t): return .int(t.count)
            case .dict(let d): return .int(d.count)
            case .range(let r): return .int(r.count)
            case .object(let o): if let n = try o.length() { return .int(n) }
            default: break
            }
            throw ScriptError.typeError("object of type '\(x.typeName)' has no len()")
        }
        b["range"] = fn("range") { [unowned self] a in
            if !a.keywords.isEmpty { throw ScriptError.typeError("range() takes no keyword arguments") }
            let ints = try a.positional.map { try self.toInt($0) }
            switch ints.count {
            case 1: return .range(RangeValue(start: 0, stop: ints[0], step: 1))
            case 2: return .range(RangeValue(start: ints[0], stop: ints[1], step: 1))
            case 3:
                if ints[2] == 0 { throw ScriptError.valueError("range() arg 3 must not be zero") }
                return .range(RangeValue(start: ints[0], stop: ints[1], step: ints[2]))
            case 0: throw ScriptError.typeError("range expected at least 1 argument, got 0")
            default: throw ScriptError.typeError("range expected at most 3 arguments, got \(ints.count)")
            }
        }
        b["round"] = fn("round") { [unowned self] a in
            let k = try a.bind(["number", "ndigits"], required: 1)
            let x = k["number"] ?? .none
            let nd = k["ndigits"].flatMap { $0.isNone ? nil : $0 }
            if let i = x.intValue, !self.isFloat(x) {
                guard let n = nd else { return .int(i) }
                let digits = try self.toInt(n)
                if digits >= 0 { return .int(i) }
                if digits < -18 { return .int(0) }
                var p = 1
                for _ in 0..<(-digits) { p *= 10 }
                let q = Double(i) / Double(p)
                return .int(Int(exactly: q.rounded(.toNearestOrEven)).map { $0 * p } ?? 0)
            }
            guard let d = self.toDouble(x) else {
                throw ScriptError.typeError("type \(x.typeName) doesn't define __round__ method")
            }
            if let n = nd { return .float(PythonFormat.round(d, ndigits: try self.toInt(n))) }
            return .int(try Interpreter.intFromDouble(d.rounded(.toNearestOrEven)))
        }
        b["abs"] = fn("abs") { [unowned self] a in
            let x = try a.bind(["x"])["x"] ?? .none
            switch x {
            case .float(let d): return .float(Swift.abs(d))
            case .object(let o):
                if let r = try o.unaryOp(.negate), let less = try? self.compare(.less, x, .int(0)), try Interpreter.truthy(less) { return r }
                if let d = o.asDouble() { return .float(Swift.abs(d)) }
                return x
            default:
                if let i = x.intValue {
                    if i == Int.min { throw Interpreter.overflow() }
                    return .int(Swift.abs(i))
                }
                throw ScriptError.typeError("bad operand type for abs(): '\(x.typeName)'")
            }
        }
        func minMax(_ name: String, _ wantLess: Bool) -> Value {
            fn(name) { [unowned self] a in
                let k = try Arguments(functionName: name, positional: [], keywords: a.keywords).bind(["default", "key"], required: 0)
                let key = k.has("key") ? k["key"] : nil
                let items: [Value]
                if a.positional.count == 1 { items = try self.materialize(a.positional[0]) }
                else if a.positional.isEmpty { throw ScriptError.typeError("\(name) expected at least 1 argument, got 0") }
                else { items = a.positional }
                guard var best = items.first else {
                    if let d = k["default"] { return d }
                    throw ScriptError.valueError("\(name)() iterable argument is empty")
                }
                var bestKey = try key.map { try self.call($0, positional: [best]) } ?? best
                for x in items.dropFirst() {
                    let xKey = try key.map { try self.call($0, positional: [x]) } ?? x
                    let better = try Interpreter.truthy(try self.compare(wantLess ? .less : .greater, xKey, bestKey))
                    if better { best = x; bestKey = xKey }
                }
                return best
            }
        }
        b["min"] = minMax("min", true)
        b["max"] = minMax("max", false)
        b["sum"] = fn("sum") { [unowned self] a in
            let k = try a.bind(["iterable", "start"], required: 1)
            var total = k["start"] ?? .int(0)
            let it = try self.iterate(k["iterable"] ?? .none)
            while let x = try it.next() { total = try self.binary(.add, total, x) }
            return total
        }
        b["int"] = fn("int") { [unowned self] a in
            let k = try a.bind(["x", "base"], required: 0)
            guard let x = k["x"] else { return .int(0) }
            if x.object(as: BigIntObject.self) != nil { return x }
            if case .str(let s) = x {
                let base = try k.int("base", default: 10)
                var t = s.trimmingCharacters(in: .whitespaces).replacingUnderscores()
                var neg = false
                if t.hasPrefix("-") { neg = true; t.removeFirst() } else if t.hasPrefix("+") { t.removeFirst() }
                guard (2...36).contains(base), let v = Int(t, radix: base) else {
                    throw ScriptError.valueError("invalid literal for int() with base \(base): \(PythonFormat.stringRepr(s))")
                }
                return .int(neg ? -v : v)
            }
            if let i = x.intValue, !self.isFloat(x) { return .int(i) }
            if case .float(let d) = x { return .int(try Interpreter.intFromDouble(d)) }
            if case .object(let o) = x {
                if let i = o.asInt() { return .int(i) }
                if let d = o.asDouble() { return .int(try Interpreter.intFromDouble(d)) }
            }
            throw ScriptError.typeError("int() argument must be a string, a bytes-like object or a real number, not '\(x.typeName)'")
        }
        b["float"] = fn("float") { [unowned self] a in
            let k = try a.bind(["x"], required: 0)
            guard let x = k["x"] else { return .float(0) }
            if case .str(let s) = x {
                let t = s.trimmingCharacters(in: .whitespaces).lowercased().replacingUnderscores()
                switch t {
                case "inf", "+inf", "infinity", "+infinity": return .float(.infinity)
                case "-inf", "-infinity": return .float(-.infinity)
                case "nan", "+nan", "-nan": return .float(.nan)
                default:
                    if let d = Double(t), !t.isEmpty, t.allSatisfy({ "0123456789.eE+-".contains($0) }) { return .float(d) }
                    throw ScriptError.valueError("could not convert string to float: \(PythonFormat.stringRepr(s))")
                }
            }
            if let d = self.toDouble(x) { return .float(d) }
            throw ScriptError.typeError("float() argument must be a string or a real number, not '\(x.typeName)'")
        }
        b["str"] = fn("str") { [unowned self] a in
            let k = try a.bind(["object"], required: 0)
            return .str(try k["object"].map { try PythonFormat.boundedStr($0, limit: self.limits.maxCollectionLength) } ?? "")
        }
        b["repr"] = fn("repr") { [unowned self] a in
            .str(try PythonFormat.boundedRepr(try a.bind(["obj"])["obj"] ?? .none, limit: self.limits.maxCollectionLength))
        }
        b["format"] = fn("format") { a in
            let k = try a.bind(["value", "format_spec"], required: 1)
            return .str(try PythonFormat.format(k["value"] ?? .none, spec: try k.string("format_spec", default: "")))
        }
        b["bool"] = fn("bool") { a in
            let k = try a.bind(["x"], required: 0)
            return .bool(try k["x"].map { try Interpreter.truthy($0) } ?? false)
        }
        b["list"] = fn("list") { [unowned self] a in
            let k = try a.bind(["iterable"], required: 0)
            guard let x = k["iterable"] else { return .list([]) }
            return .list(ListStorage(try self.materialize(x)))
        }
        b["tuple"] = fn("tuple") { [unowned self] a in
            let k = try a.bind(["iterable"], required: 0)
            guard let x = k["iterable"] else { return .tuple([]) }
            return .tuple(try self.materialize(x))
        }
        b["dict"] = fn("dict") { [unowned self] a in
            if a.positional.count > 1 { throw ScriptError.typeError("dict expected at most 1 argument, got \(a.positional.count)") }
            let d = DictStorage()
            if let src = a.positional.first {
                if case .dict(let o) = src {
                    for (k, v) in o.pairs { try d.set(k, v) }
                } else if let o = src.object(as: DictBackedObject.self) {
                    for (k, v) in o.storage.pairs { try d.set(k, v) }
                } else {
                    for item in try self.materialize(src) {
                        let kv = try self.materialize(item)
                        guard kv.count == 2 else {
                            throw ScriptError.valueError("dictionary update sequence element has length \(kv.count); 2 is required")
                        }
                        try d.set(kv[0], kv[1])
                    }
                }
            }
            for (k, v) in a.keywords { try d.set(.str(k), v) }
            return .dict(d)
        }
        b["zip"] = fn("zip") { [unowned self] a in
            let k = try Arguments(functionName: "zip", positional: [], keywords: a.keywords).bind(["strict"], required: 0)
            let strict = try k.bool("strict", default: false)
            let its = try a.positional.map { try self.iterate($0) }
            var done = false
            return .object(IteratorObject("zip", ValueIterator {
                if done || its.isEmpty { return nil }
                var row: [Value] = []
                for (n, it) in its.enumerated() {
                    guard let x = try it.next() else {
                        done = true
                        var longer = n > 0
                        if !longer { for other in its.dropFirst() where try other.next() != nil { longer = true } }
                        if strict && longer {
                            throw ScriptError.valueError("zip() argument \(n + 1) is shorter than argument 1")
                        }
                        return nil
                    }
                    row.append(x)
                }
                return .tuple(row)
            }))
        }
        b["enumerate"] = fn("enumerate") { [unowned self] a in
            let k = try a.bind(["iterable", "start"], required: 1)
            var i = try k.int("start", default: 0)
            let it = try self.iterate(k["iterable"] ?? .none)
            return .object(IteratorObject("enumerate", ValueIterator {
                guard let x = try it.next() else { return nil }
                defer { i += 1 }
                return .tuple([.int(i), x])
            }))
        }
        b["reversed"] = fn("reversed") { [unowned self] a in
            let x = try a.bind(["sequence"])["sequence"] ?? .none
            if case .dict = x { throw ScriptError.typeError("'dict' object is not reversible") }
            return .object(IteratorObject("reversed", ValueIterator(try self.materialize(x).reversed())))
        }
        b["sorted"] = fn("sorted") { [unowned self] a in
            let k = try a.bind(["iterable"], required: 1, keywordOnly: ["reverse", "key"])
            let items = try self.materialize(k["iterable"] ?? .none)
            return .list(ListStorage(try self.sortValues(items, reverse: try k.bool("reverse", default: false), key: k["key"])))
        }
        b["any"] = fn("any") { [unowned self] a in
            let it = try self.iterate(try a.bind(["iterable"])["iterable"] ?? .none)
            while let x = try it.next() { if try Interpreter.truthy(x) { return .bool(true) } }
            return .bool(false)
        }
        b["all"] = fn("all") { [unowned self] a in
            let it = try self.iterate(try a.bind(["iterable"])["iterable"] ?? .none)
            while let x = try it.next() { if !(try Interpreter.truthy(x)) { return .bool(false) } }
            return .bool(true)
        }
        b["pow"] = fn("pow") { [unowned self] a in
            let k = try a.bind(["base", "exp"])
            return try self.binary(.power, k["base"] ?? .none, k["exp"] ?? .none)
        }
        b["divmod"] = fn("divmod") { [unowned self] a in
            let k = try a.bind(["a", "b"])
            let x = k["a"] ?? .none, y = k["b"] ?? .none
            return .tuple([try self.binary(.floorDivide, x, y), try self.binary(.modulo, x, y)])
        }
        b["type"] = fn("type") { a in
            let x = try a.bind(["object"])["object"] ?? .none
            if case .object(let o) = x, let t = o as? TypeObject { _ = t; return .object(TypeObject("type")) }
            return .object(TypeObject(x.typeName))
        }
        b["isinstance"] = fn("isinstance") { a in
            let k = try a.bind(["obj", "class_or_tuple"])
            let x = k["obj"] ?? .none
            var types: [Value] = []
            if let c = k["class_or_tuple"] { if case .tuple(let ts) = c { types = ts } else { types = [c] } }
            for t in types {
                var name: String? = nil
                if case .function(let f) = t { name = f.name }
                if case .object(let o) = t, let tt = o as? TypeObject { name = tt.name }
                if let n = name {
                    if n == x.typeName || (n == "int" && x.typeName == "bool") { return .bool(true) }
                } else {
                    throw ScriptError.typeError("isinstance() arg 2 must be a type, a tuple of types, or a union")
                }
            }
            return .bool(false)
        }
        b["True"] = nil
        installLanguageBuiltins(into: &b)
        return b
    }

    func sortValues(_ items: [Value], reverse: Bool, key: Value? = nil) throws -> [Value] {
        var failure: Error? = nil
        let keys: [Value]
        if let k = key, !k.isNone { keys = try items.map { try self.call(k, positional: [$0]) } } else { keys = items }
        let sorted = items.enumerated().sorted { p, q in
            if failure != nil { return false }
            do {
                let less = try Interpreter.truthy(try self.compare(.less, keys[p.offset], keys[q.offset]))
                let greater = try Interpreter.truthy(try self.compare(.less, keys[q.offset], keys[p.offset]))
                if !less && !greater { return p.offset < q.offset }  // stable
                return reverse ? greater : less
            } catch {
                failure = error
                return false
            }
        }
        if let f = failure { throw f }
        return sorted.map { $0.element }
    }

}

/// `sys.stdout` / `sys.stderr` for `print(..., file=sys.stderr)` (a host may expose a `sys`
/// module built with `StreamObject.sysModule()`).
public final class StreamObject: HostObject {
    public let stream: OutputStreamKind
    public init(_ stream: OutputStreamKind) { self.stream = stream }
    public var typeName: String { "TextIOWrapper" }
    public func repr() -> String { stream == .stdout ? "<_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>" : "<_io.TextIOWrapper name='<stderr>' mode='w' encoding='utf-8'>" }

    /// A `sys` module with only `stdout` and `stderr`.
    public static func sysModule() -> ModuleValue {
        ModuleValue(name: "sys", members: ["stdout": .object(StreamObject(.stdout)), "stderr": .object(StreamObject(.stderr))])
    }
}
