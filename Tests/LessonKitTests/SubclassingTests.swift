import Foundation
import Script
import XCTest
@testable import LessonKit

/// Subclassed models, custom layers, GradientTape, tf.data and metric objects through the
/// lesson runner. The lessons' accuracies are compared with TensorFlow's on the same data
/// (fixtures made by `scripts/tf-lesson-accuracy.py`).
final class SubclassingTests: XCTestCase {
    func output(_ code: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let outcome = try runLesson(cell(code))
        let result = try XCTUnwrap(outcome.results.first, file: file, line: line)
        XCTAssertNil(result.error, "\(result.error.map { "\($0)" } ?? "")", file: file, line: line)
        return result.stdout
    }

    func testLessonsReachTensorFlowsAccuracy() throws {
        for name in ["gradient-tape", "subclassed-model", "custom-layer", "train-step", "sequence-lstm"] {
            let lesson = try LessonLoader.load(TestPaths.lessons.appendingPathComponent(name + ".md").path)
            let results = try LessonReplay().results(lesson)
            for (number, result) in results { XCTAssertNil(result.error, "\(name) cell \(number): \(result.error.map { "\($0)" } ?? "")") }
            let printed = results.values.map(\.stdout).joined()
            let ours = try XCTUnwrap(printed.components(separatedBy: "test accuracy: ").last.flatMap { Double($0.prefix(5)) }, "\(name): \(printed)")
            let text = try String(contentsOfFile: TestPaths.fixture("tf-accuracy/\(name).txt"), encoding: .utf8)
            let tensorflow = try XCTUnwrap(Double(text.trimmingCharacters(in: .whitespacesAndNewlines)))
            XCTAssertEqual(ours, tensorflow, accuracy: 0.01 + 1e-9, name)
        }
    }

    func testTapeGradientsPersistenceAndErrors() throws {
        let out = try output("""
            import tensorflow as tf
            x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
            w = tf.Variable([[0.5], [-1.0]])
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(tf.square(tf.matmul(x, w)))
            print(loss)
            print(tape.gradient(loss, [w])[0].numpy().tolist())
            try:
                tape.gradient(loss, w)
            except RuntimeError as e:
                print(e)
            a = tf.constant(3.0)
            with tf.GradientTape(persistent=True) as t:
                t.watch(a)
                b = a * a + 2.0 * a
                c = -b / 2.0
            print(float(t.gradient(b, a)), float(t.gradient(c, a)), t.gradient(b, [[a], a])[0][0].numpy())
            u = tf.constant(1.0)
            print(t.gradient(b, u))
            """)
        XCTAssertEqual(out, """
            tf.Tensor(4.25, shape=(), dtype=float32)
            [[-9.0], [-13.0]]
            A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)
            8.0 -4.0 8.0
            None

            """)
    }

    /// A custom layer in lesson code: the tape's gradient of its weights against central
    /// differences computed in lesson code with `assign`.
    func testCustomLayerGradientMatchesFiniteDifferences() throws {
        let out = try output("""
            import numpy as np
            import tensorflow as tf
            from tensorflow import keras
            class Tanh(keras.layers.Layer):
                def build(self, input_shape):
                    self.w = self.add_weight(shape=(input_shape[-1], 3), initializer="random_uniform", name="kernel")
                    self.b = self.add_weight(shape=(3,), initializer="ones", name="bias")
                def call(self, inputs):
                    return tf.tanh(tf.matmul(inputs, self.w) * 4.0 + self.b)
            np.random.seed(2)
            x = np.random.normal(size=(4, 5)).astype("float32")
            r = np.random.normal(size=(4, 3)).astype("float32")
            layer = Tanh()
            def loss():
                return tf.reduce_sum(layer(x) * r)
            with tf.GradientTape() as tape:
                value = loss()
            grads = tape.gradient(value, [layer.w, layer.b])
            worst = 0.0
            for var, grad in zip([layer.w, layer.b], grads):
                base = var.numpy()
                flat = base.reshape(-1)
                for i in range(flat.size):
                    up = flat.copy(); up[i] += 0.01
                    var.assign(up.reshape(base.shape)); a = float(loss())
                    down = flat.copy(); down[i] -= 0.01
                    var.assign(down.reshape(base.shape)); b = float(loss())
                    var.assign(base)
                    worst = max(worst, abs((a - b) / 0.02 - float(grad.numpy().reshape(-1)[i])))
            print(len(layer.trainable_weights), worst < 0.02)
            """)
        XCTAssertEqual(out, "2 True\n")
    }

    func testDatasetShuffleBatchTakeMapAndLen() throws {
        let out = try output("""
            import numpy as np
            import tensorflow as tf
            x = np.arange(10, dtype="float32")
            y = np.arange(10) * 10
            ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(4)
            print(len(ds), [b[1].numpy().tolist() for b in ds])
            print(len(tf.data.Dataset.from_tensor_slices(x).batch(4, drop_remainder=True)))
            s = tf.data.Dataset.from_tensor_slices(x).shuffle(10, seed=3)
            first = [float(v) for v in s]
            second = [float(v) for v in s]
            again = [float(v) for v in tf.data.Dataset.from_tensor_slices(x).shuffle(10, seed=3)]
            print(sorted(first) == list(range(10)), first != list(range(10)), first == again, first != second)
            m = tf.data.Dataset.from_tensor_slices((x, y)).map(lambda a, b: (a * 2, b)).take(3).prefetch(tf.data.AUTOTUNE)
            print(len(m), [float(a) for a, b in m])
            """)
        XCTAssertEqual(out, "3 [[0, 10, 20, 30], [40, 50, 60, 70], [80, 90]]\n2\nTrue True True True\n3 [0.0, 2.0, 4.0]\n")
    }

