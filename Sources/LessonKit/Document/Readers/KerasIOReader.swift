import Foundation

/// keras.io's Markdown pages (`guides/md/`, `examples/*/md/` of keras-team/keras-io), read
/// line by line rather than by cmark: their output blocks are
///
///     <div class="k-default-codeblock">
///     ```
///     the output, blank lines and all
///     ```
///     </div>
///
/// and under CommonMark the `<div` line opens an HTML block that ends at the first blank line,
/// which pairs every later fence wrongly. Blocks that follow a ```` ```python ```` cell (blank
/// lines between) are its output; so are Rich's `<pre>` blocks (`model.summary()`), read as the
/// text a terminal shows. A `k-default-codeblock` anywhere else (a diagram) stays prose.
public enum KerasIOReader {
    static let divOpen = "<div class=\"k-default-codeblock\">"

    public static func parse(_ source: SourceText) throws -> Lesson {
        let (frontMatter, bodyStart) = try LessonParser.parseFrontMatter(source)
        var lesson = LessonAssembler(source: source)
        let count = source.lines.count
        var proseStart = bodyStart
        var afterCode = false // only blank lines since the last code cell or its output
        var number = bodyStart
        // The line of the next `</pre>` at or after each line, found in one pass from the end,
        // so that many unclosed `<pre>` lines cost one scan and not one each.
        var preClose = Array(repeating: 0, count: count + 2)
        if count >= 1 {
            for line in stride(from: count, through: 1, by: -1) {
                preClose[line] = source.line(line).contains("</pre>") ? line : preClose[line + 1]
            }
        }

        while number <= count {
            let line = source.line(number)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let fence = Fence(line: line) {
                guard let close = LineScan.closingLine(of: fence, openedAt: number, in: source) else {
                    throw LineScan.unclosed(fence, at: number, in: source)
                }
                let info = LineScan.info(of: line, fence: fence)
                let language = info.split(whereSeparator: \.isWhitespace).first.map { $0.lowercased() } ?? ""
                if CodeCell.languages.contains(language) {
                    lesson.prose(proseStart, number - 1)
                    lesson.code(info: info, code: LineScan.code(source, number + 1, close - 1, indent: fence.indent),
                                lines: LineRange(number, close), codeStart: SourcePosition(line: number + 1, column: fence.indent + 1))
                    proseStart = close + 1
                    afterCode = true
                } else {
                    afterCode = false
                }
                number = close + 1
                continue
            }
            if trimmed.hasPrefix(divOpen), let block = outputDiv(at: number, in: source) {
                if afterCode {
                    lesson.output(block.text, lines: LineRange(number, block.last), ignoresBlankLines: true)
                    proseStart = block.last + 1
                }
                number = block.last + 1
                continue
            }
            if afterCode, trimmed.hasPrefix("<pre"), preClose[number] > 0, let block = preBlock(at: number, closingAt: preClose[number], in: source) {
                lesson.output(block.text, lines: LineRange(number, block.last), ignoresBlankLines: true)
                proseStart = block.last + 1
                number = block.last + 1
                continue
            }
            if !LineScan.isBlank(line) { afterCode = false }
            number += 1
        }
        lesson.prose(proseStart, count)
        return lesson.lesson(frontMatter: frontMatter, format: .kerasIO)
    }

    /// A `k-default-codeblock` div: the `<div` line, a fence, its closing line, `</div>`.
    /// The text is the fence's content with "\n" line ends.
    static func outputDiv(at open: Int, in source: SourceText) -> (text: String, last: Int)? {
        guard let fence = Fence(line: source.line(open + 1)),
              let close = LineScan.closingLine(of: fence, openedAt: open + 1, in: source),
              source.line(close + 1).trimmingCharacters(in: .whitespaces).hasPrefix("</div>") else { return nil }
        let text = close - 1 >= open + 2 ? LineScan.code(source, open + 2, close - 1) : ""
        return (text, close + 1)
    }

    /// A `<pre ...>` block up to the line with `</pre>`, as the text it shows.
    static func preBlock(at open: Int, closingAt last: Int, in source: SourceText) -> (text: String, last: Int)? {
        let html = (open...last).map { source.line($0) }.joined(separator: "\n")
        guard let start = html.range(of: ">"), let end = html.range(of: "</pre>", options: .backwards),
              start.upperBound <= end.lowerBound else { return nil }
        var text = HTMLText.terminalText(String(html[start.upperBound..<end.lowerBound]))
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        return (text, last)
    }
}
