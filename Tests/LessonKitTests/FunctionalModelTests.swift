import Foundation
import Script
import XCTest
@testable import LessonKit

/// Keras's functional API through the lesson runner: `Lessons/functional-api.md` on the small
/// data, and summaries compared with what Keras 3 prints (fixtures made by
/// `scripts/functional-summaries.py` with TensorFlow's Keras).
final class FunctionalModelTests: XCTestCase {
    override func setUp() { SmallData.install() }

    func keras(_ name: String) throws -> String {
        try String(contentsOfFile: TestPaths.fixture("functional/" + name), encoding: .utf8)
    }

    func testTheFunctionalLessonTrainsBothModels() throws {
        let lesson = try LessonLoader.load(TestPaths.lessons.appendingPathComponent("functional-api.md").path)
        let results = try LessonReplay().results(lesson)
        XCTAssertEqual(results.count, 5)
        for (number, result) in results { XCTAssertNil(result.error, "cell \(number): \(result.error.map { "\($0)" } ?? "")") }
        XCTAssertEqual(results[1]?.stdout, "(600, 784) (200, 784)\n")
        XCTAssertEqual(results[2]?.stdout, try keras("two_branch.txt"))
        XCTAssertEqual(results[4]?.stdout, try keras("two_heads.txt"))
        // The synthetic digits are easy: a working two-branch network learns them.
        let line = try XCTUnwrap(results[3]?.stdout)
        let accuracy = try XCTUnwrap(Double(line.replacingOccurrences(of: "test accuracy: ", with: "").trimmingCharacters(in: .whitespacesAndNewlines)), line)
        XCTAssertGreaterThan(accuracy, 0.8, line)
        XCTAssertEqual(results[5]?.stdout, "['digit_head_accuracy', 'digit_head_loss', 'loss', 'odd_head_accuracy', 'odd_head_loss']\n")
    }

    /// A residual `add` (fan-out into a merge) and a chain with a fixed batch size.
    func testSummariesOfAResidualAddAndAChain() throws {
        let outcome = try runLesson(cell("""
            import keras
            from keras import layers
            x = keras.Input(shape=(784,))
            h = layers.Dense(64, activation="relu")(x)
            h2 = layers.Dense(64, activation="relu")(h)
            keras.Model(inputs=x, outputs=layers.Dense(10)(layers.add([h, h2]))).summary()
            x16 = keras.Input(shape=(784,), batch_size=16)
            first = layers.Dense(32)(x16)
            keras.Model(x16, layers.Dense(10)(first)).summary()
            """))
        XCTAssertNil(outcome.results.first?.error, "\(outcome.results.first?.error.map { "\($0)" } ?? "")")
        let names = ["residual_add.txt", "chain_batch16.txt"]
        let expected = try names.map { try keras($0) }.joined()
        XCTAssertEqual(outcome.results.first?.stdout, expected)
    }

    func testModelLayersWeightsAndFreezing() throws {
        let outcome = try runLesson(cell("""
            import numpy as np
            import keras
            from keras import layers
            a = keras.Input(shape=(4,), name="a")
            b = keras.Input(shape=(3,), name="b")
            shared = layers.Dense(2, name="shared")
            joined = layers.Concatenate(name="join")([layers.Dense(3)(a), layers.Dense(3)(b)])
            out = shared(joined)
            m = keras.Model([a, b], out)
            print([l.name for l in m.layers])
            print(m.get_layer("shared").name, len(m.get_weights()), m.count_params())
            m.get_layer("shared").trainable = False
            m.compile(optimizer="sgd", loss="mse")
            before = m.get_layer("shared").get_weights()[0]
            x1 = np.ones((8, 4)); x2 = np.ones((8, 3)); y = np.zeros((8, 2))
            m.fit([x1, x2], y, epochs=1, verbose=0)
            print((m.get_layer("shared").get_weights()[0] == before).all())
            w = m.get_weights()
            m.set_weights([v * 0 for v in w])
            print(float(np.abs(m.predict([x1, x2], verbose=0)).sum()))
            """))
        XCTAssertNil(outcome.results.first?.error, "\(outcome.results.first?.error.map { "\($0)" } ?? "")")
        XCTAssertEqual(outcome.results.first?.stdout, "['a', 'b', 'dense', 'dense_1', 'join', 'shared']\nshared 6 41\nTrue\n0.0\n")
    }

    /// A model called on a symbolic tensor is one layer of the outer model, and trains.
    func testModelCalledAsALayer() throws {
        let outcome = try runLesson(cell("""
            import numpy as np
            import keras
            from keras import layers
            inner_in = keras.Input(shape=(4,))
            encoder = keras.Model(inner_in, layers.Dense(3, activation="relu")(inner_in), name="encoder")
            x = keras.Input(shape=(4,))
            outer = keras.Model(x, layers.Dense(2, activation="softmax")(encoder(x)))
            print([l.name for l in outer.layers], outer.count_params())
            outer.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
            h = outer.fit(np.ones((6, 4)), np.array([0, 1, 0, 1, 0, 1]), epochs=2, verbose=0)
            print(sorted(h.history), len(outer.predict(np.ones((5, 4)), verbose=0)))
            """))
        XCTAssertNil(outcome.results.first?.error, "\(outcome.results.first?.error.map { "\($0)" } ?? "")")
        XCTAssertEqual(outcome.results.first?.stdout, "['input_layer_1', 'encoder', 'dense_1'] 23\n['accuracy', 'loss'] 5\n")
    }

    func testClearErrors() throws {
        let mismatch = try runLesson(cell("""
            import keras
            from keras import layers
            a = keras.Input(shape=(4,))
            b = keras.Input(shape=(3,))
            layers.add([a, b])
            """))
        XCTAssertEqual(mismatch.results.first?.error?.kind, "ValueError")
        let eager = try runLesson(cell("""
            import numpy as np
            from keras import layers
            print(layers.Dense(2)(np.ones((1, 3))).shape)
            layers.Dense(2)(np.ones(3))
            """))
        // A layer runs at once on an array (Keras's eager call), which must be a batch.
        XCTAssertEqual(eager.results.first?.stdout, "(1, 2)\n")
        XCTAssertEqual(eager.results.first?.error?.kind, "ValueError")
        let losses = try runLesson(cell("""
            import keras
            from keras import layers
            x = keras.Input(shape=(4,))
            m = keras.Model(x, [layers.Dense(2)(x), layers.Dense(1)(x)])
            m.compile(optimizer="adam", loss=["mse"])
            """))
        XCTAssertEqual(losses.results.first?.error?.kind, "ValueError")
        // A batch whose activations pass the run's limit is refused before it is allocated.
        let huge = try runLesson(cell("""
            import numpy as np
            import keras
            from keras import layers
            x = keras.Input(shape=(4,))
            m = keras.Model(x, layers.Dense(2)(layers.Dense(512)(x)))
            m.compile(optimizer="adam", loss="mse")
            m.fit(np.ones((1000, 4)), np.ones((1000, 2)), batch_size=1000, verbose=0)
            """), limits: RunLimits(maxAllocationBytes: 1 << 20))
        XCTAssertEqual(huge.results.first?.error?.kind, "MemoryError")
    }
}