    func testMetricObjects() throws {
        let out = try output("""
            import numpy as np
            from tensorflow import keras
            m = keras.metrics.Mean(name="loss")
            m.update_state([1.0, 2.0])
            print(m.name, float(m(6.0)))
            m.reset_state()
            print(float(m.result()))
            acc = keras.metrics.SparseCategoricalAccuracy()
            acc.update_state(np.array([0, 1, 2]), np.array([[0.9, 0.1, 0.0], [0.2, 0.7, 0.1], [0.5, 0.4, 0.1]]))
            print(acc.name, f"{acc.result():.4f}")
            cat = keras.metrics.CategoricalAccuracy()
            print(float(cat(np.array([[0, 1], [1, 0]]), np.array([[0.3, 0.7], [0.4, 0.6]]))))
            """)
        XCTAssertEqual(out, "loss 3.0\n0.0\nsparse_categorical_accuracy 0.6667\n0.5\n")
    }

    /// `fit`/`evaluate` of a Sequential model on a Dataset train on its batches.
    func testSequentialFitAndEvaluateTakeADataset() throws {
        let out = try output("""
            import numpy as np
            import tensorflow as tf
            from tensorflow import keras
            np.random.seed(1)
            x = np.random.normal(size=(64, 4)).astype("float32")
            y = (x[:, 0] > 0).astype("int64")
            ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(16)
            m = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2, activation="softmax")])
            m.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
            h = m.fit(ds, epochs=2, verbose=0)
            print(len(h.history["loss"]), len(m.evaluate(ds, verbose=0)))
            try:
                m.fit(ds, y)
            except ValueError as e:
                print(e)
            """)
        XCTAssertEqual(out, "2 2\n`y` argument is not supported when using dataset as input.\n")
    }

    /// Two small operands that broadcast to a huge result are refused before it is allocated.
    func testAHugeBroadcastIsAMemoryError() throws {
        let outcome = try runLesson(cell("""
            import numpy as np
            import tensorflow as tf
            a = tf.Variable(np.zeros((200000, 1), dtype="float32"))
            b = tf.constant(np.zeros((1, 200000), dtype="float32"))
            with tf.GradientTape() as tape:
                c = a + b
            """))
        XCTAssertEqual(outcome.results.first?.error?.kind, "MemoryError", "\(outcome.results.first?.error.map { "\($0)" } ?? "")")
        let matmul = try runLesson(cell("""
            import numpy as np
            import tensorflow as tf
            a = tf.Variable(np.zeros((200000, 1), dtype="float32"))
            with tf.GradientTape() as tape:
                c = tf.matmul(a, tf.constant(np.zeros((1, 200000), dtype="float32")))
            """))
        XCTAssertEqual(matmul.results.first?.error?.kind, "MemoryError", "\(matmul.results.first?.error.map { "\($0)" } ?? "")")
    }

    /// A subclassed model: `training` reaches `call` only when it declares it, `fit` takes a
    /// Dataset, `evaluate` gives [loss, accuracy], `predict` an array; a symbolic input is refused.
    func testSubclassedModelCallsFitOnADatasetAndBecomesAGraphNodeOnSymbolicInputs() throws {
        let out = try output("""
            import numpy as np
            import tensorflow as tf
            from tensorflow import keras
            class M(keras.Model):
                def __init__(self):
                    super().__init__(name="m")
                    self.d = keras.layers.Dense(2)
                    self.seen = []
                def call(self, x, training=None):
                    self.seen.append(training)
                    return self.d(x)
            class Plain(keras.Model):
                def __init__(self):
                    super().__init__()
                    self.d = keras.layers.Dense(2)
                def call(self, x):
                    return self.d(x)
            np.random.seed(0)
            x = np.random.normal(size=(40, 3)).astype("float32")
            y = (x[:, 0] > 0).astype("int64")
            m = M()
            m(x[:2])
            m(x[:2], training=True)
            print(m.seen, Plain()(x[:2]).shape, Plain().name)
            m.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
            h = m.fit(tf.data.Dataset.from_tensor_slices((x, y)).batch(8), epochs=2, verbose=0)
            print(sorted(h.history), len(m.evaluate(x, y, verbose=0)), m.predict(x, verbose=0).shape)
            """)
        XCTAssertEqual(out, "[False, True] (2, 2) plain_1\n['accuracy', 'loss'] 2 (40, 2)\n")
        // On a KerasTensor the model is a node of a functional graph (LessonLayerGraphTests).
        let symbolic = try output("""
            from tensorflow import keras
            class P(keras.Model):
                def call(self, x):
                    return x
            print(P()(keras.Input(shape=(3,))).shape)
            """)
        XCTAssertEqual(symbolic, "(None, 3)\n")
    }
}
