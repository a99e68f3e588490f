import Foundation

/// A `re.sub` replacement string: `\1`, `\g<1>`, `\g<name>` and the character escapes,
/// parsed once as CPython's `_parse_template` does.
struct RegexTemplate {
    enum Part { case text(String), group(Int) }
    var parts: [Part] = []

    init(_ template: String, _ pattern: RegexPattern) throws {
        let cs = Array(template)
        var i = 0
        var text = ""
        func bad(_ m: String) -> ScriptError { ScriptError(ScriptError.Kind(rawValue: "re.error"), "\(m) at position \(i)") }
        func flush() { if !text.isEmpty { parts.append(.text(text)); text = "" } }
        while i < cs.count {
            let c = cs[i]
            guard c == "\\", i + 1 < cs.count else { text.append(c); i += 1; continue }
            let n = cs[i + 1]
            if n == "g" {
                guard i + 2 < cs.count, cs[i + 2] == "<", let close = cs[(i + 3)...].firstIndex(of: ">") else { throw bad("missing <") }
                let name = String(cs[(i + 3)..<close])
                let index: Int
                if let k = Int(name), k >= 0 { index = k } else if let k = pattern.translation.groupNames[name] { index = k } else {
                    throw ScriptError.indexError("unknown group name '\(name)'")
                }
                guard index <= pattern.translation.groupCount else { throw bad("invalid group reference \(index)") }
                flush(); parts.append(.group(index))
                i = close + 1
            } else if let d = n.wholeNumberValue, n.isASCII {
                var index = d
                i += 2
                if i < cs.count, let d2 = cs[i].wholeNumberValue, cs[i].isASCII, index * 10 + d2 <= pattern.translation.groupCount { index = index * 10 + d2; i += 1 }
                guard index <= pattern.translation.groupCount, index > 0 else { throw bad("invalid group reference \(index)") }
                flush(); parts.append(.group(index))
            } else {
                let escapes: [Character: String] = ["n": "\n", "t": "\t", "r": "\r", "\\": "\\", "a": "\u{07}", "b": "\u{08}", "f": "\u{0C}", "v": "\u{0B}"]
                if let e = escapes[n] { text += e } else if n.isASCII && n.isLetter { throw bad("bad escape \\\(n)") } else { text += "\\" + String(n) }
                i += 2
            }
        }
        flush()
    }

    func expand(_ m: RegexMatch) throws -> String {
        var out = ""
        for p in parts {
            switch p {
            case .text(let t): out += t
            case .group(let g): if case .str(let s) = m.group(g) { out += s }
            }
        }
        return out
    }
}
