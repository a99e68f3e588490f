import Script
import XCTest
@testable import LessonKit

/// One run context per lesson run: its limits hold before anything is allocated, and runs
/// never share state (issue 14, part 1).
final class RunContextTests: XCTestCase {
    /// The error of the first cell, with its line in the lesson.
    func firstError(_ code: String, limits: RunLimits = RunLimits()) throws -> CellError {
        let outcome = try runLesson(cell(code), limits: limits)
        return try XCTUnwrap(outcome.results.first?.error, "the cell ran: \(outcome.results.first?.stdout ?? "")")
    }

    func testSizesAreCheckedWithoutOverflow() {
        XCTAssertNil(RunContext.product([1 << 40, 1 << 40]))
        XCTAssertNil(RunContext.product([3, -1]))
        XCTAssertEqual(RunContext.product([2, 3, 4]), 24)
        XCTAssertNil(RunContext.bytes(elements: Int.max / 2, bytesPerElement: 4))
        XCTAssertNil(RunContext.sum(Int.max, 1))
        let run = RunContext(limits: RunLimits(maxAllocationBytes: 1 << 20))
        XCTAssertNoThrow(try run.charge(elements: 1000, bytesPerElement: 4))
        XCTAssertThrowsError(try run.charge(elements: Int.max, bytesPerElement: 8)) { error in
            XCTAssertEqual((error as? ScriptError)?.kind, .memoryError)
        }
        // The resident check: a value the process cannot hold next to what it holds now.
        let small = RunContext(limits: RunLimits(maxResidentBytes: ResidentMemory.bytes() + (32 << 20)))
        XCTAssertNoThrow(try small.chargeResident(8 << 20))
        XCTAssertThrowsError(try small.chargeResident(64 << 20))
    }

    func testTrainingStepsAreChargedOnce() throws {
        let run = RunContext(limits: RunLimits(maxTrainingSteps: 10))
        try run.chargeTraining(steps: 6)
        XCTAssertThrowsError(try run.chargeTraining(steps: 5))
        XCTAssertThrowsError(try run.chargeTraining(steps: Int.max))
        XCTAssertEqual(run.trainingStepsUsed, 6)
        try run.chargeTraining(steps: 4)
    }

    /// `Conv2D(8, (2**40, 2**40))` overflowed in `reserveWeights` and trapped.
    func testAKernelWhoseSizeOverflowsIsAMemoryError() throws {
        let error = try firstError("""
            from keras import Sequential, layers
            m = Sequential([layers.Input(shape=(28, 28, 1))])
            m.add(layers.Conv2D(8, (2**40, 2**40)))
            """)
        XCTAssertEqual(error.kind, "MemoryError", error.message)
        XCTAssertEqual(error.location?.position?.line, 4) // the fence is line 1
        // Declared with its input shape: refused before the CNN layer exists.
        let declared = try firstError("from keras import layers\nlayers.Conv2D(8, (2**40, 2**40), input_shape=(28, 28, 1))")
        XCTAssertEqual(declared.kind, "MemoryError", declared.message)
    }

    /// `keras.Input((2**40, 2**40, 1))` overflowed in `LayerSpec.positive` and trapped.
    func testAnInputShapeWhoseSizeOverflowsIsAValueError() throws {
        let error = try firstError("""
            import keras
            from keras import layers
            m = keras.Sequential([keras.Input((2**40, 2**40, 1)), layers.Flatten(), layers.Dense(10)])
            """)
        XCTAssertEqual(error.kind, "ValueError", error.message)
        XCTAssertTrue(error.message.contains("too large"), error.message)
        XCTAssertEqual(error.location?.position?.line, 4) // the fence is line 1
    }

    /// `Conv2D(10**6, 3)` then `predict` on 32 images asked the CNN library for 86 GB of
    /// activations, outside every budget ("failed to allocate 86528000000 bytes").
    func testActivationsAreChargedBeforeTheyAreAllocated() throws {
        let before = ResidentMemory.bytes()
        let error = try firstError("""
            import numpy as np
            from keras import Sequential, layers
            m = Sequential([layers.Input(shape=(28, 28, 1)), layers.Conv2D(10**6, 3)])
            m.predict(np.zeros((32, 28, 28, 1)), verbose=0)
            """)
        XCTAssertEqual(error.kind, "MemoryError", error.message)
        XCTAssertTrue(error.message.contains("activations"), error.message)
        XCTAssertEqual(error.location?.position?.line, 5)
        XCTAssertLessThan(ResidentMemory.bytes() - before, 2 << 30, "the activations were allocated")
        // Training keeps more per sample: a model that predicts may still be refused for fit.
        let fit = try firstError("""
            import numpy as np
            from keras import Sequential, layers
            m = Sequential([layers.Input(shape=(64, 64, 1)), layers.Conv2D(2000, 3), layers.Flatten(), layers.Dense(2)])
            m.compile(loss='sparse_categorical_crossentropy')
            m.fit(np.zeros((64, 64, 64, 1)), np.zeros(64), batch_size=64, verbose=0)
            """, limits: RunLimits(maxAllocationBytes: 1 << 30))
        XCTAssertEqual(fit.kind, "MemoryError", fit.message)
        XCTAssertTrue(fit.message.contains("fit: the activations"), fit.message)
    }

