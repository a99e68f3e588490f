import Foundation

/// A notebook as a lesson: its Markdown form (what `lesson import` writes) parsed, with the
/// pictures and HTML values of each code cell kept as the cell's displays.
public enum NotebookReader {
    public static func read(path: String) throws -> Lesson {
        try lesson(from: try Notebook.read(path: path), path: path)
    }

    public static func lesson(from notebook: Notebook, path: String) throws -> Lesson {
        let parsed = try LessonParser.parse(text: try NotebookConversion.markdown(from: notebook), path: path)
        let displays = notebook.cells.filter { $0.kind == .code }.map { cell in cell.outputs.compactMap(\.display) }
        var cells = parsed.cells
        for (index, cell) in cells.enumerated() {
            guard case .code(var code) = cell, let stored = displays[safe: code.number - 1] else { continue }
            code.displays = stored
            cells[index] = .code(code)
        }
        var lesson = Lesson(source: parsed.source, frontMatter: parsed.frontMatter, cells: cells)
        lesson.format = .notebook
        return lesson
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
