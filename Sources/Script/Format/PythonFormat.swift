import Foundation

/// Python's `repr`, `str` and `format` for lesson values.
public enum PythonFormat {
    /// `repr(v)`.
    public static func repr(_ v: Value) -> String {
        var seen = Set<ObjectIdentifier>()
        var budget = defaultBudget
        return repr(v, &seen, &budget)
    }

    /// Characters a repr builds before it stops (a list of a million long strings would
    /// otherwise take gigabytes); the throwing variants turn that into a MemoryError.
    static let defaultBudget = 1 << 27

    /// `repr(v)`, refusing (MemoryError) a text longer than `limit` characters before building it.
    public static func boundedRepr(_ v: Value, limit: Int) throws -> String {
        var seen = Set<ObjectIdentifier>()
        var budget = limit
        let s = repr(v, &seen, &budget)
        if budget < 0 { throw ScriptError.memoryError("repr() of this \(v.typeName) would be longer than \(limit) characters; lessons are limited") }
        return s
    }

    /// `str(v)` with the same bound.
    public static func boundedStr(_ v: Value, limit: Int) throws -> String {
        switch v {
        case .list, .tuple, .dict: return try boundedRepr(v, limit: limit)
        default: return str(v)
        }
    }

    /// `str(v)`: strings unquoted, everything else as repr (host objects use their `str()`).
    public static func str(_ v: Value) -> String {
        switch v {
        case .str(let s): return s
        case .object(let o): return o.str()
        default: return repr(v)
        }
    }

    static func repr(_ v: Value, _ seen: inout Set<ObjectIdentifier>, _ budget: inout Int) -> String {
        if budget < 0 { return "" }
        let s = reprStep(v, &seen, &budget)
        switch v {
        case .list, .tuple, .dict: break  // their elements were counted
        default: budget -= s.utf8.count
        }
        return s
    }

    static func reprStep(_ v: Value, _ seen: inout Set<ObjectIdentifier>, _ budget: inout Int) -> String {
        switch v {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .float(let d): return floatRepr(d)
        case .str(let s): return stringRepr(s)
        case .list(let l):
            let id = ObjectIdentifier(l)
            if seen.contains(id) { return "[...]" }
            seen.insert(id)
            defer { seen.remove(id) }
            var parts: [String] = []
            for x in l.items where budget >= 0 { parts.append(repr(x, &seen, &budget)); budget -= 2 }
            if budget < 0 { return "" }
            return "[" + parts.joined(separator: ", ") + "]"
        case .tuple(let xs):
            var parts: [String] = []
            for x in xs where budget >= 0 { parts.append(repr(x, &seen, &budget)); budget -= 2 }
            if budget < 0 { return "" }
            if xs.count == 1 { return "(" + parts[0] + ",)" }
            return "(" + parts.joined(separator: ", ") + ")"
        case .dict(let d):
            let id = ObjectIdentifier(d)
            if seen.contains(id) { return "{...}" }
            seen.insert(id)
            defer { seen.remove(id) }
            var parts: [String] = []
            for (k, x) in d.pairs where budget >= 0 { parts.append(repr(k, &seen, &budget) + ": " + repr(x, &seen, &budget)); budget -= 4 }
            if budget < 0 { return "" }
            return "{" + parts.joined(separator: ", ") + "}"
        case .slice(let s):
            func f(_ i: Int?) -> String { i.map(String.init) ?? "None" }
            return "slice(\(f(s.start)), \(f(s.stop)), \(f(s.step)))"
        case .range(let r):
            return r.step == 1 ? "range(\(r.start), \(r.stop))" : "range(\(r.start), \(r.stop), \(r.step))"
        case .function(let f):
            return f.isMethod ? "<built-in method \(f.name)>" : "<built-in function \(f.name)>"
        case .module(let m): return "<module '\(m.name)'>"
        case .object(let o): return o.repr()
        case .ellipsis: return "Ellipsis"
        }
    }

    /// Python's repr of a float: the shortest string that round-trips, in fixed notation
    /// for exponents -5 < e < 16 and scientific otherwise (`1e-05`, `1e+16`, `100.0`).
    public static func floatRepr(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
        let (digits, decpt) = shortestDigits(abs(d))
        let sign = d < 0 ? "-" : ""
        let n = digits.count
        if decpt > -4 && decpt <= 16 {
            if decpt <= 0 { return sign + "0." + String(repeating: "0", count: -decpt) + digits }
            if decpt >= n { return sign + digits + String(repeating: "0", count: decpt - n) + ".0" }
            let i = digits.index(digits.startIndex, offsetBy: decpt)
            return sign + digits[..<i] + "." + digits[i...]
        }
        let exp = decpt - 1
        var mant = String(digits.prefix(1))
        if n > 1 { mant += "." + digits.dropFirst() }
        let e = abs(exp) < 10 ? "0\(abs(exp))" : "\(abs(exp))"
        return sign + mant + "e" + (exp < 0 ? "-" : "+") + e
    }

