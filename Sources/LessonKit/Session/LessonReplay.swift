import Foundation
import Script

/// Runs a whole lesson without a terminal, for the commands that need its fresh outputs
/// (`lesson check`, `lesson html`, `lesson build`). Each call has its own interpreter and
/// bindings, so lessons checked in parallel never share state.
public struct LessonReplay: LessonRunner {
    public var seed: Int?
    public init(seed: Int? = nil) { self.seed = seed }

    /// The results by code cell number; a cell that failed carries its error, later cells
    /// did not run.
    public func results(_ lesson: Lesson, skipping: Set<Int> = []) throws -> [Int: CellResult] {
        let executor = try LessonExecutor(lesson: lesson, seed: seed ?? lesson.frontMatter.seed ?? 42, overrides: [],
                                          limits: try RunLimits.lessonRun())
        var options = Session.Options()
        options.cells = CellSelection(ranges: lesson.codeCells.map(\.number).filter { !skipping.contains($0) }.map { $0...$0 })
        options.expectedFailures = Set(lesson.codeCells.filter { NBValMarkers($0).raisesException }.map(\.number))
        let outcome = Session(lesson: lesson, executor: executor, options: options).run()
        return Dictionary(outcome.results.map { ($0.cellNumber, $0) }, uniquingKeysWith: { $1 })
    }

    public func run(_ lesson: Lesson, skipping: Set<Int>) throws -> [Int: CellRun] {
        try results(lesson, skipping: skipping).mapValues { result in
            CellRun(outputs: result.outputs, error: result.error.map { "\($0.kind): \($0.message)" }, errorLocation: result.error?.location, figures: result.pictures)
        }
    }
}
