import Foundation

extension Interpreter {
    /// `"%.2f" % x` (printf-style formatting).
    func percentFormat(_ fmt: String, _ arg: Value) throws -> String {
        var args: [Value]
        if case .tuple(let xs) = arg { args = xs } else { args = [arg] }
        var dictArg: DictStorage? = nil
        if case .dict(let d) = arg { dictArg = d }
        let c = Array(fmt)
        var out = ""
        var i = 0, ai = 0
        while i < c.count {
            if c[i] != "%" { out.append(c[i]); i += 1; continue }
            i += 1
            guard i < c.count else { throw ScriptError.valueError("incomplete format") }
            if c[i] == "%" { out.append("%"); i += 1; continue }
            var key: String? = nil
            if c[i] == "(" {
                var j = i + 1
                while j < c.count, c[j] != ")" { j += 1 }
                guard j < c.count else { throw ScriptError.valueError("incomplete format key") }
                key = String(c[(i + 1)..<j]); i = j + 1
            }
            var flags = ""
            while i < c.count, "-+ #0".contains(c[i]) { flags.append(c[i]); i += 1 }
            var width = ""
            while i < c.count, c[i].isASCII, c[i].isNumber { width.append(c[i]); i += 1 }
            var prec: String? = nil
            if i < c.count, c[i] == "." {
                i += 1; var p = ""
                while i < c.count, c[i].isASCII, c[i].isNumber { p.append(c[i]); i += 1 }
                prec = p.isEmpty ? "0" : p
            }
            guard i < c.count else { throw ScriptError.valueError("incomplete format") }
            let t = c[i]; i += 1
            let v: Value
            if let k = key {
                guard let d = dictArg, let x = try d.get(.str(k)) else { throw ScriptError.keyError(PythonFormat.stringRepr(k)) }
                v = x
            } else {
                guard ai < args.count else { throw ScriptError.typeError("not enough arguments for format string") }
                v = args[ai]; ai += 1
            }
            var spec = ""
            if flags.contains("-") { spec += "<" } else if flags.contains("0") && t != "s" && t != "r" { spec += "0" }
            if flags.contains("+") { spec = (spec == "0" ? "+0" : spec + "+") } else if flags.contains(" ") { spec += " " }
            if spec.hasSuffix("+") && spec.hasPrefix("<") {} // order fine
            if spec == "0+" { spec = "+0" }
            spec += width
            if let p = prec { spec += "." + p }
            switch t {
            case "s": out += try PythonFormat.format(.str(PythonFormat.str(v)), spec: spec.replacingOccurrences(of: "+", with: ""))
            case "r", "a": out += try PythonFormat.format(.str(PythonFormat.repr(v)), spec: spec.replacingOccurrences(of: "+", with: ""))
            case "d", "i", "u":
                guard let d = v.doubleValue ?? v.object(as: HostObject.self)?.asDouble() else {
                    throw ScriptError.typeError("%\(t) format: a real number is required, not \(v.typeName)")
                }
                out += try PythonFormat.format(.int(Int(exactly: d.rounded(.towardZero)) ?? 0), spec: spec.split(separator: ".").first.map(String.init) ?? "")
            case "f", "F", "e", "E", "g", "G", "x", "X", "o":
                let num: Value
                if "xXo".contains(t) {
                    guard let n = v.intValue else { throw ScriptError.typeError("%\(t) format: an integer is required, not \(v.typeName)") }
                    num = .int(n)
                } else {
                    guard let d = v.doubleValue ?? v.object(as: HostObject.self)?.asDouble() else {
                        throw ScriptError.typeError("must be real number, not \(v.typeName)")
                    }
                    num = .float(d)
                }
                out += try PythonFormat.format(num, spec: spec + String(t))
            default:
                throw ScriptError.valueError("unsupported format character '\(t)'")
            }
        }
        if dictArg == nil && ai < args.count, case .tuple = arg {
            throw ScriptError.typeError("not all arguments converted during string formatting")
        }
        return out
    }
}
