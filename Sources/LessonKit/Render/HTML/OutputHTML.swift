import Foundation

/// A cell's printed text as HTML. Every byte is escaped; Keras progress lines become bars
/// with their text, and a Keras 3 `model.summary()` box becomes a table. Works from text,
/// so documented and fresh outputs render alike.
public enum OutputHTML {
    public static func render(_ text: String, stream: StandardStream) -> String {
        let cls = stream == .stderr ? "output stderr" : "output"
        var parts: [String] = []
        var plain: [String] = []
        var box: [String] = []
        func flushPlain() {
            if !plain.isEmpty { parts.append("<pre>" + HTMLEscaping.escape(plain.joined(separator: "\n")) + "</pre>") }
            plain = []
        }
        func flushBox() {
            if !box.isEmpty { parts.append(summaryTable(box)) }
            box = []
        }
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            if isBoxLine(line) { flushPlain(); box.append(line); continue }
            flushBox()
            if let bar = ProgressLine(line) {
                flushPlain()
                parts.append(bar.html)
            } else {
                plain.append(line)
            }
        }
        flushPlain(); flushBox()
        let label = stream == .stderr ? "<div class=\"stream\">stderr</div>" : ""
        return "<div class=\"\(cls)\">\(label)\(parts.joined())</div>"
    }

    static let boxStarts: Set<Character> = ["┏", "┃", "┡", "│", "├", "└"]

    static func isBoxLine(_ line: String) -> Bool {
        guard let first = line.first else { return false }
        return boxStarts.contains(first)
    }

    /// The box-drawing summary as a table: `┃` rows are the header, `│` rows the body.
    static func summaryTable(_ lines: [String]) -> String {
        var head: [[String]] = [], body: [[String]] = []
        for line in lines {
            if line.hasPrefix("┃") { head.append(cells(line, separator: "┃")) }
            else if line.hasPrefix("│") { body.append(cells(line, separator: "│")) }
        }
        func row(_ cells: [String], tag: String) -> String {
            "<tr>" + cells.map { "<\(tag)>\(HTMLEscaping.escape($0))</\(tag)>" }.joined() + "</tr>"
        }
        return "<table class=\"summary\"><thead>" + head.map { row($0, tag: "th") }.joined()
            + "</thead><tbody>" + body.map { row($0, tag: "td") }.joined() + "</tbody></table>"
    }

    static func cells(_ line: String, separator: Character) -> [String] {
        var parts = line.split(separator: separator, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.first == "" { parts.removeFirst() }
        if parts.last == "" { parts.removeLast() }
        return parts
    }
}

/// One Keras progress line: `1688/1688 ━━━━━━━━━━━━━━━━━━━━ 8s 4ms/step - accuracy: 0.95`.
struct ProgressLine {
    var current: Int
    var target: Int
    var rest: String
    var metrics: [(String, Double)]

    init?(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let slash = trimmed.firstIndex(of: "/"),
              let current = Int(trimmed[..<slash]) else { return nil }
        let afterSlash = trimmed[trimmed.index(after: slash)...]
        guard let space = afterSlash.firstIndex(of: " "), let target = Int(afterSlash[..<space]), target > 0 else { return nil }
        let tail = afterSlash[space...].drop { $0 == " " }
        guard tail.first == "━" || tail.first == "─" else { return nil }
        self.current = current
        self.target = target
        self.rest = String(tail.drop { $0 == "━" || $0 == "─" }).trimmingCharacters(in: .whitespaces)
        self.metrics = ProgressLine.metrics(in: rest)
    }

    /// ` - name: value` pairs after the timing.
    static func metrics(in text: String) -> [(String, Double)] {
        text.components(separatedBy: " - ").compactMap { part in
            let pieces = part.split(separator: ":", maxSplits: 1)
            guard pieces.count == 2, let value = Double(pieces[1].trimmingCharacters(in: .whitespaces)) else { return nil }
            return (pieces[0].trimmingCharacters(in: .whitespaces), value)
        }
    }

    var html: String {
        let percent = min(100, max(0, Double(current) * 100 / Double(target)))
        let counter = HTMLEscaping.escape("\(current)/\(target)")
        return "<div class=\"progress\"><span class=\"count\">\(counter)</span>"
            + "<span class=\"bar\" role=\"progressbar\" aria-valuenow=\"\(Int(percent))\" aria-valuemin=\"0\" aria-valuemax=\"100\">"
            + "<span class=\"fill\" style=\"width:\(String(format: "%.1f", percent))%\"></span></span>"
            + "<span class=\"rest\">\(HTMLEscaping.escape(rest))</span></div>"
    }
}

extension OutputHTML {
    /// A picture a document stores for a cell (a notebook's `image/png` or `image/svg+xml`,
    /// a lesson's figure link), as an `<img>` with the data inline: an SVG is never put in the
    /// page as markup, so nothing in it runs. HTML values are shown by their text already.
    public static func render(_ display: DocumentedDisplay) -> String {
        let source: String
        switch display.content {
        case .png(let data): source = "data:image/png;base64," + data.base64EncodedString()
        case .svg(let svg): source = "data:image/svg+xml;base64," + Data(svg.utf8).base64EncodedString()
        case .html: return ""
        }
        let alt = HTMLEscaping.escape(display.text ?? "figure")
        return "<figure class=\"plot\"><img alt=\"\(alt)\" src=\"\(source)\"></figure>"
    }
}
