import Foundation

/// A figure outside its tolerance.
public struct NumberMismatch: Equatable {
    /// 1-based line in the documented block and in the fresh output.
    public var documentedLine: Int
    public var freshLine: Int
    public var key: String?
    public var expected: String
    public var actual: String
    /// The tolerance in words ("accuracy: ±0.01 absolute").
    public var rule: String
}

/// What comparing one documented block with one fresh output found.
public struct OutputComparison: Equatable {
    public var mismatches: [NumberMismatch] = []
    /// Documented lines the fresh output does not have, and fresh lines the document does not.
    public var missing: [NormalizedLine] = []
    public var extra: [NormalizedLine] = []
    public var diff: String = ""
    public var matches: Bool { mismatches.isEmpty && missing.isEmpty && extra.isEmpty }
}

/// Compares a documented output with a fresh one, line by line after normalising: the text
/// between numbers must be equal, the numbers within their tolerances.
public enum OutputComparer {
    /// `ignoringBlankLines`: blank lines on either side are not compared (keras.io puts one
    /// before and after a displayed value where a fresh run prints none).
    public static func compare(documented: String, fresh: String, overrides: ToleranceOverrides = ToleranceOverrides(),
                               ignoringBlankLines: Bool = false) -> OutputComparison {
        var expected = OutputNormalizer.normalize(documented).map(TokenizedLine.init)
        var actual = OutputNormalizer.normalize(fresh).map(TokenizedLine.init)
        if ignoringBlankLines {
            expected.removeAll { $0.line.text.isEmpty }
            actual.removeAll { $0.line.text.isEmpty }
        }
        var result = OutputComparison()
        var diff: [UnifiedDiff.Line] = []
        for step in align(expected.map(\.template), actual.map(\.template)) {
            switch step {
            case .pair(let e, let a):
                guard let documentedLine = expected[safe: e], let freshLine = actual[safe: a] else { continue }
                if documentedLine.template != freshLine.template {
                    // Only the by-position pairing of very long outputs pairs unlike lines.
                    result.missing.append(documentedLine.line)
                    result.extra.append(freshLine.line)
                    diff += [.removed(documentedLine.line.text), .added(freshLine.line.text)]
                    continue
                }
                let found = numberMismatches(documentedLine, freshLine, overrides: overrides)
                if found.isEmpty {
                    diff.append(.same(documentedLine.line.text))
                } else {
                    result.mismatches += found
                    diff += [.removed(documentedLine.line.text), .added(freshLine.line.text)]
                }
            case .onlyExpected(let e):
                guard let line = expected[safe: e] else { continue }
                result.missing.append(line.line)
                diff.append(.removed(line.line.text))
            case .onlyActual(let a):
                guard let line = actual[safe: a] else { continue }
                result.extra.append(line.line)
                diff.append(.added(line.line.text))
            }
        }
        if !result.matches { result.diff = UnifiedDiff.render(diff) }
        return result
    }

    static func numberMismatches(_ documented: TokenizedLine, _ fresh: TokenizedLine, overrides: ToleranceOverrides) -> [NumberMismatch] {
        var found: [NumberMismatch] = []
        for (expected, actual) in zip(documented.numbers, fresh.numbers) {
            let isInteger = !expected.text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
            let tolerance = isInteger ? Tolerance(rule: .exact) : overrides.tolerance(forFloat: expected.text, key: expected.key)
            guard let e = Double(expected.text), let a = Double(actual.text) else {
                if expected.text != actual.text { found.append(mismatch(expected, actual, documented, fresh, rule: "text")) }
                continue
            }
            let same = isInteger ? expected.text == actual.text || e == a : tolerance.allows(expected: e, actual: a)
            if !same { found.append(mismatch(expected, actual, documented, fresh, rule: tolerance.describe(for: e))) }
        }
        return found
    }

    static func mismatch(_ expected: TokenizedLine.Number, _ actual: TokenizedLine.Number, _ documented: TokenizedLine, _ fresh: TokenizedLine, rule: String) -> NumberMismatch {
        NumberMismatch(documentedLine: documented.line.sourceLine, freshLine: fresh.line.sourceLine, key: expected.key,
                       expected: expected.text, actual: actual.text, rule: rule)
    }

    enum Step: Equatable { case pair(Int, Int), onlyExpected(Int), onlyActual(Int) }

    /// A longest-common-subsequence alignment of the two sides' templates.
    static func align(_ expected: [String], _ actual: [String]) -> [Step] {
        let n = expected.count, m = actual.count
        // The table is n × m; very long outputs pair up by position instead.
        if n * m > 4_000_000 {
            return (0..<max(n, m)).map { index in
                index < n && index < m ? .pair(index, index) : index < n ? .onlyExpected(index) : .onlyActual(index)
            }
        }
        var table = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i][j] = expected[i] == actual[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var steps: [Step] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, expected[i] == actual[j] { steps.append(.pair(i, j)); i += 1; j += 1 }
            else if j < m, i == n || table[i][j + 1] >= table[i + 1][j] {
                // Prefer reporting the missing documented line first, as `diff` does.
                if i < n, table[i + 1][j] == table[i][j + 1] { steps.append(.onlyExpected(i)); i += 1 }
                else { steps.append(.onlyActual(j)); j += 1 }
            }
            else { steps.append(.onlyExpected(i)); i += 1 }
        }
        return steps
    }
}

/// A normalised line split into its numbers and the text around them.
struct TokenizedLine {
    struct Number { var text: String; var key: String? }
    var line: NormalizedLine
    /// The line with each number replaced by `#`: lines pair up when these are equal.
    var template: String
    var numbers: [Number]

    init(_ line: NormalizedLine) {
        self.line = line
        let text = line.text
        var template = ""
        var numbers: [Number] = []
        var copied = text.startIndex
        for match in Self.numberPattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let range = Range(match.range, in: text) else { continue }
            template += text[copied..<range.lowerBound] + "#"
            numbers.append(Number(text: String(text[range]), key: Self.key(before: text[..<range.lowerBound])))
            copied = range.upperBound
        }
        template += text[copied...]
        self.template = template
        self.numbers = numbers
    }

    /// The name a number is the value of: `accuracy` in `... - accuracy: 0.98`, `Test Accuracy` in `Test Accuracy: 0.98`.
    static func key(before prefix: Substring) -> String? {
        var head = prefix
        while head.last == " " { head.removeLast() }
        guard head.last == ":" || head.last == "=" else { return nil }
        head.removeLast()
        let name = head.components(separatedBy: " - ").last?.trimmingCharacters(in: .whitespaces) ?? ""
        return name.isEmpty ? nil : name
    }

    // Not inside a name (`conv2d_1`) or a longer number.
    static let numberPattern = OutputNormalizer.regex(#"(?<![A-Za-z_\d.])[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?![A-Za-z_\d])"#)
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
