import Foundation

/// One line of output as it is compared: timings, bars, addresses and download noise gone,
/// and progress lines turned into a step count plus metrics sorted by key, so Keras 2's
/// `loss - accuracy` order checks against Keras 3's `accuracy - loss`.
public struct NormalizedLine: Equatable {
    /// The line as compared and shown in diffs.
    public var text: String
    /// 1-based line within the output block it came from.
    public var sourceLine: Int
    /// Metrics of a progress line (`accuracy` → `0.9575`); empty for other lines.
    public var metrics: [String: String] = [:]
}

public enum OutputNormalizer {
    /// Normalises an output text into the lines that are compared.
    public static func normalize(_ text: String) -> [NormalizedLine] {
        var result: [NormalizedLine] = []
        var afterDownload = false
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in lines.enumerated() {
            // A carriage return redraws a progress bar; only the final state counts.
            let drawn = raw.split(separator: "\r", omittingEmptySubsequences: false).last.map(String.init) ?? ""
            // Colour codes are how a terminal shows the bar, not what it says.
            var line = trimTrailing(replace(ansiPattern, in: drawn, with: ""))
            if line.hasPrefix("Downloading data from ") { afterDownload = true; continue }
            line = replace(addressPattern, in: line, with: "at 0x…")
            if let progress = progressLine(line) {
                // The size counter Keras prints under a download is not the lesson's output.
                if afterDownload && progress.metrics.isEmpty { afterDownload = false; continue }
                afterDownload = false
                result.append(NormalizedLine(text: progress.text, sourceLine: index + 1, metrics: progress.metrics))
                continue
            }
            afterDownload = false
            result.append(NormalizedLine(text: boxLine(line) ?? line, sourceLine: index + 1))
        }
        while let last = result.last, last.text.isEmpty { result.removeLast() }
        return result
    }

    /// `1688/1688 ━━━ 8s 4ms/step - accuracy: 0.9575 - loss: 0.1355`, Keras 2's
    /// `1688/1688 [=====] - 8s 4ms/step - loss: ...` and verbose=2's `90/90 - 1s - 16ms/step - ...`
    /// become `1688/1688 - accuracy: 0.9575 - loss: 0.1355`.
    static func progressLine(_ line: String) -> (text: String, metrics: [String: String])? {
        let range = NSRange(line.startIndex..., in: line)
        guard let match = progressPattern.firstMatch(in: line, range: range),
              let stepsRange = Range(match.range(at: 1), in: line),
              let restRange = Range(match.range(at: 3), in: line) else { return nil }
        let hasBar = match.range(at: 2).location != NSNotFound
        var metrics: [String: String] = [:]
        var order: [String] = []
        var sawTiming = false
        for part in line[restRange].components(separatedBy: " - ") {
            let piece = part.trimmingCharacters(in: .whitespaces)
            if piece.isEmpty { continue }
            if isTiming(piece) { sawTiming = true; continue }
            guard let colon = piece.firstIndex(of: ":") else { return nil }
            let key = piece[..<colon].trimmingCharacters(in: .whitespaces)
            let value = piece[piece.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if key == "ETA" { sawTiming = true; continue }
            guard !key.isEmpty, !value.isEmpty else { return nil }
            if metrics[key] == nil { order.append(key) }
            metrics[key] = value
        }
        // Without a bar, a timing or metrics, `3/5` is just text.
        guard hasBar || sawTiming || !metrics.isEmpty else { return nil }
        let steps = String(line[stepsRange])
        let text = ([steps] + metrics.keys.sorted().map { "\($0): \(metrics[$0] ?? "")" }).joined(separator: " - ")
        return (text, metrics)
    }

    /// `8s`, `4ms/step`, `1us/step`, `2:16`, `ETA: 7s`, and runs of them (`8s 4ms/step`).
    static func isTiming(_ piece: String) -> Bool {
        let words = piece.split(separator: " ").map(String.init)
        var index = 0
        while index < words.count {
            let word = words[index]
            if word == "ETA:" { index += 2; continue }
            if timingWord.firstMatch(in: word, range: NSRange(word.startIndex..., in: word)) == nil { return false }
            index += 1
        }
        return !words.isEmpty
    }

    /// A row of a box-drawn table (Keras 3's `model.summary()`): Rich sizes its columns to
    /// the terminal, so rules and runs of spaces count as one; the cells' text is compared.
    static func boxLine(_ line: String) -> String? {
        guard let first = line.first(where: { $0 != " " }), boxCharacters.contains(first) else { return nil }
        var out = ""
        for character in line {
            if ruleCharacters.contains(character) {
                if out.last != character { out.append(character) }
            } else if character == " " {
                if out.last != " " { out.append(" ") }
            } else {
                out.append(character)
            }
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    static let boxCharacters: Set<Character> = ["┏", "┃", "┡", "│", "├", "└", "┗", "┠", "┣", "╞", "╘", "╒", "┌"]
    static let ruleCharacters: Set<Character> = ["━", "─", "═"]

    static func trimTrailing(_ text: String) -> String {
        var result = Substring(text)
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return String(result)
    }

    static func replace(_ pattern: NSRegularExpression, in text: String, with template: String) -> String {
        pattern.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }

    // Patterns are literals known to compile; a failure would be a programming error.
    static func regex(_ pattern: String) -> NSRegularExpression {
        do { return try NSRegularExpression(pattern: pattern) } catch { fatalError("bad pattern \(pattern): \(error)") }
    }

    static let ansiPattern = regex(#"\u001B\[[0-9;]*[A-Za-z]"#)
    static let addressPattern = regex(#"\bat 0x[0-9A-Fa-f]+"#)
    // Groups: 1 the steps, 2 the bar, 3 the rest.
    static let progressPattern = regex(#"^\s*(\d+/\d+)\s*(━+|\[[=>.]*\])?\s*(?:-\s*)?(.*)$"#)
    static let timingWord = regex(#"^(?:\d+(?:\.\d+)?(?:s|ms|us|µs|ns)(?:/step|/sample)?|\d+:\d\d(?::\d\d)?|\d+s/step)$"#)
}
