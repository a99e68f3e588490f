import Foundation

/// The readers of formats whose code cells are fences with a marked info string: MyST
/// (```` ```{code-cell} ipython3 ````) and Quarto (```` ```{python} ````). A ```` ```output ````
/// fence right after a cell is its documented output, as `lesson export` writes it (both
/// tools show such a fence as a plain block). Lines a format uses between cells (MyST's `+++`)
/// end prose and are left out of it.
struct FencedCellReader {
    /// The cell's code and the fence info we give it (`python tags=nbval-skip`), or nil when
    /// the fence with this info string is not a code cell.
    var codeCell: (_ info: String, _ body: [String]) -> (info: String, skippedLines: Int)?
    var isSeparator: (String) -> Bool = { _ in false }
    var format: LessonFormat

    func parse(_ source: SourceText) throws -> Lesson {
        let (frontMatter, bodyStart) = try LessonParser.parseFrontMatter(source)
        var lesson = LessonAssembler(source: source)
        var proseStart = bodyStart
        var afterCode = false
        var number = bodyStart
        while number <= source.lines.count {
            let line = source.line(number)
            if isSeparator(line) {
                lesson.prose(proseStart, number - 1)
                proseStart = number + 1
                afterCode = false
                number += 1
                continue
            }
            guard let fence = Fence(line: line) else {
                if !LineScan.isBlank(line) { afterCode = false }
                number += 1
                continue
            }
            guard let close = LineScan.closingLine(of: fence, openedAt: number, in: source) else {
                throw LineScan.unclosed(fence, at: number, in: source)
            }
            let info = LineScan.info(of: line, fence: fence)
            let body = (number + 1..<close).map { source.line($0) }
            let words = info.split(whereSeparator: \.isWhitespace)
            if let cell = codeCell(info, body) {
                lesson.prose(proseStart, number - 1)
                let first = number + 1 + cell.skippedLines
                lesson.code(info: cell.info, code: LineScan.code(source, first, close - 1, indent: fence.indent),
                            lines: LineRange(number, close), codeStart: SourcePosition(line: first, column: fence.indent + 1))
                proseStart = close + 1
                afterCode = true
            } else if afterCode, words.first == "output" {
                guard case .success(let (stream, options)) = OutputOptions.parse(words: Array(words.dropFirst())) else {
                    throw LessonError(path: source.path, position: SourcePosition(line: number, column: fence.infoColumn),
                                      message: "unknown options on an output fence (supported: \(OutputOptions.supported))",
                                      sourceLine: line)
                }
                lesson.output(close - 1 >= number + 1 ? LineScan.code(source, number + 1, close - 1, indent: fence.indent) : "",
                              stream: stream, lines: LineRange(number, close), info: info, options: options)
                proseStart = close + 1
            } else {
                afterCode = false
            }
            number = close + 1
        }
        lesson.prose(proseStart, source.lines.count)
        return lesson.lesson(frontMatter: frontMatter, format: format)
    }

    /// `python` plus `tags=a,b` when there are tags worth carrying.
    static func info(tags: [String]) -> String {
        let usable = tags.filter { !$0.isEmpty && !$0.contains(where: { $0.isWhitespace || $0 == "," || $0 == "`" }) }
        return usable.isEmpty ? "python" : "python tags=" + usable.joined(separator: ",")
    }
}
