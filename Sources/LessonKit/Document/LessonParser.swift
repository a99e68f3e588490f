import Foundation

/// Markdown lesson → `Lesson`: front matter, then cmark's tree of the body, whose top-level
/// fenced code blocks become code cells and documented outputs; the rest is prose.
public enum LessonParser {
    public static func parse(path: String) throws -> Lesson {
        try parse(try SourceText.read(path: path))
    }

    public static func parse(text: String, path: String) throws -> Lesson {
        try parse(SourceText(path: path, text: text))
    }

    public static func parse(_ source: SourceText) throws -> Lesson {
        let path = source.path
        let (frontMatter, bodyStart) = try parseFrontMatter(source)

        // cmark sees the front matter as blank lines, so its line numbers are the file's.
        let body = String(repeating: "\n", count: bodyStart - 1) + source.slice(bodyStart, source.lines.count)
        let tree = MarkdownTree(body)

        var cells: [Cell] = []
        var proseStart = bodyStart
        var codeNumber = 0
        var previousWasCodeOrOutput = false

        func closeProse(before line: Int) {
            guard proseStart < line else { return }
            let text = source.slice(proseStart, line - 1)
            if !text.allSatisfy(\.isWhitespace) {
                cells.append(.prose(ProseCell(text: text, lines: LineRange(proseStart, line - 1), firstHeading: nil)))
            }
        }

        for node in tree.document.children {
            if previousWasCodeOrOutput, let paths = figureLinks(node), case .code(var cell) = cells.last, cell.figures == nil {
                cell.figures = DocumentedFigures(paths: paths, lines: LineRange(node.startLine, node.endLine))
                cells[cells.count - 1] = .code(cell)
                proseStart = node.endLine + 1
                continue
            }
            guard node.kind == .codeBlock, let fence = Fence(line: source.line(node.startLine)) else {
                previousWasCodeOrOutput = false
                continue
            }
            try checkClosed(fence, node: node, source: source)
            let info = node.fenceInfo ?? ""
            let words = info.split(whereSeparator: \.isWhitespace)
            let language = words.first.map { $0.lowercased() } ?? ""
            let content = (node.literal ?? "").replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            let lines = LineRange(node.startLine, node.endLine)

            if CodeCell.languages.contains(language) {
                closeProse(before: node.startLine)
                codeNumber += 1
                let cell = CodeCell(number: codeNumber, info: info, code: content, lines: lines,
                                    codeStart: SourcePosition(line: node.startLine + 1, column: fence.indent + 1), outputs: [], figures: nil)
                cells.append(.code(cell))
                proseStart = node.endLine + 1
                previousWasCodeOrOutput = true
            } else if language == "output" {
                let position = SourcePosition(line: node.startLine, column: fence.indent + 1)
                guard previousWasCodeOrOutput, case .code(var cell) = cells.last else {
                    throw LessonError(path: path, position: position,
                                      message: "an output block must follow a code cell (a ```python fence)",
                                      sourceLine: source.line(node.startLine))
                }
                switch OutputOptions.parse(words: Array(words.dropFirst())) {
                case .failure(let problem):
                    let word = words[problem.wordIndex + 1]
                    let column = fence.infoColumn + info.distance(from: info.startIndex, to: word.startIndex)
                    throw LessonError(path: path, position: SourcePosition(line: node.startLine, column: column),
                                      message: problem.message, sourceLine: source.line(node.startLine))
                case .success(let (_, options)) where options.plain:
                    guard cell.attachPlainText(content, lines: lines) else {
                        throw LessonError(path: path, position: position,
                                          message: "an ```output plain``` block holds the text/plain form of an HTML value: it must follow an ```output html``` block",
                                          sourceLine: source.line(node.startLine))
                    }
                case .success(let (stream, options)):
                    let output = DocumentedOutput.reading(stream: stream, options: options, info: info, content: content, lines: lines)
                    if let html = output.html { cell.displays.append(DocumentedDisplay(content: .html(html))) }
                    cell.outputs.append(output)
                }
                cells[cells.count - 1] = .code(cell)
                proseStart = node.endLine + 1
            } else {
                previousWasCodeOrOutput = false
            }
        }
        closeProse(before: source.lines.count + 1)

        // Headings of each prose cell, for titles and tables of contents.
        for heading in tree.document.children where heading.kind == .heading {
            guard let index = cells.firstIndex(where: { $0.lines.first <= heading.startLine && heading.startLine <= $0.lines.last }),
                  case .prose(var prose) = cells[index], prose.firstHeading == nil else { continue }
            prose.firstHeading = heading.plainText
            cells[index] = .prose(prose)
        }
        return Lesson(source: source, frontMatter: frontMatter, cells: cells)
    }

