import ArgumentParser
import Foundation
import LessonKit

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a notebook (.ipynb), a keras.io page, a MyST notebook, a jupytext percent script (.py), a Quarto document (.qmd) or a pasted transcript (.txt) into a Markdown lesson.")

    @Argument(help: "A .ipynb notebook, a keras.io or MyST .md, a .py percent script, a .qmd, or a text file copied from a rendered notebook (In [1]: markers).")
    var file: String

    @Option(name: .shortAndLong, help: "Where to write the lesson (default: standard output).")
    var output: String?

    func run() throws {
        try reportingErrors {
            let text = try LessonExport.importLesson(file, imageFolderFor: output)
            if let output { try AtomicFile.write(text, to: output) } else { print(text, terminator: "") }
        }
    }
}
