import ArgumentParser
import Foundation
import LessonKit

struct HTMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "html", abstract: "Write a lesson as one self-contained HTML page.")

    @Argument(help: "A lesson (.md or .ipynb); a bare name is also looked for in Lessons/.")
    var file: String

    @Option(name: .shortAndLong, help: "Where to write (default: NAME.html in the current folder; '-' for standard output).")
    var output: String?

    @Flag(name: .customLong("no-run"), help: "Use the outputs the lesson documents instead of running it.")
    var noRun = false

    @Flag(name: .customLong("unsafe-html"), help: "Keep raw HTML and any link from the lesson's prose.")
    var unsafeHTML = false

    @Option(name: .customLong("template"), help: "A mustache template to use instead of the built-in one.")
    var template: String?

    func run() throws {
        var failed = false
        try reportingErrors {
            let lesson = try LessonLoader.load(file)
            let options = HTMLOptions(unsafeHTML: unsafeHTML, template: try template.map(HTMLCommand.readTemplate))
            let results = noRun ? nil : try HTMLCommand.run(lesson)
            let html = try HTMLPage.render(lesson: lesson, results: results, options: options)
            let destination = output ?? URL(fileURLWithPath: lesson.path).deletingPathExtension().lastPathComponent + ".html"
            if destination == "-" { print(html, terminator: "") } else { try AtomicFile.write(html, to: destination) }
            failed = results.map { HTMLCommand.failedCells(lesson, $0).count > 0 } ?? false
        }
        // The page is written, with the error shown; the status says a cell failed, as `run` does.
        if failed { throw ExitCode(2) }
    }

    /// Runs the lesson for its fresh outputs, saying so on stderr (stdout may be the page).
    static func run(_ lesson: Lesson) throws -> [Int: CellResult] {
        FileHandle.standardError.write(Data("lesson: running \(TerminalText.visible(lesson.path))…\n".utf8))
        let results = try LessonReplay().results(lesson)
        for result in results.values.sorted(by: { $0.cellNumber < $1.cellNumber }) {
            if let error = result.error {
                FileHandle.standardError.write(Data("lesson: cell \(result.cellNumber) failed: \(TerminalText.visible(error.description))\n".utf8))
            }
        }
        return results
    }

    /// The cells that raised without being marked to (NBVAL_RAISES_EXCEPTION).
    static func failedCells(_ lesson: Lesson, _ results: [Int: CellResult]) -> [Int] {
        let expected = Set(lesson.codeCells.filter { NBValMarkers($0).raisesException }.map(\.number))
        return results.values.filter { $0.error != nil && !expected.contains($0.cellNumber) }.map(\.cellNumber).sorted()
    }

    static func readTemplate(_ path: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw LessonError(path: path, message: "cannot read the template: \(error.localizedDescription)")
        }
    }
}
