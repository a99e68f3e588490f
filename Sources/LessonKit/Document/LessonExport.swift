import Foundation

/// The conversions behind `lesson export` and `lesson import`.
public enum LessonExport {
    public enum Format: String, CaseIterable, Sendable {
        case notebook = "ipynb", markdown = "md", myst, percent = "py:percent", quarto = "qmd"

        var lessonFormat: LessonFormat {
            switch self {
            case .notebook: return .notebook
            case .markdown: return .markdown
            case .myst: return .myst
            case .percent: return .percent
            case .quarto: return .quarto
            }
        }
    }

    /// A lesson in any format as a notebook or one of the text formats. A lesson already in
    /// the asked format is its file, byte for byte. Figures of a notebook go into
    /// `NAME.files/` beside `output` when Markdown is asked for.
    public static func export(_ name: String, to format: Format, imageFolderFor output: String? = nil) throws -> String {
        let lesson = try LessonLoader.load(name)
        if format == .notebook { return NotebookConversion.notebook(from: lesson).serialized() }
        if lesson.format == format.lessonFormat { return lesson.source.text }
        if format == .markdown, lesson.format == .notebook || lesson.format == .transcript {
            return try importLesson(lesson.path, imageFolderFor: output)
        }
        let text = LessonWriter.write(lesson, as: format.lessonFormat)
        // What we write must read back.
        _ = try LessonReader.read(SourceText(path: output ?? "export.\(format.lessonFormat.fileExtension)", text: text))
        return text
    }

    /// Markdown for a notebook, a pasted transcript, or a document in any other format.
    /// Figures of a notebook go into `NAME.files/` beside `output`, when there is one.
    public static func importLesson(_ path: String, imageFolderFor output: String? = nil) throws -> String {
        let format = LessonFormat.detect(path: path, text: "")
        if format == .transcript {
            let text = try SourceText.read(path: path).text
            let markdown = try TranscriptImporter.markdown(fromTranscript: text, title: nil)
            _ = try LessonParser.parse(text: markdown, path: output ?? path)
            return markdown
        }
        guard format == .notebook else {
            let lesson = try LessonReader.read(path: path)
            let markdown = lesson.format == .markdown ? lesson.source.text : LessonWriter.write(lesson, as: .markdown)
            _ = try LessonParser.parse(text: markdown, path: output ?? path)
            return markdown
        }
        let notebook = try Notebook.read(path: path)
        var folder: String?
        var prefix = ""
        if let output {
            let url = URL(fileURLWithPath: output)
            let name = url.deletingPathExtension().lastPathComponent + ".files"
            folder = url.deletingLastPathComponent().appendingPathComponent(name).path
            prefix = name + "/"
        }
        let markdown = try NotebookConversion.markdown(from: notebook, imageFolder: folder, linkPrefix: prefix)
        _ = try LessonParser.parse(text: markdown, path: output ?? path) // what we write must parse back
        return markdown
    }
}
