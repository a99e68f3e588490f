import Foundation
import LessonKit

/// jupytext percent scripts (`# %%`, commented front matter): read, rewrite outputs in the same format, read back, export to every format.
public enum FuzzPercent {
    public static func fuzzOne(_ data: Data) throws {
        guard let source = try? SourceText.decode(data, path: "fuzz.py"), let lesson = try? LessonReader.read(source) else { return }
        var outputs: [Int: [FreshOutput]] = [:]
        for cell in lesson.codeCells { outputs[cell.number] = [FreshOutput(stream: .stdout, text: "x```\n</div>\n")] }
        let rewritten = OutputRewriter.rewrite(lesson, outputs: outputs)
        _ = try? LessonReader.read(SourceText(path: "fuzz.py", text: rewritten))
        for format in [LessonFormat.markdown, .myst, .percent, .quarto] { _ = LessonWriter.write(lesson, as: format) }
        _ = NotebookConversion.notebook(from: lesson).serialized()
        for cell in lesson.codeCells { _ = NBValMarkers(cell) }
    }
}
