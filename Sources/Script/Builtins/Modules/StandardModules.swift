import Foundation

/// The pure, deterministic standard modules a lesson may import when the host does not
/// provide them: no files, no processes, no network.
extension Interpreter {
    static let standardModuleNames = [
        "math", "random", "time", "sys", "platform", "string", "typing", "warnings", "copy", "operator",
        "os", "os.path", "functools", "itertools", "collections", "json", "__future__", "re", "pathlib",
    ]

    func standardModule(_ name: String) throws -> ModuleValue? {
        switch name {
        case "math": return makeMathModule()
        case "random": return makeRandomModule()
        case "time": return makeTimeModule()
        case "sys":
            let m = StreamObject.sysModule()
            m.members["version"] = .str("3.11.2 (main, lesson) [Swift]")
            m.members["version_info"] = .tuple([.int(3), .int(11), .int(2), .str("final"), .int(0)])
            m.members["platform"] = .str("linux")
            m.members["maxsize"] = .int(Int.max)
            return m
        case "platform":
            let m = ModuleValue(name: "platform")
            m.addFunction("python_version") { _ in .str("3.11.2") }
            m.addFunction("system") { _ in .str("Linux") }
            m.addFunction("machine") { _ in .str("x86_64") }
            return m
        case "string":
            let lower = "abcdefghijklmnopqrstuvwxyz", upper = lower.uppercased(), digits = "0123456789"
            let punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
            return ModuleValue(name: "string", members: [
                "ascii_lowercase": .str(lower), "ascii_uppercase": .str(upper), "ascii_letters": .str(lower + upper),
                "digits": .str(digits), "hexdigits": .str("0123456789abcdefABCDEF"), "octdigits": .str("01234567"),
                "punctuation": .str(punctuation), "whitespace": .str(" \t\n\r\u{0B}\u{0C}"),
                "printable": .str(digits + lower + upper + punctuation + " \t\n\r\u{0B}\u{0C}"),
            ])
        case "typing", "__future__":
            // Annotations only: every name is an inert placeholder (`List[int]` works).
            return ModuleValue(name: name, dynamicAttribute: { attr in .object(TypingPlaceholder(attr)) })
        case "warnings":
            let m = ModuleValue(name: "warnings")
            m.addFunction("filterwarnings") { _ in .none }
            m.addFunction("simplefilter") { _ in .none }
            m.addFunction("warn") { [unowned self] a in
                let msg = a.positional.first.map { PythonFormat.str($0) } ?? ""
                let cat = (a.positional.count > 1 ? a.positional[1] : nil)?.object(as: ClassObject.self)?.name ?? "UserWarning"
                self.output.write("\(cat): \(msg)\n", to: .stderr)
                return .none
            }
            return m
        case "copy":
            let m = ModuleValue(name: "copy")
            m.addFunction("copy") { a in Interpreter.shallowCopy(a.positional.first ?? .none) }
            m.addFunction("deepcopy") { [unowned self] a in
                var memo: [ObjectIdentifier: Value] = [:]
                return try self.deepCopy(a.positional.first ?? .none, &memo, depth: 0)
            }
            return m
        case "operator": return makeOperatorModule()
        case "os":
            let m = ModuleValue(name: "os", members: ["sep": .str("/"), "linesep": .str("\n"), "name": .str("posix")])
            m.members["path"] = .module(try importModule(["os", "path"], at: nil))
            m.members["environ"] = .dict(DictStorage())
            m.addFunction("getcwd") { _ in .str(".") }
            return m
        case "os.path": return makeOSPathModule()
        case "functools": return makeFunctoolsModule()
        case "itertools": return makeItertoolsModule()
        case "collections": return makeCollectionsModule()
        case "json": return makeJSONModule()
        case "re": return makeReModule()
        case "pathlib": return makePathlibModule()
        default: return nil
        }
    }

    func makeTimeModule() -> ModuleValue {
        let m = ModuleValue(name: "time")
        m.addFunction("time") { _ in .float(Date().timeIntervalSince1970) }
        m.addFunction("perf_counter") { _ in .float(Double(DispatchTime.now().uptimeNanoseconds) / 1e9) }
        m.addFunction("monotonic") { _ in .float(Double(DispatchTime.now().uptimeNanoseconds) / 1e9) }
        m.addFunction("process_time") { _ in let (u, s) = Interpreter.cpuTimes(); return .float(u + s) }
        m.addFunction("sleep") { [unowned self] a in
            // Bounded, and in slices so that Ctrl-C stops it.
            let s = min(max(0, try a.bind(["secs"]).double("secs")), 5)
            var left = s
            while left > 0 {
                try self.throwIfCancelled()
                let slice = min(left, 0.05)
                Thread.sleep(forTimeInterval: slice)
                left -= slice
            }
            return .none
        }
        return m
    }

    static func shallowCopy(_ v: Value) -> Value {
        switch v {
        case .list(let l): return .list(ListStorage(l.items))
        case .dict(let d):
            let c = DictStorage()
            for (k, x) in d.pairs { try? c.set(k, x) }
            return .dict(c)
        case .object(let o):
            if let s = o as? SetObject { return .object((try? SetObject(s.elements)) ?? SetObject()) }
            if let i = o as? InstanceObject {
                let c = InstanceObject(i.cls)
                c.attributes = i.attributes
                return .object(c)
            }
            return v
        default: return v
        }
    }

    func deepCopy(_ v: Value, _ memo: inout [ObjectIdentifier: Value], depth: Int) throws -> Value {
        if depth > 500 { throw ScriptError(.recursionError, "maximum recursion depth exceeded while copying") }
        try tick(nil)
        switch v {
        case .list(let l):
            if let m = memo[ObjectIdentifier(l)] { return m }
            let c = ListStorage()
            memo[ObjectIdentifier(l)] = .list(c)
            for x in l.items { c.items.append(try deepCopy(x, &memo, depth: depth + 1)) }
            return .list(c)
        case .tuple(let xs): return .tuple(try xs.map { try deepCopy($0, &memo, depth: depth + 1) })
        case .dict(let d):
            if let m = memo[ObjectIdentifier(d)] { return m }
            let c = DictStorage()
            memo[ObjectIdentifier(d)] = .dict(c)
            for (k, x) in d.pairs { try c.set(k, try deepCopy(x, &memo, depth: depth + 1)) }
            return .dict(c)
        case .object(let o):
            if let i = o as? InstanceObject {
                if let m = memo[ObjectIdentifier(i)] { return m }
                let c = InstanceObject(i.cls)
                memo[ObjectIdentifier(i)] = .object(c)
                for (k, x) in i.attributes { c.attributes[k] = try deepCopy(x, &memo, depth: depth + 1) }
                return .object(c)
            }
            return Interpreter.shallowCopy(v)
        default: return v
        }
    }
}

/// A name from `typing` (`List`, `Optional`, ...): subscriptable and callable, inert.
final class TypingPlaceholder: HostObject {
    let name: String
    init(_ name: String) { self.name = name }
    var typeName: String { "_SpecialForm" }
    func repr() -> String { "typing.\(name)" }
    func getItem(_ index: Value) throws -> Value { .object(self) }
    func call(positional: [Value], keywords: [(String, Value)]) throws -> Value { positional.first ?? .none }
    func binaryOp(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> OperatorResult { op == .bitOr ? .object(self) : nil }
}
