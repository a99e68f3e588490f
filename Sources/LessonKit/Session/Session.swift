import Foundation
import Script

/// Runs a code cell: the interpreter with its bindings, behind a protocol so that the
/// session's order, selection and error handling are tested on their own.
public protocol CellExecutor: AnyObject {
    /// Runs one cell's code; output goes to `output`. Throws `CellError` when the cell fails.
    func run(_ cell: CodeCell, in lesson: Lesson, output: CellOutput) throws
    /// Set when the run is to stop (Ctrl-C, SIGTERM, its time limit); nil: never.
    var cancellation: CancellationFlag? { get }
}

extension CellExecutor {
    public var cancellation: CancellationFlag? { nil }
}

/// Hears what a run does, as it happens (the terminal replay, `lesson step`).
public protocol SessionObserver: AnyObject {
    func willShowProse(_ prose: ProseCell)
    func willRun(_ cell: CodeCell, output: CellOutput)
    func didRun(_ cell: CodeCell, result: CellResult)
    func skipped(_ cell: CodeCell, reason: String)
}

/// A replay of one lesson: code cells in order, in one interpreter, like a Jupyter kernel.
public final class Session {
    public struct Options {
        public var cells = CellSelection.all
        /// Stop after the first cell that performs this step (`--to-step fit`).
        public var toStep: Step?
        /// Run the remaining cells after a failure (the run still exits 2).
        public var keepGoing = false
        /// Cells expected to raise (nbval's `NBVAL_RAISES_EXCEPTION`): the run goes on after them.
        public var expectedFailures: Set<Int> = []
        public init() {}
    }

    public let lesson: Lesson
    let executor: CellExecutor
    let options: Options

    public init(lesson: Lesson, executor: CellExecutor, options: Options = Options()) {
        self.lesson = lesson
        self.executor = executor
        self.options = options
    }

    public struct Outcome {
        public var results: [CellResult]
        public var failed: Bool { results.contains { $0.error != nil } }
        public var interrupted: Bool
    }

    public func run(observer: SessionObserver? = nil, echo: OutputEcho? = nil) -> Outcome {
        var results: [CellResult] = []
        var failed = false
        let cancellation = executor.cancellation
        // A run past its time limit is not stopped: its cell fails with TimeoutError.
        var stopped: Bool { (cancellation?.isCancelled ?? false) && cancellation?.reason != "time" }
        for cell in lesson.cells {
            if stopped { return Outcome(results: results, interrupted: true) }
            switch cell {
            case .prose(let prose):
                observer?.willShowProse(prose)
            case .code(let code):
                guard options.cells.contains(code.number) else { continue }
                if failed && !options.keepGoing {
                    observer?.skipped(code, reason: "an earlier cell failed")
                    continue
                }
                let output = CellOutput(echo: echo)
                observer?.willRun(code, output: output)
                var result = CellResult(cellNumber: code.number)
                let start = Date()
                do {
                    try executor.run(code, in: lesson, output: output)
                } catch let error as CellError {
                    result.error = error
                } catch let error as LessonError {
                    result.error = CellError(kind: "Error", message: error.message, location: error)
                } catch {
                    result.error = CellError(kind: "Error", message: "\(error)")
                }
                result.seconds = Date().timeIntervalSince(start)
                result.stdout = output.stdout
                result.displayed = output.displayed
                result.stderr = output.stderr
                result.figures = output.figures
                result.displays = output.displays
                result.trainings = output.trainings
                result.steps = output.steps
                results.append(result)
                observer?.didRun(code, result: result)
                if result.error != nil, !options.expectedFailures.contains(code.number) { failed = true }
                if stopped { return Outcome(results: results, interrupted: true) }
                if let toStep = options.toStep, result.steps.contains(toStep) { return Outcome(results: results, interrupted: false) }
            }
        }
        return Outcome(results: results, interrupted: false)
    }
}
