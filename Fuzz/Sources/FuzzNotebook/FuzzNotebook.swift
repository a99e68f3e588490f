import Foundation
import LessonKit

/// Jupyter notebooks: decode, turn into a lesson, and back.
func fuzzOne(_ data: Data) {
    guard let notebook = try? Notebook.decode(data, path: "fuzz.ipynb"),
          let markdown = try? NotebookConversion.markdown(from: notebook),
          let lesson = try? LessonParser.parse(text: markdown, path: "fuzz.md") else { return }
    _ = NotebookConversion.notebook(from: lesson).serialized()
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("FuzzNotebook_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { bytes, size in
        fuzzOne(bytes.map { Data(bytes: $0, count: size) } ?? Data())
        return 0
    }
}
