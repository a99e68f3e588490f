import Foundation
import LessonKit

/// Lesson Markdown: parse, list, rewrite outputs, export to a notebook and back, and render
/// for a terminal (whose output must carry no escape from the input).
public enum FuzzLesson {
    public static func fuzzOne(_ data: Data) throws {
        guard let source = try? SourceText.decode(data, path: "fuzz.md"), let lesson = try? LessonParser.parse(source) else { return }
        _ = CellListing.table(lesson)
        var outputs: [Int: [FreshOutput]] = [:]
        for cell in lesson.codeCells { outputs[cell.number] = [FreshOutput(stream: .stdout, text: "x```\n")] }
        let rewritten = OutputRewriter.rewrite(lesson, outputs: outputs, figures: [1: ["fuzz.files/cell1-1.png"]])
        _ = try? LessonParser.parse(text: rewritten, path: "fuzz.md")
        let notebook = NotebookConversion.notebook(from: lesson).serialized()
        if let back = try? Notebook.decode(Data(notebook.utf8), path: "fuzz.ipynb") { _ = try? NotebookConversion.markdown(from: back) }
        let plain = TerminalProse(style: TerminalStyle(colors: false)).render(source.text)
        if let control = plain.unicodeScalars.first(where: { TerminalText.isUnsafe($0) }) {
            throw FuzzFailure("FuzzLesson", "U+\(String(control.value, radix: 16, uppercase: true)) reached the terminal")
        }
        _ = TerminalProse(style: TerminalStyle(colors: true)).render(source.text)
    }
}
