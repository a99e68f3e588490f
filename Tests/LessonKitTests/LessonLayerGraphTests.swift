import Foundation
import XCTest
@testable import LessonKit

/// Lesson-code layers called on KerasTensors (KerasLessonLayerNode.swift). Keras agreement
/// (summary, weights, fit logs, predictions, freezing) is the tf-differential fixture
/// lesson-layers.py, run by TFTensorTests; here, gradients against finite differences and
/// the limits.
final class LessonLayerGraphTests: XCTestCase {
    func output(_ code: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let outcome = try runLesson(cell(code))
        let result = try XCTUnwrap(outcome.results.first, file: file, line: line)
        XCTAssertNil(result.error, "\(result.error.map { "\($0)" } ?? "")", file: file, line: line)
        return result.stdout
    }

    /// The tape's gradient of every weight (the lesson layer's own among them) through a graph
    /// where the lesson layer's output fans out to a Dense and an Add, against central
    /// differences of the loss (float32: step 1e-2, relative error below 2e-3).
    func testGradientsThroughALessonLayerMatchFiniteDifferences() throws {
        let out = try output("""
            import numpy as np
            import tensorflow as tf
            import keras
            from keras import layers, ops

            class Scale(layers.Layer):
                def build(self, input_shape):
                    self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="w")

                def call(self, inputs):
                    return ops.tanh(inputs * self.w) + ops.square(inputs) * 0.1

            inputs = keras.Input(shape=(3,))
            s = Scale()(layers.Dense(4)(inputs))
            a = layers.Dense(4)(s)
            model = keras.Model(inputs, layers.Dense(2)(layers.add([s, a])))
            model.set_weights([(np.sin(np.arange(np.prod(w.shape)) * 1.3 + k) * 0.6).astype("float32").reshape(w.shape)
                               for k, w in enumerate(model.get_weights())])
            x = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], dtype="float32")

            def loss_value():
                return float(np.sum(np.square(model.predict(x, verbose=0)).astype("float64")))

            with tf.GradientTape() as tape:
                loss = ops.sum(ops.square(model(x, training=True)))
            grads = tape.gradient(loss, model.trainable_weights)
            print([w.path for w in model.trainable_weights])
            eps, worst, smallest = 1e-2, 0.0, None
            for var, g in zip(model.trainable_weights, grads):
                base = var.numpy().copy()
                g = g.numpy().ravel()
                for i in range(base.size):
                    p = base.copy().ravel()
                    p[i] += eps
                    var.assign(p.reshape(base.shape))
                    up = loss_value()
                    p[i] -= 2 * eps
                    var.assign(p.reshape(base.shape))
                    down = loss_value()
                    var.assign(base)
                    fd = (up - down) / (2 * eps)
                    worst = max(worst, abs(fd - g[i]) / max(1.0, abs(fd)))
                if var.path == "scale/w":
                    smallest = float(np.abs(g).min())
            print("worst", worst)
            print("scale", smallest)
            """)
        XCTAssertTrue(out.hasPrefix("['dense/kernel', 'dense/bias', 'scale/w', 'dense_1/kernel'"), out)
        let worst = try XCTUnwrap(out.components(separatedBy: "worst ").last.flatMap { Double($0.prefix { !$0.isNewline }) }, out)
        XCTAssertLessThan(worst, 2e-3, out)
        // The lesson layer's own weight receives a gradient in every entry.
        let smallest = try XCTUnwrap(out.components(separatedBy: "scale ").last.flatMap { Double($0.prefix { !$0.isNewline }) }, out)
        XCTAssertGreaterThan(smallest, 1e-4, out)
    }

    /// `self.add_loss` inside `call` joins the loss `evaluate` reports (as in fit, see the
    /// fixture), and a call that drops the batch axis is refused with the reason.
    func testAddedLossCountsAndBatchlessCallIsRefused() throws {
        let out = try output("""
            import numpy as np
            import keras
            from keras import layers, ops

            class Penalty(layers.Layer):
                def call(self, inputs):
                    self.add_loss(ops.sum(inputs) * 0.0 + 2.5)
                    return inputs

            inputs = keras.Input(shape=(2,))
            plain = keras.Model(inputs, layers.Dense(1)(inputs))
            inputs2 = keras.Input(shape=(2,))
            penalised = keras.Model(inputs2, layers.Dense(1)(Penalty()(inputs2)))
            x, y = np.ones((4, 2), dtype="float32"), np.ones((4, 1), dtype="float32")
            for m in (plain, penalised):
                m.set_weights([np.zeros((2, 1), dtype="float32"), np.zeros(1, dtype="float32")])
                m.compile(optimizer="sgd", loss="mse")
            print(round(penalised.evaluate(x, y, verbose=0) - plain.evaluate(x, y, verbose=0), 5))
            """)
        XCTAssertTrue(out.hasPrefix("2.5\n"), out)
        let refused = try XCTUnwrap(try runLesson(cell("""
            import keras
            from keras import layers, ops
            class Total(layers.Layer):
                def call(self, inputs):
                    return ops.sum(inputs)
            Total()(keras.Input(shape=(2,)))
            """)).results.first)
        XCTAssertEqual(refused.error?.kind, "NotSupported")
        XCTAssertTrue("\(refused.error.map { "\($0)" } ?? "")".contains("Total.call must keep the batch axis first"), "\(String(describing: refused.error))")
    }
}
