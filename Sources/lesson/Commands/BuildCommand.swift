import ArgumentParser
import Foundation
import LessonKit

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Write a folder of lessons as a static site with an index.")

    @Argument(help: "A folder of lessons (.md, .ipynb).")
    var folder: String

    @Option(name: .shortAndLong, help: "The site folder to write.")
    var output: String

    @Flag(name: .customLong("no-run"), help: "Use the outputs the lessons document instead of running them.")
    var noRun = false

    @Flag(name: .customLong("unsafe-html"), help: "Keep raw HTML and any link from the lessons' prose.")
    var unsafeHTML = false

    func run() throws {
        var failing: [String] = []
        try reportingErrors {
            let noRun = self.noRun
            let entries = try CourseSite.build(folder: folder, site: output, options: HTMLOptions(unsafeHTML: unsafeHTML)) { path in
                if noRun { return nil }
                let lesson = try LessonLoader.load(path)
                let results = try HTMLCommand.run(lesson)
                if !HTMLCommand.failedCells(lesson, results).isEmpty { failing.append(path) }
                return results
            }
            print("wrote \(entries.count) lesson page\(entries.count == 1 ? "" : "s") and index.html to \(output)")
        }
        // Every page is written, errors shown; the status says some cell failed.
        if !failing.isEmpty {
            FileHandle.standardError.write(Data("lesson: a cell failed in \(failing.count) lesson\(failing.count == 1 ? "" : "s"): \(TerminalText.visible(failing.joined(separator: ", ")))\n".utf8))
            throw ExitCode(2)
        }
    }
}
