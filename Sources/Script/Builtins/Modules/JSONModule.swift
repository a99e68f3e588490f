import Foundation

/// `json.dumps` and `json.loads` as CPython's json writes and reads them (no files).
extension Interpreter {
    func makeJSONModule() -> ModuleValue {
        let m = ModuleValue(name: "json")
        // `json.JSONDecodeError` is a ValueError, as in CPython.
        let decodeError = ClassObject(name: "JSONDecodeError", base: runtime.exceptionClasses["ValueError"], isBuiltin: true, interpreter: self)
        runtime.exceptionClasses["JSONDecodeError"] = decodeError
        m.members["JSONDecodeError"] = .object(decodeError)
        m.addFunction("dumps") { [unowned self] a in
            let k = try a.bind(["obj"], required: 1, keywordOnly: ["indent", "sort_keys", "ensure_ascii", "separators", "default"])
            let indent: String? = try k["indent"].flatMap { v in
                if v.isNone { return nil }
                if case .str(let s) = v { return s }
                return String(repeating: " ", count: max(0, try self.toInt(v)))
            }
            var itemSep = indent == nil ? ", " : ",", keySep = ": "
            if let seps = k["separators"]?.sequenceElements, seps.count == 2, case .str(let i) = seps[0], case .str(let kk) = seps[1] {
                itemSep = i; keySep = kk
            }
            var w = JSONWriter(interpreter: self, indent: indent, itemSeparator: itemSep, keySeparator: keySep,
                               sortKeys: try k.bool("sort_keys", default: false), ensureASCII: try k.bool("ensure_ascii", default: true))
            try w.write(k["obj"] ?? .none, level: 0)
            return .str(w.out)
        }
        m.addFunction("loads") { [unowned self] a in
            let s = try a.bind(["s"]).string("s")
            var r = JSONReader(scalars: Array(s.unicodeScalars), interpreter: self)
            return try r.document()
        }
        for name in ["dump", "load"] {
            m.addFunction(name) { _ in throw ScriptError.notSupported("json.\(name) needs a file; lessons cannot read or write files (use json.\(name)s)") }
        }
        return m
    }
}

struct JSONWriter {
    let interpreter: Interpreter
    let indent: String?
    let itemSeparator: String, keySeparator: String
    let sortKeys: Bool, ensureASCII: Bool
    var out = ""

    init(interpreter: Interpreter, indent: String?, itemSeparator: String, keySeparator: String, sortKeys: Bool, ensureASCII: Bool) {
        self.interpreter = interpreter; self.indent = indent; self.itemSeparator = itemSeparator
        self.keySeparator = keySeparator; self.sortKeys = sortKeys; self.ensureASCII = ensureASCII
    }

    mutating func string(_ s: String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if u.value < 0x20 || (ensureASCII && u.value > 0x7e) {
                    if u.value > 0xFFFF {
                        let v = u.value - 0x10000
                        out += String(format: "\\u%04x\\u%04x", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF))
                    } else {
                        out += String(format: "\\u%04x", u.value)
                    }
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }

    mutating func newline(_ level: Int) {
        guard let i = indent else { return }
        out += "\n" + String(repeating: i, count: level)
    }

    mutating func write(_ v: Value, level: Int) throws {
        if level > 200 { throw ScriptError(.recursionError, "maximum recursion depth exceeded while encoding a JSON object") }
        try interpreter.checkedLength(out.utf8.count, "JSON text")
        switch v {
        case .none: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .float(let d):
            if d.isNaN { out += "NaN" } else if d.isInfinite { out += d < 0 ? "-Infinity" : "Infinity" } else { out += PythonFormat.repr(v) }
        case .str(let s): string(s)
        case .list, .tuple:
            let xs = v.sequenceElements ?? []
            if xs.isEmpty { out += "[]"; return }
            out += "["
            for (i, x) in xs.enumerated() {
                if i > 0 { out += itemSeparator }
                newline(level + 1)
                try write(x, level: level + 1)
            }
            newline(level)
            out += "]"
        case .dict(let d):
            if d.count == 0 { out += "{}"; return }
            var pairs = d.pairs
            if sortKeys { pairs.sort { PythonFormat.str($0.0) < PythonFormat.str($1.0) } }
            out += "{"
            for (i, (k, x)) in pairs.enumerated() {
                if i > 0 { out += itemSeparator }
                newline(level + 1)
                switch k {
                case .str(let s): string(s)
                case .int, .float, .bool, .none:
                    var w = JSONWriter(interpreter: interpreter, indent: nil, itemSeparator: "", keySeparator: "", sortKeys: false, ensureASCII: ensureASCII)
                    try w.write(k, level: 0)
                    string(w.out)
                default: throw ScriptError.typeError("keys must be str, int, float, bool or None, not \(k.typeName)")
                }
                out += keySeparator
                try write(x, level: level + 1)
            }
            newline(level)
            out += "}"
        default:
            if let b = v.object(as: BigIntObject.self) { out += b.repr(); return }
            throw ScriptError.typeError("Object of type \(v.typeName) is not JSON serializable")
        }
    }
}

struct JSONReader {
    let scalars: [Unicode.Scalar]
    unowned let interpreter: Interpreter
    var i = 0
    var depth = 0

