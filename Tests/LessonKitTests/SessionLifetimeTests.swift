import Foundation
import Script
import XCTest
@testable import LessonKit

/// A lesson's session is freed when its run ends: the bindings (NumPy, matplotlib, Keras, the
/// run context) must not hold the executor or its interpreter strongly, or `check --jobs` and
/// every `serve` re-run would keep each finished run's arrays and models alive.
final class SessionLifetimeTests: XCTestCase {
    func testAnExecutorAndItsInterpreterAreFreedAfterTheRun() throws {
        let text = """
        ```python
        import numpy as np
        import matplotlib.pyplot as plt
        from tensorflow import keras
        from functools import lru_cache
        x = np.zeros((8, 4), dtype="float32")
        y = np.arange(8) % 2
        model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        history = model.fit(x, y, epochs=1, verbose=0)
        plt.plot([1, 2, 3])
        class Seen(keras.callbacks.Callback):
            def on_epoch_end(self, epoch, logs=None):
                self.last = epoch
        model.fit(x, y, epochs=1, verbose=0, callbacks=[Seen()])
        ```
        """
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lifetime-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let lesson = try LessonParser.parse(text: text, path: folder.appendingPathComponent("lifetime.md").path)
        weak var executorSeen: LessonExecutor?
        weak var interpreterSeen: Interpreter?
        func session() throws {
            let executor = try LessonExecutor(lesson: lesson, seed: 42, overrides: [])
            executorSeen = executor
            interpreterSeen = executor.interpreter
            for cell in lesson.codeCells { try executor.run(cell, in: lesson, output: CellOutput(echo: nil)) }
        }
        try session()
        XCTAssertNil(executorSeen, "the executor outlived its run")
        XCTAssertNil(interpreterSeen, "the interpreter outlived its run")
    }
}
