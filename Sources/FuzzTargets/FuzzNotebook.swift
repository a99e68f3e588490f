import Foundation
import LessonKit

/// Jupyter notebooks: decode, turn into a lesson, and back.
public enum FuzzNotebook {
    public static func fuzzOne(_ data: Data) throws {
        guard let notebook = try? Notebook.decode(data, path: "fuzz.ipynb"),
              let markdown = try? NotebookConversion.markdown(from: notebook),
              let lesson = try? LessonParser.parse(text: markdown, path: "fuzz.md") else { return }
        _ = NotebookConversion.notebook(from: lesson).serialized()
    }
}
