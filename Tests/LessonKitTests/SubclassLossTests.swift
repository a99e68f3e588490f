import Foundation
import XCTest
@testable import LessonKit

/// `add_loss`, regularizers and loss objects on the tape, nested tapes, reshuffled datasets
/// and `fit` options of subclassed models. What real Keras prints is checked by the
/// tf-differential fixtures (added-losses.py, subclassed-fit.py, run by TFTensorTests).
final class SubclassLossTests: XCTestCase {
    func output(_ code: String, file: StaticString = #filePath, line: UInt = #line) throws -> (String, String?) {
        let outcome = try runLesson(cell(code))
        let result = try XCTUnwrap(outcome.results.first, file: file, line: line)
        return (result.stdout, result.error.map { "\($0)" })
    }

    /// The tape's gradient of a loss made of `add_loss` values and weight penalties against
    /// central differences computed in lesson code with `assign`.
    func testAddedLossesAndRegularizersGradientMatchesFiniteDifferences() throws {
        let (out, error) = try output("""
            import numpy as np
            import tensorflow as tf
            import keras
            from keras import ops
            class Block(keras.layers.Layer):
                def build(self, input_shape):
                    self.w = self.add_weight(shape=(input_shape[-1], 3), initializer="random_uniform", regularizer=keras.regularizers.L1L2(l1=0.01, l2=2.0), name="kernel")
                def call(self, inputs):
                    y = ops.tanh(ops.matmul(inputs, self.w) * 4.0)
                    self.add_loss(0.3 * ops.mean(ops.abs(y - 3.0)))  # away from the kink of abs
                    self.add_loss(keras.losses.MeanSquaredError()(np.ones((4, 3), dtype="float32"), y))
                    return y
            class Net(keras.Model):
                def __init__(self):
                    super().__init__()
                    self.block = Block()
                def call(self, x):
                    return self.block(x)
            np.random.seed(3)
            x = np.random.normal(size=(4, 5)).astype("float32")
            r = np.random.normal(size=(4, 3)).astype("float32")
            net = Net()
            bce = keras.losses.BinaryCrossentropy(from_logits=True, reduction="sum")
            def loss():
                y = net(x)
                return tf.reduce_sum(y * r) + bce((r > 0).astype("float32"), y) + sum(net.losses)
            with tf.GradientTape() as tape:
                value = loss()
            print(len(net.losses))
            w = net.trainable_weights[0]
            g = tape.gradient(value, w).numpy()
            base = w.numpy().astype("float64")
            worst = 0.0
            for i in range(5):
                for j in range(3):
                    h = 3e-3
                    up = base.copy(); up[i, j] += h
                    w.assign(up.astype("float32")); a = float(loss())
                    down = base.copy(); down[i, j] -= h
                    w.assign(down.astype("float32")); b = float(loss())
                    worst = max(worst, abs((a - b) / (2 * h) - g[i, j]))
            w.assign(base.astype("float32"))
            print(worst < 1.5e-2, round(worst, 4))
            """)
        XCTAssertNil(error)
        XCTAssertTrue(out.hasPrefix("3\nTrue "), out)
    }

    func testAddLossRefusesANumberAsKerasDoes() throws {
        let (_, error) = try output("""
            import numpy as np
            import keras
            class A(keras.layers.Layer):
                def call(self, x):
                    self.add_loss(0.5)
                    return x
            A()(np.zeros((1, 1), dtype="float32"))
            """)
        XCTAssertTrue(error?.contains("`add_loss()` can only be called from inside `build()` or `call()`, on a tensor input. Received invalid value: 0.5") ?? false, error ?? "no error")
    }

    /// A gradient of a gradient is refused with a located error, not answered with None.
    func testNestedTapesAreRefusedClearly() throws {
        let (out, error) = try output("""
            import tensorflow as tf
            x = tf.Variable(1.0)
            with tf.GradientTape() as outer:
                with tf.GradientTape() as inner:
                    y = x * x * x
                dy_dx = inner.gradient(y, x)
            print(float(dy_dx))
            d2y_dx2 = outer.gradient(dy_dx, x)
            """)
        XCTAssertEqual(out, "3.0\n")
        XCTAssertTrue(error?.contains("higher-order gradients") ?? false, error ?? "no error")
        XCTAssertTrue(error?.contains("t.md:9:") ?? false, "located at the outer gradient call: \(error ?? "no error")")
    }

    /// `for batch in dataset` and each epoch of `fit` see a new order of a shuffled dataset,
    /// the same one again with `reshuffle_each_iteration=False`.
    func testShuffledDatasetsReshuffleEachPass() throws {
        let (out, error) = try output("""
            import numpy as np
            import tensorflow as tf
            ds = tf.data.Dataset.from_tensor_slices(np.arange(12)).shuffle(12, seed=4)
            a = [int(v) for v in ds]; b = [int(v) for v in ds]
            print(sorted(a) == list(range(12)), sorted(b) == list(range(12)), a != b)
            fixed = tf.data.Dataset.from_tensor_slices(np.arange(12)).shuffle(12, seed=4, reshuffle_each_iteration=False)
            print([int(v) for v in fixed] == [int(v) for v in fixed])
            """)
        XCTAssertNil(error)
        XCTAssertEqual(out, "True True True\nTrue\n")
    }

    func testSubclassedFitRefusesWhatIsNotACallback() throws {
        let (_, error) = try output("""
            import numpy as np
            import keras
            class M(keras.Model):
                def __init__(self):
                    super().__init__()
                    self.d = keras.layers.Dense(1)
                def call(self, x):
                    return self.d(x)
            m = M()
            m.compile(optimizer="sgd", loss="mse")
            m.fit(np.zeros((4, 2), dtype="float32"), np.zeros((4, 1), dtype="float32"), verbose=0, callbacks=[print])
            """)
        XCTAssertTrue(error?.contains("fit(callbacks=...) supports EarlyStopping") ?? false, error ?? "no error")
    }
}
