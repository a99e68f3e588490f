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
    public static func rewrite(_ lesson: Lesson, outputs: [Int: [FreshOutput]]) -> String {
        let source = lesson.source
        let newline = source.newline
        var result = ""
        var nextLine = 1 // first file line not yet copied

        for cell in lesson.codeCells {
            guard let wanted = outputs[cell.number] else { continue }
            let fresh = wanted.filter { !$0.text.isEmpty }
            let old = cell.outputs
            if old.map(\.stream) == fresh.map(\.stream), zip(old, fresh).allSatisfy({ $0.text == $1.text }) { continue }

            if let first = old.first, let last = old.last {
                if fresh.isEmpty {
                    // Drop the blank lines that separated the blocks from the code too.
                    result += source.slice(nextLine, cell.lines.last)
                } else {
                    result += source.slice(nextLine, first.lines.first - 1)
                    result += blocks(fresh, reusing: old, in: source)
                }
                nextLine = last.lines.last + 1
            } else if !fresh.isEmpty {
                result += source.slice(nextLine, cell.lines.last)
                if !(result.last?.isNewline ?? true) { result += newline }
                result += newline + blocks(fresh, reusing: [], in: source)
                nextLine = cell.lines.last + 1
            }
        }
        result += source.slice(nextLine, source.lines.count)
        return result
    }

    /// The new blocks, separated by a blank line. An unchanged block keeps its exact bytes.
    static func blocks(_ fresh: [FreshOutput], reusing old: [DocumentedOutput], in source: SourceText) -> String {
        let newline = source.newline
        var pieces: [String] = []
        for output in fresh {
            let previous = old.first { $0.stream == output.stream }
            if let previous, previous.text == output.text {
                pieces.append(source.slice(previous.lines.first, previous.lines.last).trimmingLineEnd())
            } else {
                pieces.append(render(output, info: previous?.info, newline: newline))
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
