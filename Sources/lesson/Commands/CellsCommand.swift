import ArgumentParser
import LessonKit

struct CellsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cells", abstract: "List a lesson's cells: index, kind, lines, first line.")

    @Argument(help: "A lesson (.md or .ipynb); a bare name is also looked for in Lessons/.")
    var file: String

    @Flag(help: "Print JSON for machines.")
    var json = false

    func run() throws {
        try reportingErrors {
            let lesson = try LessonLoader.load(file)
            if json { print(CellListing.json(lesson), terminator: "") } else { printVisible(CellListing.table(lesson), terminator: "") }
        }
    }
}
