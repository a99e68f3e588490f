import Foundation

/// Python's regex syntax to ICU's (what NSRegularExpression runs): `(?P<name>...)` becomes a
/// plain group whose number is remembered under its name (ICU names allow no `_`),
/// `(?P=name)` a numbered back-reference, `\Z` ICU's `\z`. Groups are counted here so
/// `groups`, `groupindex` and `groupdict` agree with CPython.
struct RegexTranslation {
    var icu = ""
    var groupNames: [String: Int] = [:]
    var groupCount = 0

    init(_ pattern: String, verbose: Bool) throws {
        let cs = Array(pattern)
        var i = 0
        var inClass = false
        func error(_ m: String) -> ScriptError { ScriptError(ScriptError.Kind(rawValue: "re.error"), "\(m) at position \(i)") }
        while i < cs.count {
            let c = cs[i]
            if c == "\\" {
                guard i + 1 < cs.count else { throw error("bad escape (end of pattern)") }
                let n = cs[i + 1]
                icu += n == "Z" && !inClass ? "\\z" : "\\" + String(n)
                i += 2
                continue
            }
            if inClass {
                if c == "]" { inClass = false }
                icu.append(c)
                i += 1
                continue
            }
            switch c {
            case "[":
                inClass = true
                icu.append(c)
                i += 1
                // `[]` and `[^]` take the `]` literally.
                if i < cs.count, cs[i] == "^" { icu.append("^"); i += 1 }
                if i < cs.count, cs[i] == "]" { icu += "\\]"; i += 1 }
            case "#" where verbose:
                while i < cs.count, cs[i] != "\n" { i += 1 }
            case "(":
                if i + 1 < cs.count, cs[i + 1] == "?" {
                    if i + 2 < cs.count, cs[i + 2] == "P" {
                        guard i + 3 < cs.count else { throw error("unexpected end of pattern") }
                        if cs[i + 3] == "<" {
                            guard let close = cs[(i + 4)...].firstIndex(of: ">") else { throw error("missing >, unterminated name") }
                            let name = String(cs[(i + 4)..<close])
                            guard name.first.map({ $0.isLetter || $0 == "_" }) == true, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                                throw error("bad character in group name '\(name)'")
                            }
                            if groupNames[name] != nil { throw error("redefinition of group name '\(name)' as group \(groupCount + 1); was group \(groupNames[name] ?? 0)") }
                            groupCount += 1
                            groupNames[name] = groupCount
                            icu += "("
                            i = close + 1
                            continue
                        }
                        if cs[i + 3] == "=" {
                            guard let close = cs[(i + 4)...].firstIndex(of: ")") else { throw error("missing ), unterminated name") }
                            let name = String(cs[(i + 4)..<close])
                            guard let n = groupNames[name] else { throw error("unknown group name '\(name)'") }
                            icu += "(?:\\\(n))"
                            i = close + 1
                            continue
                        }
                        throw error("unknown extension ?P\(cs[i + 3])")
                    }
                    icu += "(?"
                    i += 2
                    continue
                }
                groupCount += 1
                icu.append(c)
                i += 1
            default:
                icu.append(c)
                i += 1
            }
        }
    }
}
