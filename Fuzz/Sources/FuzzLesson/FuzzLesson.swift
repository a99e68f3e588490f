import Foundation
import FuzzDriver
import LessonKit

/// Lesson Markdown: parse, list, rewrite outputs, export to a notebook and back.
func fuzzOne(_ data: Data) {
    guard let source = try? SourceText.decode(data, path: "fuzz.md"), let lesson = try? LessonParser.parse(source) else { return }
    _ = CellListing.table(lesson)
    var outputs: [Int: [FreshOutput]] = [:]
    for cell in lesson.codeCells { outputs[cell.number] = [FreshOutput(stream: .stdout, text: "x```\n")] }
    let rewritten = OutputRewriter.rewrite(lesson, outputs: outputs, figures: [1: ["fuzz.files/cell1-1.png"]])
    _ = try? LessonParser.parse(text: rewritten, path: "fuzz.md")
    let notebook = NotebookConversion.notebook(from: lesson).serialized()
    if let back = try? Notebook.decode(Data(notebook.utf8), path: "fuzz.ipynb") { _ = try? NotebookConversion.markdown(from: back) }
    _ = TerminalProse(style: TerminalStyle(colors: true)).render(source.text)
}

@_cdecl("FuzzLesson_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzOne)
}
