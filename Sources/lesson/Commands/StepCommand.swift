import ArgumentParser
import Foundation
import LessonKit

struct StepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "step",
        abstract: "Walk a class through a lesson one code cell at a time.",
        discussion: """
        Each code cell is shown with the prose before it, its code and its steps; then: Enter runs it, \
        s skips it, b goes back, r runs the last cell again, o shows its documented output, d the \
        difference from the fresh one, g N goes to cell N, q quits. On a terminal these are single keys; \
        otherwise the commands are read one per line from standard input.
        """)

    @Argument(help: "A lesson (.md or .ipynb); a bare name is also looked for in Lessons/.")
    var file: String

    @Option(help: "Start at this code cell (a number, or a step: the first cell that performs it), restoring the latest checkpoint before it.")
    var from: String?

    @Option(parsing: .unconditional, help: "Random seed (default: the lesson's front matter, else 42).")
    var seed: Int?

    @Option(name: .customLong("set"), help: "Override a top-level assignment or a keyword argument: --set epochs=1 (repeatable).")
    var overrides: [String] = []

    @Flag(name: .customLong("no-checkpoints"), help: "Neither save the session state after each cell nor restore it.")
    var noCheckpoints = false

    func run() throws {
        try reportingErrors {
            let lesson = try LessonLoader.load(file)
            let write = { (text: String) in FileHandle.standardOutput.write(Data(text.utf8)) }
            let style = TerminalStyle.forStandardOutput()
            var options = StepSession.Options()
            options.seed = seed
            options.overrides = overrides
            options.from = from
            options.checkpoints = !noCheckpoints
            options.style = style
            options.liveProgress = isatty(STDOUT_FILENO) == 1 && style.colors
            let keys = isatty(STDOUT_FILENO) == 1 ? TerminalKeyInput(write: write) : nil
            let input: StepInput = keys ?? LineInput(echo: isatty(STDIN_FILENO) != 1, write: write)
            defer { keys?.restore() }
            let session = try StepSession(lesson: lesson, options: options, input: input, out: write,
                                          err: { FileHandle.standardError.write(Data($0.utf8)) })
            let status = session.run()
            if status != 0 { throw ExitCode(status) }
        }
    }
}
