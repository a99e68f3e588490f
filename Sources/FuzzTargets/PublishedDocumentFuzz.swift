import Foundation
import LessonKit

/// What every reader of a published format is put through: read (the file name picks the
/// reader), rewrite outputs in the same format, read back, export to every format.
enum PublishedDocumentFuzz {
    static func fuzzOne(_ data: Data, path: String) {
        guard let source = try? SourceText.decode(data, path: path), let lesson = try? LessonReader.read(source) else { return }
        var outputs: [Int: [FreshOutput]] = [:]
        for cell in lesson.codeCells { outputs[cell.number] = [FreshOutput(stream: .stdout, text: "x```\n</div>\n")] }
        let rewritten = OutputRewriter.rewrite(lesson, outputs: outputs)
        _ = try? LessonReader.read(SourceText(path: path, text: rewritten))
        for format in [LessonFormat.markdown, .myst, .percent, .quarto] { _ = LessonWriter.write(lesson, as: format) }
        _ = NotebookConversion.notebook(from: lesson).serialized()
        for cell in lesson.codeCells { _ = NBValMarkers(cell) }
    }
}
