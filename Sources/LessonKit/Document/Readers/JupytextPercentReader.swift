import Foundation

/// jupytext's percent scripts (`.py`): `# %%` starts a code cell, `# %% [markdown]` a
/// Markdown cell whose lines are comments (`# text`). A commented YAML header (`# ---` …
/// `# ---`) is the front matter. A Markdown cell that holds only an ```` ```output ```` fence,
/// right after a code cell, is that cell's documented output (as `lesson export` writes it).
public enum JupytextPercentReader {
    struct Marker {
        var kind: NotebookCell.Kind
        var tags: [String]
        init?(_ line: String) {
            guard line.hasPrefix("# %%") else { return nil }
            let rest = line.dropFirst(4)
            guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
            let lowered = rest.lowercased()
            kind = lowered.contains("[markdown]") || lowered.contains("[md]") ? .markdown : lowered.contains("[raw]") ? .raw : .code
            tags = []
            if let range = rest.range(of: "tags=[") {
                let list = rest[range.upperBound...].prefix { $0 != "]" }
                tags = list.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"'")) }.filter { !$0.isEmpty }
            }
        }
    }

    public static func parse(_ source: SourceText) throws -> Lesson {
        let count = source.lines.count
        var frontMatter = FrontMatter()
        var first = 1
        if source.line(1).trimmingCharacters(in: .whitespaces) == "# ---",
           let close = (2...max(2, count)).first(where: { $0 <= count && source.line($0).trimmingCharacters(in: .whitespaces) == "# ---" }) {
            let yaml = (2..<close).map { uncomment(source.line($0)) + "\n" }.joined()
            frontMatter = try FrontMatter.parse(yaml: yaml, lines: LineRange(1, close), path: source.path, source: source)
            first = close + 1
        }
        var lesson = LessonAssembler(source: source)
        // Cells: each marker line to the line before the next; text before the first marker is code.
        var starts = (first...max(first, count)).filter { $0 <= count && Marker(source.line($0)) != nil }
        let preamble = starts.first ?? (count + 1)
        if (first..<preamble).contains(where: { !LineScan.isBlank(source.line($0)) }) { starts.insert(first - 1, at: 0) }
        for (index, start) in starts.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1] - 1 : count
            let marker = start >= first ? Marker(source.line(start)) : nil
            var last = end
            while last > start, LineScan.isBlank(source.line(last)) { last -= 1 }
            let lines = LineRange(max(start, 1), max(last, start, 1))
            switch marker?.kind ?? .code {
            case .code:
                let tags = (marker?.tags ?? []).map(MySTReader.nbvalTag)
                lesson.code(info: FencedCellReader.info(tags: tags), code: last > start ? LineScan.code(source, start + 1, last) : "",
                            lines: lines, codeStart: SourcePosition(line: start + 1, column: 1))
            case .markdown, .raw:
                let text = last > start ? (start + 1...last).map { uncomment(source.line($0)) + "\n" }.joined() : ""
                if lesson.lastIsCode, let output = outputFence(text) {
                    lesson.output(output.text, stream: output.stream, lines: lines, info: output.info, options: output.options)
                } else {
                    lesson.prose(text: text, lines: lines)
                }
            }
        }
        return lesson.lesson(frontMatter: frontMatter, format: .percent)
    }

    /// `# text` → `text`, `#` → ``.
    static func uncomment(_ line: String) -> String {
        if line.hasPrefix("# ") { return String(line.dropFirst(2)) }
        if line.hasPrefix("#") { return String(line.dropFirst()) }
        return line
    }

    /// A Markdown cell that is exactly one ```` ```output ```` fence.
    static func outputFence(_ text: String) -> (text: String, stream: StandardStream, info: String, options: OutputOptions)? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
        guard lines.count >= 2, let fence = Fence(line: lines[0]), fence.indent == 0, fence.isClosed(by: lines[lines.count - 1]),
              !lines[1..<(lines.count - 1)].contains(where: { fence.isClosed(by: $0) }) else { return nil }
        let info = LineScan.info(of: lines[0], fence: fence)
        let words = info.split(whereSeparator: \.isWhitespace)
        guard words.first == "output", case .success(let (stream, options)) = OutputOptions.parse(words: Array(words.dropFirst())) else { return nil }
        let body = lines[1..<(lines.count - 1)]
        return (body.isEmpty ? "" : body.joined(separator: "\n") + "\n", stream, info, options)
    }
}
