import Foundation

/// `re.Pattern`: a compiled regex on NSRegularExpression. Every search runs with
/// `.reportProgress`, so a catastrophic backtracking stops at Ctrl-C or after
/// `RegexPattern.timeBudget` seconds with an error instead of hanging the lesson.
final class RegexPattern: HostObject {
    static let flagNames: [(Int, String)] = [(2, "IGNORECASE"), (4, "LOCALE"), (8, "MULTILINE"), (16, "DOTALL"), (64, "VERBOSE"), (256, "ASCII")]
    static let timeBudget = 2.0

    let pattern: String
    let flags: Int
    let regex: NSRegularExpression
    /// The same regex anchored at both ends, for `fullmatch`.
    let whole: NSRegularExpression
    let translation: RegexTranslation
    unowned let interpreter: Interpreter

    init(_ pattern: String, flags: Int, interpreter: Interpreter) throws {
        self.pattern = pattern
        self.flags = flags
        self.interpreter = interpreter
        let verbose = flags & 64 != 0
        translation = try RegexTranslation(pattern, verbose: verbose)
        var options: NSRegularExpression.Options = []
        if flags & 2 != 0 { options.insert(.caseInsensitive) }
        if flags & 8 != 0 { options.insert(.anchorsMatchLines) }
        if flags & 16 != 0 { options.insert(.dotMatchesLineSeparators) }
        if verbose { options.insert(.allowCommentsAndWhitespace) }
        do {
            regex = try NSRegularExpression(pattern: translation.icu, options: options)
            whole = try NSRegularExpression(pattern: "(?:" + translation.icu + (verbose ? "\n" : "") + ")\\z", options: options)
        } catch {
            throw ScriptError(ScriptError.Kind(rawValue: "re.error"), "invalid regular expression \(PythonFormat.repr(.str(pattern)))")
        }
    }

    var typeName: String { "re.Pattern" }
    func repr() -> String {
        let names = Self.flagNames.filter { flags & $0.0 != 0 }.map { "re." + $0.1 }
        return "re.compile(\(PythonFormat.repr(.str(pattern)))\(names.isEmpty ? "" : ", " + names.joined(separator: "|")))"
    }

    /// The matches in `text[from..<to]` (UTF-16 offsets), at most `limit`, bounded in time.
    func scan(_ text: RegexText, from: Int, to: Int, anchored: Bool = false, full: Bool = false, limit: Int = Int.max) throws -> [NSTextCheckingResult] {
        let interp = interpreter
        var found: [NSTextCheckingResult] = []
        var stopped: ScriptError?
        let started = DispatchTime.now().uptimeNanoseconds
        let budget = UInt64(Self.timeBudget * 1e9)
        let maxLength = interp.limits.maxCollectionLength
        var options: NSRegularExpression.MatchingOptions = [.reportProgress, .withTransparentBounds]
        if anchored || full { options.insert(.anchored) }
        guard from <= to, to <= text.ns.length else { return [] }
        (full ? whole : regex).enumerateMatches(in: text.string, options: options, range: NSRange(location: from, length: to - from)) { r, _, stop in
            if let r = r {
                found.append(r)
                if found.count >= limit { stop.pointee = true }
                if found.count > maxLength {
                    stopped = ScriptError.memoryError("more than \(maxLength) regex matches (lessons are limited)")
                    stop.pointee = true
                }
            }
            if interp.cancellation.isCancelled {
                stopped = ScriptError(.keyboardInterrupt, "the cell was interrupted")
                stop.pointee = true
            } else if DispatchTime.now().uptimeNanoseconds - started > budget {
                stopped = ScriptError.runtimeError("the regular expression \(PythonFormat.repr(.str(self.pattern))) ran longer than \(Int(Self.timeBudget)) s (catastrophic backtracking?); lessons bound each regex search")
                stop.pointee = true
            }
        }
        if let e = stopped { throw e }
        for _ in found { try interp.tick(nil) }
        return found
    }

    func firstMatch(_ text: RegexText, pos: Int, endpos: Int, anchored: Bool = false, full: Bool = false) throws -> Value {
        guard let r = try scan(text, from: pos, to: endpos, anchored: anchored, full: full, limit: 1).first else { return .none }
        return .object(RegexMatch(self, text, r, pos: pos, endpos: endpos))
    }

    func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "pattern": return .str(pattern)
        case "flags": return .int(flags | 32)
        case "groups": return .int(translation.groupCount)
        case "groupindex":
            let d = DictStorage()
            for (k, v) in translation.groupNames.sorted(by: { $0.value < $1.value }) { try d.set(.str(k), .int(v)) }
            return .dict(d)
        case "search", "match", "fullmatch", "findall", "finditer", "sub", "subn", "split":
            return .function(BuiltinFunction(name, isMethod: true) { [self] a in
                try self.interpreter.regexOperation(name, self, a, patternGiven: true)
            })
        default: return nil
        }
    }
}

/// A string being searched, with Python's code-point offsets mapped to NSString's UTF-16.
struct RegexText {
    let string: String
    let ns: NSString
    let isASCII: Bool

    init(_ s: String) {
        string = s
        ns = s as NSString
        isASCII = s.utf8.count == ns.length
    }

    var count: Int { isASCII ? ns.length : string.unicodeScalars.count }

    /// Code-point offset → UTF-16 offset (clamped to the string).
    func utf16(_ scalarOffset: Int) -> Int {
        let n = max(0, min(scalarOffset, count))
        if isASCII { return n }
        return string.unicodeScalars.prefix(n).reduce(0) { $0 + $1.utf16.count }
    }

    /// UTF-16 offset → code-point offset.
    func scalar(_ utf16Offset: Int) -> Int {
        if isASCII { return utf16Offset }
        return String(ns.substring(to: max(0, min(utf16Offset, ns.length)))).unicodeScalars.count
    }

    func substring(_ r: NSRange) -> String { ns.substring(with: r) }
}
