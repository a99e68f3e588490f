import Foundation

/// nbval's `--sanitize-with` file: sections of `regex:` and `replace:` lines, applied to the
/// documented and the fresh output alike before they are compared.
///
///     [timestamps]
///     regex: \d{4}-\d{2}-\d{2}
///     replace: DATE
public struct SanitizeFile {
    public struct Rule {
        public var section: String
        public var pattern: NSRegularExpression
        public var replacement: String
    }

    public var rules: [Rule]

    public static func read(path: String) throws -> SanitizeFile {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw LessonError(path: path, message: "cannot read sanitize file: \(error.localizedDescription)")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws -> SanitizeFile {
        var rules: [Rule] = []
        var section = ""
        var pending: (pattern: NSRegularExpression, line: Int)?
        func fail(_ line: Int, _ message: String, _ source: String) -> LessonError {
            LessonError(path: path, position: SourcePosition(line: line, column: 1), message: message, sourceLine: source)
        }
        for (index, raw) in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = String(raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if trimmed.hasPrefix("[") && trimmed.hasSuffix("]") {
                if let pending { throw fail(pending.line, "'regex:' without a 'replace:' line in section [\(section)]", line) }
                section = String(trimmed.dropFirst().dropLast())
                continue
            }
            if trimmed.hasPrefix("regex:") {
                if let pending { throw fail(pending.line, "'regex:' without a 'replace:' line in section [\(section)]", line) }
                let pattern = trimmed.dropFirst("regex:".count).trimmingCharacters(in: .whitespaces)
                do { pending = (try NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]), lineNumber) } catch {
                    throw fail(lineNumber, "not a valid regular expression: \(pattern)", line)
                }
            } else if trimmed.hasPrefix("replace:") {
                guard let current = pending else { throw fail(lineNumber, "'replace:' without a 'regex:' line before it", line) }
                let replacement = trimmed.dropFirst("replace:".count).trimmingCharacters(in: .whitespaces)
                rules.append(Rule(section: section, pattern: current.pattern, replacement: replacement))
                pending = nil
            } else {
                throw fail(lineNumber, "expected '[section]', 'regex: PATTERN' or 'replace: TEXT'", line)
            }
        }
        if let pending { throw LessonError(path: path, position: SourcePosition(line: pending.line, column: 1), message: "'regex:' without a 'replace:' line") }
        return SanitizeFile(rules: rules)
    }

    public init(rules: [Rule] = []) { self.rules = rules }

    /// The text with every rule applied in order (the replacement is literal text).
    public func apply(_ text: String) -> String {
        rules.reduce(text) { text, rule in
            rule.pattern.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text),
                                                  withTemplate: NSRegularExpression.escapedTemplate(for: rule.replacement))
        }
    }
}
