import Foundation

/// Reads a lesson in whichever format it is written (see `LessonFormat`): one entry for
/// every command, so that all of them see the same cells.
public enum LessonReader {
    public static func read(path: String) throws -> Lesson {
        let format = LessonFormat.detect(path: path, text: "")
        switch format {
        case .notebook: return try NotebookReader.read(path: path)
        default: return try read(try SourceText.read(path: path))
        }
    }

    /// A text lesson; the format comes from the path's extension and the text.
    public static func read(_ source: SourceText) throws -> Lesson {
        switch LessonFormat.detect(path: source.path, text: source.text) {
        case .markdown: return try LessonParser.parse(source)
        case .kerasIO: return try KerasIOReader.parse(source)
        case .myst: return try MySTReader.parse(source)
        case .percent: return try JupytextPercentReader.parse(source)
        case .quarto: return try QuartoReader.parse(source)
        case .transcript:
            var lesson = try LessonParser.parse(text: try TranscriptImporter.markdown(fromTranscript: source.text, title: nil), path: source.path)
            lesson.format = .transcript
            return lesson
        case .notebook:
            return try NotebookReader.lesson(from: try Notebook.decode(Data(source.text.utf8), path: source.path), path: source.path)
        }
    }
}
