import ArgumentParser
import Foundation
import LessonKit

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Replay a lesson: run its code cells and show the lesson with their outputs.")

    @Argument(help: "A lesson (.md or .ipynb); a bare name is also looked for in Lessons/.")
    var file: String

    @Flag(name: .shortAndLong, help: "Print the cells' outputs only.")
    var quiet = false

    @Option(help: "Write the lesson with fresh outputs to PATH (.md, or .ipynb by extension).")
    var out: String?

    @Flag(help: "Rewrite the lesson's own documented outputs in place.")
    var update = false

    @Option(help: "Run only these code cells, e.g. 1-3 or 2,4.")
    var cells: String?

    @Option(name: .customLong("to-step"), help: "Stop after the first cell that performs this step (load, normalize, reshape, build, compile, fit, evaluate, predict, show).")
    var toStep: String?

    @Option(parsing: .unconditional, help: "Random seed (default: the lesson's front matter, else 42).")
    var seed: Int?

    @Option(name: .customLong("set"), help: "Override a top-level assignment or a keyword argument before the lesson runs: --set epochs=1 (repeatable).")
    var overrides: [String] = []

    @Option(help: "Start at this code cell (a number, or a step: the first cell that performs it), restoring the latest checkpoint before it instead of running the earlier cells again.")
    var from: String?

    @Flag(name: .customLong("no-checkpoints"), help: "Neither save the session state after each cell nor restore it.")
    var noCheckpoints = false

    @Flag(name: .customLong("keep-going"), help: "Run the remaining cells after a failing one (the exit code is still 2).")
    var keepGoing = false

    func run() throws {
        try reportingErrors {
            var request = RunRequest(lesson: file)
            request.quiet = quiet
            request.outputPath = out
            request.update = update
            request.cells = cells
            request.toStep = toStep
            request.seed = seed
            request.overrides = overrides
            request.keepGoing = keepGoing
            request.from = from
            request.checkpoints = !noCheckpoints
            let status = try LessonRun.perform(request)
            if status != 0 { throw ExitCode(status) }
        }
    }
}