    /// Shortest round-trip digits (no leading/trailing zeros) and decimal-point position:
    /// value = 0.DIGITS × 10^decpt.
    static func shortestDigits(_ d: Double) -> (String, Int) {
        let desc = d.description  // Swift prints the shortest round-trip representation.
        var mantissa = Substring(desc)
        var exp = 0
        if let e = desc.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = desc[..<e]
            exp = Int(desc[desc.index(after: e)...]) ?? 0
        }
        var intPart = mantissa, frac: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = mantissa[..<dot]
            frac = mantissa[mantissa.index(after: dot)...]
        }
        var all = String(intPart) + String(frac)
        var decpt = intPart.count + exp
        while all.hasPrefix("0") && all.count > 1 { all.removeFirst(); decpt -= 1 }
        while all.hasSuffix("0") && all.count > 1 { all.removeLast() }
        return (all, decpt)
    }

    /// Python's repr of a str: single quotes unless the text has `'` and no `"`.
    public static func stringRepr(_ s: String) -> String {
        let useDouble = s.contains("'") && !s.contains("\"")
        let q: Character = useDouble ? "\"" : "'"
        var out = String(q)
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if Character(u) == q { out += "\\" + String(q) }
                else if u.value < 0x20 || u.value == 0x7f { out += String(format: "\\x%02x", u.value) }
                else if (0x80..<0xa0).contains(u.value) { out += String(format: "\\x%02x", u.value) }
                else { out.unicodeScalars.append(u) }
            }
        }
        out.append(q)
        return out
    }

    struct Spec {
        var fill: Character = " "
        var align: Character? = nil
        var sign: Character = "-"
        var alternate = false
        var zero = false
        var width = 0
        var grouping: Character? = nil
        var precision: Int? = nil
        var type: Character? = nil
    }

    static func parseSpec(_ spec: String) throws -> Spec {
        var s = Spec()
        let c = Array(spec)
        var i = 0
        let aligns: Set<Character> = ["<", ">", "^", "="]
        if c.count >= 2, aligns.contains(c[1]) { s.fill = c[0]; s.align = c[1]; i = 2 }
        else if c.count >= 1, aligns.contains(c[0]) { s.align = c[0]; i = 1 }
        if i < c.count, "+- ".contains(c[i]) { s.sign = c[i]; i += 1 }
        if i < c.count, c[i] == "z" { i += 1 }
        if i < c.count, c[i] == "#" { s.alternate = true; i += 1 }
        if i < c.count, c[i] == "0" { s.zero = true; i += 1 }
        var w = 0, hasW = false
        while i < c.count, let d = c[i].wholeNumberValue, c[i].isASCII {
            w = w &* 10 &+ d; hasW = true; i += 1
            if w > 10_000 { throw ScriptError.valueError("Too many decimal digits in format string") }
        }
        if hasW { s.width = w }
        if i < c.count, c[i] == "," || c[i] == "_" { s.grouping = c[i]; i += 1 }
        if i < c.count, c[i] == "." {
            i += 1
            var p = 0, hasP = false
            while i < c.count, let d = c[i].wholeNumberValue, c[i].isASCII {
                p = p &* 10 &+ d; hasP = true; i += 1
                if p > 10_000 { throw ScriptError.valueError("Too many decimal digits in format string") }
            }
            if !hasP { throw ScriptError.valueError("Format specifier missing precision") }
            s.precision = p
        }
        if i < c.count { s.type = c[i]; i += 1 }
        if i < c.count { throw ScriptError.valueError("Invalid format specifier '\(spec)'") }
        if s.zero && s.align == nil { s.fill = "0"; s.align = "=" }
        return s
    }

    /// `format(v, spec)`: Python's format-spec mini-language for str, int, float (and
    /// host objects through `HostObject.format`).
    public static func format(_ v: Value, spec: String) throws -> String {
        if spec.isEmpty { return str(v) }
        switch v {
        case .str(let s):
            let sp = try parseSpec(spec)
            if let t = sp.type, t != "s" { throw ScriptError.valueError("Unknown format code '\(t)' for object of type 'str'") }
            if sp.sign != "-" { throw ScriptError.valueError("Sign not allowed in string format specifier") }
            var body = s
            if let p = sp.precision { body = String(s.prefix(p)) }
            return pad(body, sp, defaultAlign: "<", sign: "")
        case .int(let i): return try formatInt(i, try parseSpec(spec))
        case .bool(let b): return try formatInt(b ? 1 : 0, try parseSpec(spec))
        case .float(let d): return try formatFloat(d, try parseSpec(spec))
        case .object(let o):
            if let s = try o.format(spec) { return s }
            throw ScriptError.typeError("unsupported format string passed to \(o.typeName).__format__")
        default:
            throw ScriptError.typeError("unsupported format string passed to \(v.typeName).__format__")
        }
    }

    static func pad(_ body: String, _ sp: Spec, defaultAlign: Character, sign: String) -> String {
        let len = body.count + sign.count
        guard sp.width > len else { return sign + body }
        let n = sp.width - len
        let fill = String(sp.fill)
        switch sp.align ?? defaultAlign {
        case "<": return sign + body + String(repeating: fill, count: n)
        case "^": return String(repeating: fill, count: n / 2) + sign + body + String(repeating: fill, count: n - n / 2)
        case "=": return sign + String(repeating: fill, count: n) + body
        default: return String(repeating: fill, count: n) + sign + body
        }
    }

    static func group(_ digits: String, _ sep: Character?, every: Int = 3) -> String {
        guard let sep = sep else { return digits }
        var out: [Character] = []
        for (k, ch) in digits.reversed().enumerated() {
            if k > 0 && k % every == 0 { out.append(sep) }
            out.append(ch)
        }
        return String(out.reversed())
    }

    static func signString(negative: Bool, _ sp: Spec) -> String {
        if negative { return "-" }
        if sp.sign == "+" { return "+" }
        if sp.sign == " " { return " " }
        return ""
    }

    static func formatInt(_ i: Int, _ sp: Spec) throws -> String {
        let t = sp.type ?? "d"
        switch t {
        case "d", "n", "b", "o", "x", "X":
            if sp.precision != nil { throw ScriptError.valueError("Precision not allowed in integer format specifier") }
            let mag = i.magnitude
            var digits: String
            var prefix = ""
            switch t {
            case "b": digits = String(mag, radix: 2); prefix = sp.alternate ? "0b" : ""
            case "o": digits = String(mag, radix: 8); prefix = sp.alternate ? "0o" : ""
            case "x": digits = String(mag, radix: 16); prefix = sp.alternate ? "0x" : ""
            case "X": digits = String(mag, radix: 16).uppercased(); prefix = sp.alternate ? "0X" : ""
            default: digits = String(mag)
            }
            digits = group(digits, sp.grouping, every: (t == "d" || t == "n") ? 3 : 4)
            return pad(digits, sp, defaultAlign: ">", sign: signString(negative: i < 0, sp) + prefix)
        case "c":
            guard let u = Unicode.Scalar(UInt32(truncatingIfNeeded: i)) else { throw ScriptError.overflow("%c arg not in range(0x110000)") }
            return pad(String(Character(u)), sp, defaultAlign: "<", sign: "")
        case "e", "E", "f", "F", "g", "G", "%":
            return try formatFloat(Double(i), sp)
        default:
            throw ScriptError.valueError("Unknown format code '\(t)' for object of type 'int'")
        }
    }

    static func formatFloat(_ d: Double, _ sp: Spec) throws -> String {
        let negative = d.sign == .minus && !(d == 0 && false)
        let mag = abs(d)
        var body: String
        if let t = sp.type, !"eEfFgG%".contains(t) {
            throw ScriptError.valueError("Unknown format code '\(t)' for object of type 'float'")
        }
        if mag.isNaN || mag.isInfinite {
            body = mag.isNaN ? "nan" : "inf"
            if let t = sp.type, t.isUppercase { body = body.uppercased() }
            if sp.type == "%" { body += "%" }
            var s2 = sp
            if s2.fill == "0" && s2.align == "=" { s2.fill = " " }
            return pad(body, s2, defaultAlign: ">", sign: signString(negative: d.sign == .minus && !d.isNaN, sp))
        }
        switch sp.type {
        case "f", "F":
            body = String(format: "%.\(sp.precision ?? 6)f", mag)
        case "e", "E":
            body = String(format: "%.\(sp.precision ?? 6)e", mag)
            if sp.type == "E" { body = body.uppercased() }
        case "g", "G":
            body = String(format: sp.alternate ? "%#.\(max(sp.precision ?? 6, 1))g" : "%.\(max(sp.precision ?? 6, 1))g", mag)
            if sp.type == "G" { body = body.uppercased() }
        case "%":
            body = String(format: "%.\(sp.precision ?? 6)f", mag * 100) + "%"
        default:
            if let p = sp.precision {
                body = String(format: "%.\(max(p, 1))g", mag)
                if !body.contains(".") && !body.contains("e") { body += ".0" }
            } else {
                body = floatRepr(mag)
            }
        }
        if sp.grouping != nil {
            var intPart = body, rest = ""
            if let idx = body.firstIndex(where: { !$0.isNumber }) {
                intPart = String(body[..<idx]); rest = String(body[idx...])
            }
            body = group(intPart, sp.grouping) + rest
        }
        return pad(body, sp, defaultAlign: ">", sign: signString(negative: negative, sp))
    }

    /// Python's `round(x, ndigits)` for floats: correctly rounded through decimal
    /// conversion (so `round(2.675, 2)` is `2.67`, as in Python).
    public static func round(_ x: Double, ndigits: Int) -> Double {
        if x.isNaN || x.isInfinite || x == 0 { return x }
        if ndigits > 300 { return x }
        if ndigits >= 0 {
            let s = String(format: "%.\(ndigits)f", x)
            return Double(s) ?? x
        }
        if ndigits < -308 { return 0.0 * x }
        let p = pow(10.0, Double(-ndigits))
        let y = (x / p).rounded(.toNearestOrEven) * p
        return y
    }
}
