import ArgumentParser
import Foundation
import LessonKit

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Convert a lesson to a Jupyter notebook or to Markdown.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case ipynb, md }

    @Argument(help: "A lesson (.md or .ipynb); a bare name is also looked for in Lessons/.")
    var file: String

    @Option(name: .customLong("to"), help: "ipynb or md.")
    var format: Format

    @Option(name: .shortAndLong, help: "Where to write (default: standard output).")
    var output: String?

    func run() throws {
        try reportingErrors {
            let text = try LessonExport.export(file, to: format == .ipynb ? .notebook : .markdown, imageFolderFor: output)
            if let output { try AtomicFile.write(text, to: output) } else { print(text, terminator: "") }
        }
    }
}
