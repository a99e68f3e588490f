import ArgumentParser
import Foundation
import LessonKit

@main
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Replay Jupyter-style tutorials written as Markdown.",
        version: LessonVersion.current,
        subcommands: [RunCommand.self, StepCommand.self, CheckCommand.self, HTMLCommand.self, BuildCommand.self, ListCommand.self, CellsCommand.self, ExportCommand.self, ImportCommand.self, CacheCommand.self, ServeCommand.self]
    )
}

/// Runs a command body; a `LessonError` becomes one message on stderr and exit code 2.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as LessonError {
        FileHandle.standardError.write(Data("lesson: error: \(TerminalText.visible(error.description))\n".utf8))
        throw ExitCode(2)
    }
}

/// Prints text that carries a lesson's words (titles, outputs, diffs): its controls made visible.
func printVisible(_ text: String, terminator: String = "\n") {
    print(TerminalText.visible(text), terminator: terminator)
}
