import Foundation

/// The conversions behind `lesson export` and `lesson import`.
public enum LessonExport {
    public enum Format { case notebook, markdown }

    /// A lesson (or notebook) as notebook JSON or lesson Markdown. Markdown of a `.md`
    /// lesson is the file itself, byte for byte.
    public static func export(_ name: String, to format: Format, imageFolderFor output: String? = nil) throws -> String {
        let lesson = try LessonLoader.load(name)
        switch format {
        case .notebook:
            return NotebookConversion.notebook(from: lesson).serialized()
        case .markdown:
            if lesson.path.lowercased().hasSuffix(".ipynb") { return try importLesson(lesson.path, imageFolderFor: output) }
            return lesson.source.text
        }
    }

    /// Markdown for a notebook or a pasted transcript. Figures of a notebook go into
    /// `NAME.files/` beside `output`, when there is one.
    public static func importLesson(_ path: String, imageFolderFor output: String? = nil) throws -> String {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".txt") {
            let text = try SourceText.read(path: path).text
            let markdown = try TranscriptImporter.markdown(fromTranscript: text, title: nil)
            _ = try LessonParser.parse(text: markdown, path: output ?? path)
            return markdown
        }
        guard lowered.hasSuffix(".ipynb") else {
            throw LessonError(path: path, message: "can import .ipynb notebooks and .txt transcripts (text copied from a rendered notebook) only")
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
