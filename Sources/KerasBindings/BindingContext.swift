import CNN
import Foundation
import Script

/// The Keras bindings' part of one run, made by whoever registers them and passed to every
/// binding: the run's `RunContext` (limits, cancellation, file policy), the seed, the running
/// cell's output, Keras's name scope and counters. It knows nothing of lessons: the host
/// (LessonKit) sets `cell` and `output` and hears the steps through `run.recordStep`.
/// Nothing here is shared between runs, so runs checked in parallel never meet.
public final class BindingContext {
    public let seed: Int
    public let run: RunContext
    /// Where the running cell's progress bars, callback messages and training records go.
    public var cell: KerasCellOutput?
    /// The interpreter's output (`model.summary()` prints through it).
    public var output: ScriptOutput?
    public var objectCount = 0
    public var modelCount = 0
    /// Keras's layer and model names count up per session (`conv2d`, `conv2d_1`).
    public let scope = NameScope()
    /// Open GradientTapes and the model calls running lesson code.
    let eager = TFEagerState()
    /// `tf.random.set_seed` and the seeds of unseeded ops (TFRandomSeed.swift).
    let tfSeeds: TFSeedState
    /// Calls lesson functions from Keras (`Dataset.map`, an overridden `train_step`).
    public weak var interpreter: Interpreter?
    /// Python shows a warning once per place it is raised from.
    private var warned: Set<String> = []

    public init(seed: Int, run: RunContext) {
        self.seed = seed
        self.run = run
        tfSeeds = TFSeedState(lessonSeed: seed)
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

    /// The step recorder: the host hears which teaching step a call performed.
    func performed(_ step: KerasStep) { run.recordStep?(step.rawValue) }

    /// A repeatable fake address for reprs (`<... at 0x7f3a…>`): Python shows one; a
    /// document compares it as noise.
    func address() -> String {
        objectCount += 1
        return "0x" + String(0x7f3a_1c00_0000 + objectCount * 0x1f0, radix: 16)
    }
}

/// The teaching steps Keras calls perform, by the names the host's step recorder knows.
public enum KerasStep: String {
    case load, normalize, reshape, build, compile, fit, evaluate, predict, show
}
