import Foundation
import FuzzDriver
import LessonKit

/// Jupyter notebooks: decode, turn into a lesson, and back.
func fuzzOne(_ data: Data) {
    guard let notebook = try? Notebook.decode(data, path: "fuzz.ipynb"),
          let markdown = try? NotebookConversion.markdown(from: notebook),
          let lesson = try? LessonParser.parse(text: markdown, path: "fuzz.md") else { return }
    _ = NotebookConversion.notebook(from: lesson).serialized()
}

@_cdecl("FuzzNotebook_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzOne)
}
