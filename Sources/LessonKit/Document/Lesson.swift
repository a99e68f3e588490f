/// A lesson: the file's text, its optional front matter, and its cells in document order.
/// Built by `LessonParser`; everything the rest of `lesson` knows about a document is here.
public struct Lesson {
    public let source: SourceText
    public let frontMatter: FrontMatter
    public let cells: [Cell]
    /// The format the file is written in; `--update` writes outputs back in it.
    public var format: LessonFormat = .markdown

    public var path: String { source.path }
    public var codeCells: [CodeCell] { cells.compactMap { if case .code(let cell) = $0 { return cell } else { return nil } } }
    public var title: String? { frontMatter.title ?? firstHeading }

    var firstHeading: String? {
        for case .prose(let prose) in cells {
            if let heading = prose.firstHeading { return heading }
        }
        return nil
    }
}

/// A run of the document that is not a code cell or a documented output.
public enum Cell {
    case prose(ProseCell)
    case code(CodeCell)

    public var lines: LineRange {
        switch self {
        case .prose(let prose): return prose.lines
        case .code(let code): return code.lines
        }
    }
}

public struct ProseCell: Equatable {
    /// The prose exactly as written (line ends included).
    public var text: String
    public var lines: LineRange
    public var firstHeading: String?
}

/// A fenced block whose info string starts with `python` (or `py`, `python3`, `ipython3`),
/// with the documented outputs that follow it.
public struct CodeCell: Equatable {
    /// 1-based among the lesson's code cells.
    public var number: Int
    /// The fence's info string ("python", "python title=x").
    public var info: String
    public var code: String
    /// The whole fence, opening to closing line.
    public var lines: LineRange
    /// Where the first code line starts in the file: code line k is file line
    /// `codeStart.line + k`, and its column 1 is file column `codeStart.column`.
    public var codeStart: SourcePosition
    public var outputs: [DocumentedOutput]
    /// The pictures a run wrote for this cell: a paragraph of image links into `NAME.files/`
    /// right after its outputs, which `lesson run --update` rewrites with them.
    public var figures: DocumentedFigures?
    /// Rich outputs a notebook stores for this cell (pictures, HTML), in order.
    public var displays: [DocumentedDisplay] = []

    public static let languages: Set<String> = ["python", "py", "python3", "ipython3", "ipython"]

    public func output(_ stream: StandardStream) -> DocumentedOutput? { outputs.first { $0.stream == stream } }

    /// Every block on `stream` as one output (a notebook's printed text, then its HTML value's
    /// text), with the first block's options and place.
    public func combinedOutput(_ stream: StandardStream) -> DocumentedOutput? {
        let blocks = outputs.filter { $0.stream == stream }
        guard var combined = blocks.first else { return nil }
        for block in blocks.dropFirst() {
            combined.text += combined.text.isEmpty || combined.text.hasSuffix("\n") ? block.text : "\n" + block.text
        }
        return combined
    }
}

public struct DocumentedFigures: Equatable {
    public var paths: [String]
    public var lines: LineRange
}

public enum StandardStream: String, Codable, Equatable {
    case stdout, stderr
}

/// A fenced block whose info string starts with `output`, right after a code cell.
public struct DocumentedOutput: Equatable {
    /// An output block as a reader found it: an ```` ```output html ```` block's text is the
    /// text of its HTML.
    static func reading(stream: StandardStream, options: OutputOptions, info: String, content: String, lines: LineRange) -> DocumentedOutput {
        guard options.html else { return DocumentedOutput(stream: stream, options: options, info: info, text: content, lines: lines) }
        var text = HTMLText.terminalText(content)
        while text.hasSuffix("\n") { text.removeLast() }
        if !text.isEmpty { text += "\n" }
        var output = DocumentedOutput(stream: stream, options: options, info: info, text: text, lines: lines)
        output.html = content
        return output
    }

    public var stream: StandardStream
    public var options: OutputOptions
    public var info: String
    /// The text between the fences, with "\n" line ends and a final "\n" (or "" when empty).
    public var text: String
    public var lines: LineRange
    /// How many blocks of the file make this output (keras.io splits one cell's output over
    /// several `k-default-codeblock` and `<pre>` blocks).
    public var sourceBlocks = 1
    /// keras.io puts blank lines around displayed values; they are not compared there.
    public var ignoresBlankLines = false
    /// For an ```` ```output html ```` block, the HTML as written; `text` is what a terminal
    /// shows of it (what is compared).
    public var html: String?
    /// The value's `text/plain` form, from an ```` ```output plain ```` block right after the
    /// HTML one (kept for export, not compared; its lines count as this output's).
    public var plainText: String?
}

/// Options written after `output` on a fence: `output stderr atol=0.005 rtol=0.1 ignore`.
public struct OutputOptions: Equatable, Codable {
    public var ignore = false
    /// The block holds an HTML value (a notebook's `text/html`), compared as its text.
    public var html = false
    /// The block holds the `text/plain` form of the HTML value just above it.
    public var plain = false
    public var absoluteTolerance: Double?
    public var relativeTolerance: Double?

    public init() {}

    public static let supported = "stdout, stderr, ignore, html, plain, atol=NUMBER, rtol=NUMBER"

    /// Parses the words after `output`. Returns the stream and options, or the index of the
    /// first word it does not understand with the reason.
    struct Problem: Error { var wordIndex: Int; var message: String }

    static func parse(words: [Substring]) -> Result<(StandardStream, OutputOptions), Problem> {
        var stream = StandardStream.stdout
        var options = OutputOptions()
        for (index, word) in words.enumerated() {
            let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            switch (parts.first ?? "", parts.count) {
            case ("stdout", 1): stream = .stdout
            case ("stderr", 1): stream = .stderr
            case ("ignore", 1): options.ignore = true
            case ("html", 1): options.html = true
            case ("plain", 1): options.plain = true
            case ("atol", 2), ("rtol", 2):
                guard let value = Double(parts[1]), value >= 0, value.isFinite else {
                    return .failure(Problem(wordIndex: index, message: "'\(word)' needs a number that is 0 or more"))
                }
                if parts[0] == "atol" { options.absoluteTolerance = value } else { options.relativeTolerance = value }
            default:
                return .failure(Problem(wordIndex: index, message: "unknown option '\(word)' on an output fence (supported: \(supported))"))
            }
        }
        return .success((stream, options))
    }
}
