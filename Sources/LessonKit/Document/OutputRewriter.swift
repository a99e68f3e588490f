/// An output to write under a code cell: what a fresh run printed on one stream.
public struct FreshOutput: Equatable {
    public var stream: StandardStream
    public var text: String
    public init(stream: StandardStream, text: String) { self.stream = stream; self.text = text }
}

/// Rewrites the documented outputs of a lesson and nothing else: every byte outside the
/// output blocks it changes stays as it was.
public enum OutputRewriter {
    /// `outputs` maps a code cell's number to the outputs it should document (in order);
    /// cells not in the map keep theirs. An empty list removes the cell's output blocks.
    /// `figures` likewise gives the image paths to link under a cell (`NAME.files/cell3-1.png`).
    public static func rewrite(_ lesson: Lesson, outputs: [Int: [FreshOutput]], figures: [Int: [String]] = [:]) -> String {
        let source = lesson.source
        let newline = source.newline
        var result = ""
        var nextLine = 1 // first file line not yet copied

        for cell in lesson.codeCells {
            guard outputs[cell.number] != nil || figures[cell.number] != nil else { continue }
            let old = cell.outputs
            let fresh = (outputs[cell.number] ?? old.map { FreshOutput(stream: $0.stream, text: $0.text) }).filter { !$0.text.isEmpty }
            let freshFigures = OutputBlockStyle.keepsFigureLinks(lesson.format) ? figures[cell.number] ?? cell.figures?.paths ?? [] : []
            let sameOutputs = old.map(\.stream) == fresh.map(\.stream) && zip(old, fresh).allSatisfy { $0.text == $1.text }
            if sameOutputs && freshFigures == (cell.figures?.paths ?? []) { continue }

            var pieces = fresh.isEmpty ? [] : [blocks(fresh, reusing: old, in: source, format: lesson.format).trimmingLineEnd()]
            if !freshFigures.isEmpty {
                if freshFigures == cell.figures?.paths, let lines = cell.figures?.lines {
                    pieces.append(source.slice(lines.first, lines.last).trimmingLineEnd())
                } else {
                    pieces.append(figureParagraph(freshFigures, newline: newline))
                }
            }
            let oldFirst = old.first?.lines.first ?? cell.figures?.lines.first
            let oldLast = cell.figures?.lines.last ?? old.last?.lines.last
            if let oldFirst, let oldLast {
                if pieces.isEmpty {
                    // Drop the blank lines that separated the blocks from the code too.
                    result += source.slice(nextLine, cell.lines.last)
                } else {
                    result += source.slice(nextLine, oldFirst - 1)
                    result += pieces.joined(separator: newline + newline) + newline
                }
                nextLine = oldLast + 1
            } else if !pieces.isEmpty {
                result += source.slice(nextLine, cell.lines.last)
                if !(result.last?.isNewline ?? true) { result += newline }
                result += newline + pieces.joined(separator: newline + newline) + newline
                nextLine = cell.lines.last + 1
            }
        }
        result += source.slice(nextLine, source.lines.count)
        return result
    }

    static func figureParagraph(_ paths: [String], newline: String) -> String {
        paths.enumerated().map { "![Figure \($0.offset + 1)](\($0.element))" }.joined(separator: newline)
    }

    /// The new blocks, separated by a blank line. An unchanged block keeps its exact bytes.
    static func blocks(_ fresh: [FreshOutput], reusing old: [DocumentedOutput], in source: SourceText, format: LessonFormat = .markdown) -> String {
        let newline = source.newline
        var pieces: [String] = []
        for output in fresh {
            let previous = old.first { $0.stream == output.stream && !$0.options.html } ?? old.first { $0.stream == output.stream }
            if let previous, previous.text == output.text {
                pieces.append(source.slice(previous.lines.first, previous.lines.last).trimmingLineEnd())
            } else {
                // Fresh text in an `output html` block would be read as HTML: it gets a plain block.
                let info = previous?.options.html == true ? nil : previous?.info
                pieces.append(OutputBlockStyle.render(output, info: info, format: format, newline: newline))
            }
        }
        return pieces.joined(separator: newline + newline) + newline
    }

    /// A fenced output block whose fence cannot be closed by the text inside it.
    public static func render(_ output: FreshOutput, info: String?, newline: String = "\n") -> String {
        let info = info ?? (output.stream == .stderr ? "output stderr" : "output")
        var body = output.text
        if body.hasSuffix("\n") { body.removeLast() }
        let fence = String(repeating: "`", count: max(3, longestBacktickRun(in: body) + 1))
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        return ([fence + info] + lines.map(String.init) + [fence]).joined(separator: newline)
    }

    static func longestBacktickRun(in text: String) -> Int {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }
}