    /// A paragraph made only of images stored in a `.files/` folder: the figures of the
    /// code cell above it, as `lesson run --out/--update` writes them.
    static func figureLinks(_ node: MarkdownNode) -> [String]? {
        guard node.kind == .paragraph else { return nil }
        var paths: [String] = []
        for child in node.children {
            switch child.kind {
            case .image:
                guard let url = child.url, url.contains(".files/") else { return nil }
                paths.append(url)
            case .softBreak, .lineBreak: continue
            case .text where (child.literal ?? "").allSatisfy(\.isWhitespace): continue
            default: return nil
            }
        }
        return paths.isEmpty ? nil : paths
    }

    /// YAML front matter: `---` on the first line, up to the next `---` or `...` line.
    static func parseFrontMatter(_ source: SourceText) throws -> (FrontMatter, bodyStart: Int) {
        guard source.line(1).trimmingCharacters(in: .whitespaces) == "---" else { return (FrontMatter(), 1) }
        guard let close = (2...max(2, source.lines.count)).first(where: {
            let line = source.line($0).trimmingCharacters(in: .whitespaces)
            return $0 <= source.lines.count && (line == "---" || line == "...")
        }) else {
            throw LessonError(path: source.path, position: SourcePosition(line: 1, column: 1),
                              message: "front matter opened here is never closed with a '---' line", sourceLine: source.line(1))
        }
        let yaml = source.slice(2, close - 1)
        let frontMatter = try FrontMatter.parse(yaml: yaml, lines: LineRange(1, close), path: source.path, source: source)
        return (frontMatter, close + 1)
    }

    /// cmark lets a fence run to the end of its container when it is never closed; in a
    /// lesson that is always a mistake that would swallow the rest of the file.
    static func checkClosed(_ fence: Fence, node: MarkdownNode, source: SourceText) throws {
        if node.endLine > node.startLine, fence.isClosed(by: source.line(node.endLine)) { return }
        throw LessonError(path: source.path, position: SourcePosition(line: node.startLine, column: fence.indent + 1),
                          message: "this code fence is never closed (add a line with \(String(repeating: fence.character, count: fence.length)))",
                          sourceLine: source.line(node.startLine))
    }
}

/// The opening line of a fenced code block: up to 3 spaces, then 3 or more ` or ~.
struct Fence {
    var indent: Int
    var character: Character
    var length: Int
    /// Column (1-based, in characters) where the info string starts.
    var infoColumn: Int

    init?(line: String) {
        let characters = Array(line)
        var i = 0
        while i < characters.count, characters[i] == " " { i += 1 }
        guard i <= 3, i < characters.count, characters[i] == "`" || characters[i] == "~" else { return nil }
        indent = i
        character = characters[i]
        var j = i
        while j < characters.count, characters[j] == character { j += 1 }
        length = j - i
        guard length >= 3 else { return nil }
        while j < characters.count, characters[j] == " " || characters[j] == "\t" { j += 1 }
        infoColumn = j + 1
    }

    func isClosed(by line: String) -> Bool {
        let trimmed = line.drop(while: { $0 == " " })
        guard line.count - trimmed.count <= 3 else { return false }
        let run = trimmed.prefix(while: { $0 == character })
        return run.count >= length && trimmed.dropFirst(run.count).allSatisfy { $0 == " " || $0 == "\t" }
    }
}
