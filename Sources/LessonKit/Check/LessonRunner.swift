import Foundation

/// What running one code cell produced.
public struct CellRun: Equatable {
    /// What the cell printed, per stream, in order.
    public var outputs: [FreshOutput]
    /// The exception the cell raised (`"ValueError: ..."`), or nil when it ran to the end.
    public var error: String?
    /// Where in the lesson it was raised, with the source line (as `lesson run` shows it).
    public var errorLocation: LessonError?
    /// The pictures the cell drew, compared with those the document stores.
    public var figures: [Figure] = []

    public init(outputs: [FreshOutput], error: String? = nil, errorLocation: LessonError? = nil, figures: [Figure] = []) {
        self.outputs = outputs; self.error = error; self.errorLocation = errorLocation; self.figures = figures
    }
}

/// Runs a lesson's code cells and returns what each printed, by code cell number.
/// The session that runs lessons implements this; `lesson check` receives it through
/// `CheckRunner.runner`. Cells listed in `skipping` (nbval's `NBVAL_SKIP`) must not run.
/// Throwing means the lesson could not run at all (exit status 2); a cell that raises is
/// reported through `CellRun.error` instead, and the runner should stop after it.
public protocol LessonRunner: Sendable {
    func run(_ lesson: Lesson, skipping: Set<Int>) throws -> [Int: CellRun]
}

/// A runner that reads the outputs from a results file (an earlier `lesson run --out`)
/// instead of running: the fast, deterministic way to check a lesson's comparison.
public struct ResultsFileRunner: LessonRunner {
    public var resultsPath: String

    /// Code as it runs: spaces at line ends (a pasted transcript keeps them) change nothing.
    static func comparable(_ code: String) -> String {
        code.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in String(line.reversed().drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" }).reversed()) }
            .joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public init(resultsPath: String) { self.resultsPath = resultsPath }

    public func run(_ lesson: Lesson, skipping: Set<Int>) throws -> [Int: CellRun] {
        let results = try LessonLoader.load(resultsPath)
        let ours = lesson.codeCells, theirs = results.codeCells
        guard ours.count == theirs.count else {
            throw LessonError(path: results.path, message: "has \(theirs.count) code cells but \(lesson.path) has \(ours.count); is it the results of this lesson?")
        }
        for (mine, stored) in zip(ours, theirs) where Self.comparable(mine.code) != Self.comparable(stored.code) {
            throw LessonError(path: results.path, position: SourcePosition(line: stored.lines.first, column: 1),
                              message: "code cell \(stored.number) is not the code of \(lesson.path):\(mine.lines.first); is it the results of this lesson?")
        }
        var runs: [Int: CellRun] = [:]
        for cell in theirs where !skipping.contains(cell.number) {
            let figures = results.displays(of: cell).compactMap { display -> Figure? in
                switch display.content {
                case .png(let data): return Figure(png: data)
                case .svg(let svg): return Figure(svg: svg)
                case .html: return nil
                }
            }
            runs[cell.number] = CellRun(outputs: cell.outputs.map { FreshOutput(stream: $0.stream, text: $0.text) }, figures: figures)
        }
        return runs
    }
}

/// Where `lesson check` gets its runner: the interpreter (`LessonReplay`) unless
/// `--against` names a results file. A constant: each check makes its own run from it, and
/// callers that want another runner pass it to `LessonChecker.check`.
public enum CheckRunner {
    /// The runner `lesson check` uses; nil would mean lessons cannot be run here.
    public static let runner: LessonRunner? = LessonReplay()

    public static let unavailableMessage = "running lessons is not available; use --against RESULTS.md to check against the outputs of an earlier run"
}
