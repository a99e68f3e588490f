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
        try reportingErrors {
            guard noRun else { throw LessonError(path: file, message: "running lessons is not available yet; use --no-run") }
            let lesson = try LessonLoader.load(file)
            let options = HTMLOptions(unsafeHTML: unsafeHTML, template: try template.map(HTMLCommand.readTemplate))
            let html = try HTMLPage.render(lesson: lesson, results: nil, options: options)
            let destination = output ?? URL(fileURLWithPath: lesson.path).deletingPathExtension().lastPathComponent + ".html"
            if destination == "-" { print(html, terminator: "") } else { try AtomicFile.write(html, to: destination) }
        }
    }

    static func readTemplate(_ path: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw LessonError(path: path, message: "cannot read the template: \(error.localizedDescription)")
        }
    }
}
