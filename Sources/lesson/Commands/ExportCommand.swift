import ArgumentParser
import Foundation
import LessonKit

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Convert a lesson to a Jupyter notebook, our Markdown, MyST, a jupytext percent script or Quarto.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case ipynb, md, myst, percent = "py:percent", qmd

        var export: LessonExport.Format {
            switch self {
            case .ipynb: return .notebook
            case .md: return .markdown
            case .myst: return .myst
            case .percent: return .percent
            case .qmd: return .quarto
            }
        }
    }

    @Argument(help: "A lesson (.md, keras.io .md, MyST .md, .py percent script, .qmd or .ipynb); a bare name is also looked for in Lessons/.")
    var file: String

    @Option(name: .customLong("to"), help: "ipynb, md, myst, py:percent or qmd.")
    var format: Format

    @Option(name: .shortAndLong, help: "Where to write (default: standard output).")
    var output: String?

    func run() throws {
        try reportingErrors {
            let text = try LessonExport.export(file, to: format.export, imageFolderFor: output)
            if let output { try AtomicFile.write(text, to: output) } else { print(text, terminator: "") }
        }
    }
}