    /// A model without an input shape makes its weights when it first sees data: they are
    /// charged then, before the CNN library makes them.
    func testWeightsMadeAtTheFirstPredictAreCharged() throws {
        let error = try firstError("""
            import numpy as np
            from keras import Sequential, layers
            m = Sequential([layers.Flatten(), layers.Dense(10**7)])
            m.predict(np.zeros((2, 40, 40)), verbose=0)
            """)
        XCTAssertEqual(error.kind, "MemoryError", error.message)
        XCTAssertTrue(error.message.contains("16010000000 weights"), error.message)
    }

    func testATimeLimitStopsTheRunWithATimeoutError() throws {
        let start = Date()
        let error = try firstError("for i in range(10**15):\n    pass", limits: RunLimits(maxSteps: Int.max, maxSeconds: 0.3))
        XCTAssertEqual(error.kind, "TimeoutError", error.message)
        XCTAssertTrue(error.message.contains("time limit of 0.3 s"), error.message)
        XCTAssertNotNil(error.location)
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
    }

    /// Cancelling one run (its Ctrl-C) leaves another in the same process running.
    func testRunsInOneProcessDoNotShareCancellation() throws {
        let lesson = try LessonParser.parse(text: cell("x = 0\nfor i in range(1000):\n    x += i\nprint(x)"), path: "t.md")
        let stopped = try LessonExecutor(lesson: lesson, seed: 1, overrides: [])
        let running = try LessonExecutor(lesson: lesson, seed: 1, overrides: [])
        stopped.cancellation?.cancel()
        let a = Session(lesson: lesson, executor: stopped).run()
        let b = Session(lesson: lesson, executor: running).run()
        XCTAssertTrue(a.interrupted || a.results.first?.error?.kind == "KeyboardInterrupt")
        XCTAssertEqual(b.results.first?.stdout, "499500\n")
        XCTAssertFalse(b.interrupted)
    }

    /// A signal cancels the run it was installed for, and `reset` lets a step session go on.
    func testAnInterruptionCancelsItsRun() {
        let flag = CancellationFlag()
        let interruption = Interruption(cancelling: flag)
        interruption.request(SIGINT)
        XCTAssertTrue(flag.isCancelled)
        XCTAssertEqual(interruption.exitStatus, 130)
        interruption.reset()
        XCTAssertFalse(flag.isCancelled)
        XCTAssertFalse(interruption.isRequested)
    }

    /// A run restored from a checkpoint (`--from`) goes on with the training budget it had.
    func testTheTrainingBudgetComesBackWithACheckpoint() throws {
        let folder = try TestPaths.temporaryFolder()
        let lesson = try LessonParser.parse(text: cell("""
            import numpy as np
            from keras import Sequential, layers
            m = Sequential([layers.Input(shape=(3,)), layers.Dense(2)])
            m.compile(loss='sparse_categorical_crossentropy')
            m.fit(np.zeros((8, 3)), np.zeros(8), batch_size=2, epochs=3, verbose=0)
            """) + cell("x = 1"), path: folder.appendingPathComponent("l.md").path)
        let checkpoints = try SessionCheckpoints(store: CheckpointStore(folder: folder.appendingPathComponent("cache")),
                                                 lesson: lesson, seed: 1, overrides: []) { _ in }
        let executor = try LessonExecutor(lesson: lesson, seed: 1, overrides: [])
        try executor.run(lesson.codeCells[0], in: lesson, output: CellOutput(echo: nil))
        XCTAssertEqual(executor.context.run.trainingStepsUsed, 12)
        XCTAssertNotEqual(checkpoints.save(after: 1, executor: executor), .skipped(""))
        let (restored, cell) = try checkpoints.restoreLatest(before: 2) { try LessonExecutor(lesson: lesson, seed: 1, overrides: []) }
        XCTAssertEqual(cell, 1)
        XCTAssertEqual(restored.context.run.trainingStepsUsed, 12)
    }

    func testTheEnvironmentSetsTheMemoryAndTimeLimits() throws {
        let limits = try RunLimits.lessonRun(environment: ["LESSON_MEMORY_LIMIT_MB": "512", "LESSON_TIME_LIMIT_S": "0"])
        XCTAssertEqual(limits.maxResidentBytes, 512 << 20)
        XCTAssertNil(limits.maxSeconds)
        XCTAssertEqual(try RunLimits.lessonRun(environment: [:]).maxSeconds, RunLimits.defaultSeconds)
        XCTAssertThrowsError(try RunLimits.lessonRun(environment: ["LESSON_MEMORY_LIMIT_MB": "lots"])) { error in
            XCTAssertTrue("\(error)".contains("LESSON_MEMORY_LIMIT_MB"), "\(error)")
        }
    }
}
