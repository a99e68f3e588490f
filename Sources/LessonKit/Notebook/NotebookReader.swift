import Foundation

/// A notebook as a lesson: its Markdown form (what `lesson import` writes) parsed, with the
/// pictures and HTML values of each code cell kept as the cell's displays.
public enum NotebookReader {
    public static func read(path: String) throws -> Lesson {
        let notebook = try Notebook.read(path: path)
        let text = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
        return try lesson(from: notebook, path: path, json: text)
    }

    /// `json`, the notebook's text, lets errors in a cell name the file's own lines.
    public static func lesson(from notebook: Notebook, path: String, json: String? = nil) throws -> Lesson {
        let parsed = try LessonParser.parse(text: try NotebookConversion.markdown(from: notebook), path: path)
        let displays = notebook.cells.filter { $0.kind == .code }.map { cell in cell.outputs.compactMap(\.display) }
        let positions = json.map { codePositions($0, notebook: notebook) } ?? []
        var cells = parsed.cells
        for (index, cell) in cells.enumerated() {
            guard case .code(var code) = cell, let stored = displays[safe: code.number - 1] else { continue }
            code.displays = stored
            if let position = positions[safe: code.number - 1] ?? nil { code.codeStart = position }
            cells[index] = .code(code)
        }
        var lesson = Lesson(source: parsed.source, frontMatter: parsed.frontMatter, cells: cells)
        lesson.format = .notebook
        return lesson
    }
}

extension NotebookReader {
    /// Where each code cell's first source line is in the notebook's JSON, when Jupyter's
    /// layout shows it: a `"source": [` line, then one JSON string per line of code. Checked
    /// against the cell's text; nil where the layout is another (one string, other writers).
    static func codePositions(_ json: String, notebook: Notebook) -> [SourcePosition?] {
        let lines = json.split(separator: "\n", omittingEmptySubsequences: false)
        let sourceLines = lines.indices.filter { lines[$0].drop { $0 == " " }.hasPrefix("\"source\":") }
        guard sourceLines.count == notebook.cells.count else { return [] }
        var positions: [SourcePosition?] = []
        for (cell, index) in zip(notebook.cells, sourceLines) where cell.kind == .code {
            let rest = lines[index].drop { $0 == " " }.dropFirst("\"source\":".count).trimmingCharacters(in: .whitespaces)
            guard rest == "[", index + 1 < lines.count else { positions.append(nil); continue }
            let next = lines[index + 1]
            let indent = next.prefix { $0 == " " }.count
            var literal = next.drop { $0 == " " }
            if literal.hasSuffix(",") { literal = literal.dropLast() }
            let firstLine = cell.source.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let decoded = (try? JSONSerialization.jsonObject(with: Data(literal.utf8), options: [.fragmentsAllowed])) as? String
            guard let decoded, decoded.trimmingLineEnd() == firstLine else { positions.append(nil); continue }
            positions.append(SourcePosition(line: index + 2, column: indent + 2))
        }
        return positions
    }
}

extension NotebookOutput {
    /// The rich part of an output, when it has one.
    var display: DocumentedDisplay? {
        switch self {
        case .image(let png, let text): return DocumentedDisplay(content: .png(png), text: text)
        case .svg(let svg): return DocumentedDisplay(content: .svg(svg))
        case .html(let html, let text, _): return DocumentedDisplay(content: .html(html), text: text)
        default: return nil
        }
    }
}
