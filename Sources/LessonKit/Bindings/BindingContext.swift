import CNN
import Foundation
import Script

/// LessonKit's part of one lesson run, made with it and passed to every binding: the
/// run's `RunContext` (limits, cancellation, file policy), the seed, the running cell
/// (the step recorder), Keras's name scope and counters, and the checkpoint restorers.
/// Nothing here is shared between runs, so lessons checked in parallel never meet.
final class BindingContext {
    let seed: Int
    let lessonFolder: URL
    let run: RunContext
    let files: LessonFilePolicy
    /// Where `--out` writes, if anywhere: lesson code writes into its `lesson-files/`.
    var outputFolder: URL? {
        get { files.outputFolder }
        set { files.outputFolder = newValue }
    }
    var cell: CellOutput?
    var output: CellOutputSink?
    weak var interpreter: Interpreter?
    var objectCount = 0
    var modelCount = 0
    /// Keras's layer and model names count up per session (`conv2d`, `conv2d_1`).
    let scope = NameScope()
    /// How each kind of host object comes back from a checkpoint.
    let restorers = CheckpointRestorers()
    /// Open GradientTapes and the model calls running lesson code (Keras bindings).
    let eager = TFEagerState()
    /// Python shows a warning once per place it is raised from.
    private var warned: Set<String> = []

    init(seed: Int, lessonFolder: URL, limits: RunLimits = RunLimits(), cancellation: CancellationFlag = CancellationFlag()) {
        self.seed = seed
        self.lessonFolder = lessonFolder
        files = LessonFilePolicy(lessonFolder: lessonFolder)
        run = RunContext(limits: limits, cancellation: cancellation, files: files)
        files.run = run
        run.recordStep = { [weak self] name in if let step = Step(rawValue: name) { self?.performed(step) } }
    }

    /// Charges `steps` training steps to the run's budget before they are taken.
    func chargeTraining(steps: Int) throws { try run.chargeTraining(steps: steps) }

    func warnOnce(_ text: String) {
        guard warned.insert(text).inserted else { return }
        output?.write(text, to: .stderr)
    }

    /// Each model of a session gets its own seed, derived from the lesson's.
    func nextModelSeed() -> UInt64 {
        modelCount += 1
        return UInt64(truncatingIfNeeded: seed) &+ UInt64(modelCount - 1) &* 0x9E37_79B9
    }

    /// Ctrl-C, SIGTERM or the time limit: training stops between steps.
    var isInterrupted: Bool { run.isCancelled }

    /// The step recorder: the running cell hears which teaching step a call performed.
    func performed(_ step: Step) { cell?.performed(step) }

    /// A repeatable fake address for reprs (`<... at 0x7f3a…>`): Python shows one; a
    /// document compares it as noise.
    func address() -> String {
        objectCount += 1
        return "0x" + String(0x7f3a_1c00_0000 + objectCount * 0x1f0, radix: 16)
    }
}
