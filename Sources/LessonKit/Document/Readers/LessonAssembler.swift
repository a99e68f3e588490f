import Foundation

/// Builds a `Lesson` from what a line-based reader finds, so that every reader yields the
/// same cells the Markdown reader does: prose runs, numbered code cells, and outputs
/// attached to the code cell they follow, each with its lines in the file.
struct LessonAssembler {
    let source: SourceText
    private(set) var cells: [Cell] = []
    private var codeNumber = 0

    init(source: SourceText) { self.source = source }

    /// File lines `first...last` as prose, unless they are blank.
    mutating func prose(_ first: Int, _ last: Int) {
        guard first <= last else { return }
        prose(text: source.slice(first, last), lines: LineRange(first, last))
    }

    /// Prose whose text is not the file's bytes (a percent script's `# ` comments).
    mutating func prose(text: String, lines: LineRange) {
        guard !text.allSatisfy(\.isWhitespace) else { return }
        cells.append(.prose(ProseCell(text: text, lines: lines, firstHeading: Self.firstHeading(text))))
    }

    mutating func code(info: String, code: String, lines: LineRange, codeStart: SourcePosition) {
        codeNumber += 1
        cells.append(.code(CodeCell(number: codeNumber, info: info, code: code, lines: lines, codeStart: codeStart, outputs: [], figures: nil)))
    }

    var lastIsCode: Bool { if case .code = cells.last { return true } else { return false } }

    /// Adds a block to the last code cell's output on `stream`; a second block on the same
    /// stream extends the first (keras.io splits long outputs).
    mutating func output(_ text: String, stream: StandardStream = .stdout, lines: LineRange, info: String = "output",
                         options: OutputOptions = OutputOptions(), ignoresBlankLines: Bool = false) {
        guard case .code(var cell) = cells.last else { return }
        if options.plain {
            // Only after an HTML value; elsewhere it is not an output and is left out.
            _ = cell.attachPlainText(text, lines: lines)
        } else if options.html {
            let output = DocumentedOutput.reading(stream: stream, options: options, info: info, content: text, lines: lines)
            if let html = output.html { cell.displays.append(DocumentedDisplay(content: .html(html))) }
            cell.outputs.append(output)
        } else if let index = cell.outputs.firstIndex(where: { $0.stream == stream && !$0.options.html }) {
            var output = cell.outputs[index]
            output.text += output.text.isEmpty || output.text.hasSuffix("\n") ? text : "\n" + text
            output.lines.last = lines.last
            output.sourceBlocks += 1
            cell.outputs[index] = output
        } else {
            var output = DocumentedOutput(stream: stream, options: options, info: info, text: text, lines: lines)
            output.ignoresBlankLines = ignoresBlankLines
            cell.outputs.append(output)
        }
        cells[cells.count - 1] = .code(cell)
    }

    func lesson(frontMatter: FrontMatter, format: LessonFormat) -> Lesson {
        var lesson = Lesson(source: source, frontMatter: frontMatter, cells: cells)
        lesson.format = format
        return lesson
    }

    static func firstHeading(_ text: String) -> String? {
        MarkdownTree(text).document.children.first { $0.kind == .heading }?.plainText
    }
}

/// Line-level helpers the readers share.
enum LineScan {
    /// The line that closes the fence opened on line `open`, or nil when none does.
    static func closingLine(of fence: Fence, openedAt open: Int, in source: SourceText) -> Int? {
        var line = open + 1
        while line <= source.lines.count {
            if fence.isClosed(by: source.line(line)) { return line }
            line += 1
        }
        return nil
    }

    /// The info string of a fence line: what follows the backticks, trimmed.
    static func info(of line: String, fence: Fence) -> String {
        String(line.dropFirst(fence.indent + fence.length)).trimmingCharacters(in: .whitespaces)
    }

    /// Lines `first...last` as code: "\n" line ends, up to `indent` leading spaces removed
    /// (as CommonMark does inside an indented fence), a final "\n" unless empty.
    static func code(_ source: SourceText, _ first: Int, _ last: Int, indent: Int = 0) -> String {
        guard first <= last else { return "" }
        var lines: [String] = []
        for number in first...last {
            var line = Substring(source.line(number))
            var removed = 0
            while removed < indent, line.first == " " { line = line.dropFirst(); removed += 1 }
            lines.append(String(line))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func unclosed(_ fence: Fence, at line: Int, in source: SourceText) -> LessonError {
        LessonError(path: source.path, position: SourcePosition(line: line, column: fence.indent + 1),
                    message: "this code fence is never closed (add a line with \(String(repeating: fence.character, count: fence.length)))",
                    sourceLine: source.line(line))
    }

    static func isBlank(_ line: String) -> Bool { line.allSatisfy(\.isWhitespace) }
}
