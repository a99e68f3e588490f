import CNN
import Foundation
import KerasBindings
import NumPy
import Pyplot
import Script

/// Runs a lesson's code cells in one interpreter, as a Jupyter kernel would, with the
/// Keras, NumPy and matplotlib bindings; maps the interpreter's errors to locations in the
/// lesson file.
public final class LessonExecutor: CellExecutor {
    public let interpreter: Interpreter
    let registry = ModuleRegistry()
    let sink = CellOutputSink()
    let pyplot = PyplotState()
    let context: BindingContext
    /// Where lesson code may read and write (the lesson's folder, `--out`'s `lesson-files/`).
    let files: LessonFilePolicy
    /// How each kind of host object comes back from a checkpoint.
    let restorers = CheckpointRestorers()
    /// Where `--out` writes, if anywhere: lesson code writes into its `lesson-files/`.
    var outputFolder: URL? {
        get { files.outputFolder }
        set { files.outputFolder = newValue }
    }
    let overrides: Overrides
    /// What each `--set` changed, to report once before the run.
    public var overrideNotes: [String] { overrides.notes }

    /// One run of `lesson`: its limits and the cancellation that Ctrl-C, SIGTERM and the
    /// time limit set (a `lesson step` session shares one across the executors it makes).
    public init(lesson: Lesson, seed: Int, overrides: [String], limits: RunLimits = RunLimits(),
                cancellation: CancellationFlag = CancellationFlag()) throws {
        self.overrides = try Overrides(lesson: lesson, assignments: overrides)
        files = LessonFilePolicy(lessonFolder: URL(fileURLWithPath: lesson.path).deletingLastPathComponent())
        let run = RunContext(limits: limits, cancellation: cancellation, files: files)
        files.run = run
        context = BindingContext(seed: seed, run: run)
        interpreter = Interpreter(importer: registry, output: sink, context: run)
        context.output = sink
        context.interpreter = interpreter
        // The step recorder: the running cell hears which teaching step a call performed.
        run.recordStep = { [unowned sink] name in if let step = Step(rawValue: name) { sink.cell?.performed(step) } }
        pyplot.emit = { [unowned sink] figure in sink.cell?.add(Figure(figure)) }
        registry.register("numpy") { [unowned context] in NumPyModule.make(context: context) }
        registry.register("matplotlib") { ModuleValue(name: "matplotlib") }
        registry.register("matplotlib.pyplot") { [unowned self] in self.pyplot.makeModule() }
        KerasBindings.register(in: registry, context: context)
        KerasCheckpoints.register(in: restorers)
        IPythonModules.register(in: registry, context: context) { [unowned sink] display in sink.cell?.add(display) }
    }

    public func run(_ cell: CodeCell, in lesson: Lesson, output: CellOutput) throws {
        sink.cell = output
        context.cell = KerasCell(output)
        defer { sink.cell = nil; context.cell = nil }
        let origin = SourceOrigin(file: lesson.path, lineOffset: cell.codeStart.line - 1, columnOffset: cell.codeStart.column - 1)
        do {
            let program = try Parser.parse(source: overrides.apply(to: cell), origin: origin)
            let shown = try interpreter.run(program)
            // A rich object as the cell's last value shows as its display (Jupyter's rich repr).
            if let rich = shown?.object(as: IPythonDisplayObject.self) {
                output.add(rich.display)
            } else if let text = interpreter.displayText(shown) {
                output.display(text)
            }
            pyplot.show() // Jupyter's inline backend shows open figures at the end of a cell
        } catch var error as ScriptError {
            pyplot.figure = nil
            // The interpreter stops a run past its time limit as it stops Ctrl-C: say which.
            if error.kind == .keyboardInterrupt, context.run.cancellation.reason == "time" {
                error = ScriptError(RunContext.timeoutError, context.run.timeLimitError().message, at: error.location)
            }
            throw Self.cellError(error, path: lesson.path)
        }
    }

    /// The run's cancellation: the session stops between cells when it is set.
    public var cancellation: CancellationFlag? { context.run.cancellation }

    /// The run's limits, as the interpreter and every binding apply them.
    public var limits: RunLimits { context.run.limits }

    static func cellError(_ error: ScriptError, path: String) -> CellError {
        guard let location = error.location else { return CellError(kind: error.kind.rawValue, message: error.message) }
        let where_ = LessonError(path: location.file, position: SourcePosition(line: location.line, column: location.column),
                                 message: error.summary, sourceLine: location.sourceLine.isEmpty ? nil : location.sourceLine)
        return CellError(kind: error.kind.rawValue, message: error.message, location: where_)
    }
}

/// The interpreter's output, routed to the cell that is running.
final class CellOutputSink: ScriptOutput {
    var cell: CellOutput?
    func write(_ text: String, to stream: OutputStreamKind) {
        cell?.write(text, to: stream == .stderr ? .stderr : .stdout)
    }
}
