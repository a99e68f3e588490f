import CNN
import Foundation
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
    let overrides: Overrides
    /// What each `--set` changed, to report once before the run.
    public var overrideNotes: [String] { overrides.notes }

    public init(lesson: Lesson, seed: Int, overrides: [String], limits: ExecutionLimits = ExecutionLimits()) throws {
        self.overrides = try Overrides(lesson: lesson, assignments: overrides)
        context = BindingContext(seed: seed, lessonFolder: URL(fileURLWithPath: lesson.path).deletingLastPathComponent())
        interpreter = Interpreter(importer: registry, output: sink, limits: limits)
        context.output = sink
        context.interpreter = interpreter
        Interruption.shared.cancels(interpreter.cancellation)
        pyplot.emit = { [unowned sink] figure in sink.cell?.add(figure) }
        registry.register("numpy") { NumPyModule.make() }
        registry.register("matplotlib") { ModuleValue(name: "matplotlib") }
        registry.register("matplotlib.pyplot") { [unowned self] in self.pyplot.makeModule() }
        KerasBindings.register(in: registry, context: context)
    }

    public func run(_ cell: CodeCell, in lesson: Lesson, output: CellOutput) throws {
        sink.cell = output
        context.cell = output
        defer { sink.cell = nil; context.cell = nil }
        let origin = SourceOrigin(file: lesson.path, lineOffset: cell.codeStart.line - 1, columnOffset: cell.codeStart.column - 1)
        do {
            let program = try Parser.parse(source: overrides.apply(to: cell), origin: origin)
            let shown = try StepLog.withCell(output) { try interpreter.run(program) }
            if let text = interpreter.displayText(shown) { output.write(text + "\n", to: .stdout) }
            pyplot.show() // Jupyter's inline backend shows open figures at the end of a cell
        } catch let error as ScriptError {
            pyplot.figure = nil
            throw Self.cellError(error, path: lesson.path)
        }
    }

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

/// What the bindings share for one lesson run: the seed, the running cell, the folder
/// whose files `save_weights`/`load_weights` may touch, Keras's name counters.
final class BindingContext {
    let seed: Int
    let lessonFolder: URL
    /// Where `--out` writes, if anywhere: `save_weights` may write there too.
    var outputFolder: URL?
    var cell: CellOutput?
    var output: CellOutputSink?
    weak var interpreter: Interpreter?
    var objectCount = 0
    var modelCount = 0
    /// Training steps (batches) all `fit` calls of a run may take: a stranger's lesson must
    /// not train forever (`epochs=10**9`). The seed lesson takes 8,440.
    var trainingStepBudget = 2_000_000
    var trainingStepsUsed = 0
    /// Keras's layer and model names count up per session (`conv2d`, `conv2d_1`).
    let scope = NameScope()
    /// Python shows a warning once per place it is raised from.
    private var warned: Set<String> = []

    init(seed: Int, lessonFolder: URL) {
        self.seed = seed
        self.lessonFolder = lessonFolder
    }

    /// Charges `steps` training steps to the run's budget before they are taken.
    func chargeTraining(steps: Int) throws {
        let (total, overflow) = trainingStepsUsed.addingReportingOverflow(max(0, steps))
        guard !overflow, total <= trainingStepBudget else {
            throw ScriptError(.stepLimitExceeded, "this fit would take \(steps) training steps; a lesson run is limited to \(trainingStepBudget) (\(trainingStepsUsed) used so far)")
        }
        trainingStepsUsed = total
    }

    /// The real path of `url`: symlinks resolved in the part that exists (a file about to be
    /// written does not exist yet, but a linked folder on its way must still count).
    static func resolvingSymlinks(_ url: URL) -> String {
        var existing = url, rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
        var real = existing.resolvingSymlinksInPath()
        for part in rest { real.appendPathComponent(part) }
        return real.standardizedFileURL.path
    }

    func warnOnce(_ text: String) {
        guard warned.insert(text).inserted else { return }
        output?.write(text, to: .stderr)
    }

    /// Each model of a session gets its own seed, derived from the lesson's.
    func nextModelSeed() -> UInt64 {
        modelCount += 1
        return UInt64(truncatingIfNeeded: seed) &+ UInt64(modelCount - 1) &* 0x9E37_79B9
    }

    /// Ctrl-C, SIGTERM or the interpreter's cancellation: training stops between steps.
    var isInterrupted: Bool { Interruption.shared.isRequested || (interpreter?.cancellation.isCancelled ?? false) }

    /// A path a lesson gave to `save_weights`/`load_weights`, resolved against the lesson's
    /// folder. Paths leading outside it (or outside the output folder) are refused: a
    /// stranger's lesson must not read or write the rest of the disk.
    func lessonFile(_ path: String, writing: Bool) throws -> String {
        let url = URL(fileURLWithPath: path, relativeTo: lessonFolder).standardizedFileURL
        let resolved = Self.resolvingSymlinks(url)
        let allowed = [lessonFolder, outputFolder].compactMap { $0.map { Self.resolvingSymlinks($0.standardizedFileURL) } }
        guard allowed.contains(where: { resolved.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) else {
            throw ScriptError(.permissionError, "lessons may only \(writing ? "write" : "read") files inside the lesson's folder\(outputFolder == nil ? "" : " or the output folder"): '\(path)' is outside")
        }
        if !writing, !FileManager.default.fileExists(atPath: resolved) {
            throw ScriptError(.fileNotFoundError, "No such file or directory: '\(path)'")
        }
        return resolved
    }

    func performed(_ step: Step) { cell?.performed(step) }

    /// A repeatable fake address for reprs (`<... at 0x7f3a…>`): Python shows one; a
    /// document compares it as noise.
    func address() -> String {
        objectCount += 1
        return "0x" + String(0x7f3a_1c00_0000 + objectCount * 0x1f0, radix: 16)
    }
}