    init(scalars: [Unicode.Scalar], interpreter: Interpreter) {
        self.scalars = scalars
        self.interpreter = interpreter
    }

    func fail(_ what: String) -> ScriptError {
        // CPython: "Expecting value: line 1 column 1 (char 0)".
        var line = 1, col = 1
        for s in scalars.prefix(i) { if s == "\n" { line += 1; col = 1 } else { col += 1 } }
        return ScriptError(ScriptError.Kind(rawValue: "JSONDecodeError"), "\(what): line \(line) column \(col) (char \(i))")
    }

    mutating func skip() { while i < scalars.count, [" ", "\t", "\n", "\r"].contains(scalars[i]) { i += 1 } }

    mutating func document() throws -> Value {
        skip()
        let v = try value()
        skip()
        if i < scalars.count { throw fail("Extra data") }
        return v
    }

    mutating func literal(_ word: String, _ v: Value) throws -> Value {
        let w = Array(word.unicodeScalars)
        guard i + w.count <= scalars.count, Array(scalars[i..<(i + w.count)]) == w else { throw fail("Expecting value") }
        i += w.count
        return v
    }

    mutating func value() throws -> Value {
        depth += 1
        defer { depth -= 1 }
        if depth > 200 { throw ScriptError(.recursionError, "maximum recursion depth exceeded while decoding a JSON document") }
        skip()
        guard i < scalars.count else { throw fail("Expecting value") }
        switch scalars[i] {
        case "{":
            i += 1
            let d = DictStorage()
            skip()
            if i < scalars.count, scalars[i] == "}" { i += 1; return .dict(d) }
            while true {
                skip()
                guard i < scalars.count, scalars[i] == "\"" else { throw fail("Expecting property name enclosed in double quotes") }
                let k = try string()
                skip()
                guard i < scalars.count, scalars[i] == ":" else { throw fail("Expecting ':' delimiter") }
                i += 1
                try d.set(.str(k), try value())
                try interpreter.checkedLength(d.count, "dict")
                skip()
                guard i < scalars.count else { throw fail("Expecting ',' delimiter") }
                if scalars[i] == "," { i += 1; continue }
                if scalars[i] == "}" { i += 1; return .dict(d) }
                throw fail("Expecting ',' delimiter")
            }
        case "[":
            i += 1
            var xs: [Value] = []
            skip()
            if i < scalars.count, scalars[i] == "]" { i += 1; return .list(ListStorage(xs)) }
            while true {
                xs.append(try value())
                try interpreter.checkedLength(xs.count, "list")
                skip()
                guard i < scalars.count else { throw fail("Expecting ',' delimiter") }
                if scalars[i] == "," { i += 1; continue }
                if scalars[i] == "]" { i += 1; return .list(ListStorage(xs)) }
                throw fail("Expecting ',' delimiter")
            }
        case "\"": return .str(try string())
        case "t": return try literal("true", .bool(true))
        case "f": return try literal("false", .bool(false))
        case "n": return try literal("null", .none)
        case "N": return try literal("NaN", .float(.nan))
        case "I": return try literal("Infinity", .float(.infinity))
        default: return try number()
        }
    }

    mutating func number() throws -> Value {
        let start = i
        if i < scalars.count, scalars[i] == "-" { i += 1 }
        if i + 7 < scalars.count + 1, scalars[i...].starts(with: "Infinity".unicodeScalars) { i += 8; return .float(-.infinity) }
        var isFloat = false
        while i < scalars.count, "0123456789.eE+-".unicodeScalars.contains(scalars[i]) {
            if ".eE".unicodeScalars.contains(scalars[i]) { isFloat = true }
            i += 1
        }
        let text = String(String.UnicodeScalarView(scalars[start..<i]))
        if text.isEmpty || text == "-" { i = start; throw fail("Expecting value") }
        if !isFloat, let n = Int(text) { return .int(n) }
        guard let d = Double(text) else { i = start; throw fail("Expecting value") }
        return .float(d)
    }

    mutating func string() throws -> String {
        i += 1
        var out = String.UnicodeScalarView()
        while i < scalars.count {
            let c = scalars[i]
            i += 1
            if c == "\"" { return String(out) }
            if c == "\\" {
                guard i < scalars.count else { break }
                let e = scalars[i]
                i += 1
                switch e {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "b": out.append("\u{08}")
                case "f": out.append("\u{0C}")
                case "u":
                    guard i + 4 <= scalars.count, let v = UInt32(String(String.UnicodeScalarView(scalars[i..<(i + 4)])), radix: 16) else {
                        throw fail("Invalid \\uXXXX escape")
                    }
                    i += 4
                    var code = v
                    if (0xD800..<0xDC00).contains(v), i + 6 <= scalars.count, scalars[i] == "\\", scalars[i + 1] == "u",
                       let low = UInt32(String(String.UnicodeScalarView(scalars[(i + 2)..<(i + 6)])), radix: 16), (0xDC00..<0xE000).contains(low) {
                        code = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                    out.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                default: out.append(e)
                }
            } else {
                out.append(c)
            }
        }
        throw fail("Unterminated string starting at")
    }
}
