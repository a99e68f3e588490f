import Foundation
import XCTest
@testable import LessonKit

/// What the corpus tutorials (autoencoder.md, sequential_model.md, writing_your_own_callbacks.md,
/// beginner.ipynb) needed beyond the basics, each on small synthetic data.
final class CorpusGapTests: XCTestCase {
    override func setUp() { SmallData.install() }

    func run(_ code: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let outcome = try runLesson(cell(code))
        let result = try XCTUnwrap(outcome.results.first, file: file, line: line)
        XCTAssertNil(result.error, "\(result.error.map { "\($0)" } ?? "")", file: file, line: line)
        return result.stdout
    }

    /// The autoencoder's decoder: Conv2DTranspose and UpSampling2D shapes, parameters as Keras
    /// counts them, binary_crossentropy falling over two epochs with validation_data.
    func testConvolutionalAutoencoderTrains() throws {
        let out = try run("""
            import numpy as np
            import keras
            from keras import layers
            from keras.datasets import mnist
            (x, _), _ = mnist.load_data()
            x = (x[:96] / 255.0).astype("float32").reshape(-1, 28, 28, 1)
            inp = layers.Input(shape=(28, 28, 1))
            h = layers.Conv2D(4, (3, 3), activation="relu", padding="same")(inp)
            h = layers.MaxPooling2D((2, 2), padding="same")(h)
            t = layers.Conv2DTranspose(4, (3, 3), strides=2, activation="relu", padding="same")(h)
            u = layers.UpSampling2D()(h)
            print(t.shape, u.shape, layers.Conv2DTranspose(2, 3, strides=2)(h).shape)
            out = layers.Conv2D(1, (3, 3), activation="sigmoid", padding="same")(t)
            ae = keras.Model(inp, out)
            ae.compile(optimizer="adam", loss="binary_crossentropy")
            print([l.count_params() for l in ae.layers[1:]])
            hist = ae.fit(x[:64], x[:64], epochs=3, batch_size=16, verbose=0, validation_data=(x[64:], x[64:]))
            print(sorted(hist.history), hist.history["loss"][-1] < hist.history["loss"][0])
            print(ae.predict(x[:2], verbose=0).shape)
            """)
        XCTAssertEqual(out, """
            (None, 28, 28, 4) (None, 28, 28, 4) (None, 29, 29, 2)
            [40, 0, 148, 37]
            ['loss', 'val_loss'] True
            (2, 28, 28, 1)

            """)
    }

    /// The summary rows of the new layers as Keras 3 prints them (fixture recorded with
    /// TensorFlow's Keras by scripts/functional-summaries.py).
    func testSummaryOfTheNewLayersMatchesKeras() throws {
        let out = try run("""
            import keras
            from keras import layers
            inp = layers.Input(shape=(28, 28, 1))
            h = layers.Conv2D(32, (3, 3), activation="relu", padding="same")(inp)
            h = layers.MaxPooling2D((2, 2), padding="same")(h)
            h = layers.Conv2DTranspose(32, (3, 3), strides=2, activation="relu", padding="same")(h)
            h = layers.UpSampling2D()(h)
            h = layers.GlobalMaxPooling2D()(h)
            h = layers.Dense(10)(h)
            keras.Model(inp, layers.Softmax()(h)).summary()
            """)
        XCTAssertEqual(out, try String(contentsOfFile: TestPaths.fixture("functional/decoder_layers.txt"), encoding: .utf8))
    }

    /// A lesson's callback on a functional model: train hooks in Keras's order, epoch logs
    /// with the validation figures, an error in a hook raised from fit.
    func testCallbacksOnAFunctionalModel() throws {
        let out = try run("""
            import numpy as np
            import keras
            from keras import layers
            x = np.random.rand(24, 4).astype("float32")
            y = (x.sum(axis=1) > 2).astype("int64")
            inp = keras.Input(shape=(4,))
            m = keras.Model(inp, layers.Dense(2, activation="softmax")(inp))
            m.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
            class Log(keras.callbacks.Callback):
                def on_train_begin(self, logs=None):
                    print("begin", self.model.name)
                def on_train_batch_end(self, batch, logs=None):
                    print("batch", batch, sorted(logs))
                def on_epoch_end(self, epoch, logs=None):
                    print("epoch", epoch, sorted(logs))
                def on_train_end(self, logs=None):
                    print("end", sorted(logs))
            h = m.fit(x[:16], y[:16], epochs=1, batch_size=8, verbose=0, validation_data=(x[16:], y[16:]), callbacks=[Log()])
            class Boom(keras.callbacks.Callback):
                def on_epoch_end(self, epoch, logs=None):
                    raise ValueError("boom")
            try:
                m.fit(x, y, epochs=3, verbose=0, callbacks=[Boom()])
            except ValueError as e:
                print("raised", e)
            """)
        XCTAssertEqual(out, """
            begin functional
            batch 0 ['accuracy', 'loss']
            batch 1 ['accuracy', 'loss']
            epoch 0 ['accuracy', 'loss', 'val_accuracy', 'val_loss']
            end ['accuracy', 'loss', 'val_accuracy', 'val_loss']
            raised boom

            """)
    }

    /// writing_your_own_callbacks.md's model: Dense(1) on numbers with mean_squared_error and
    /// mean_absolute_error, logs under Keras's names, evaluate's list in Keras's order.
    func testSequentialRegressionWithMeanSquaredError() throws {
        let out = try run("""
            import numpy as np
            import keras
            x = np.linspace(-1, 1, 64).reshape(-1, 1).astype("float32")
            y = 3 * x[:, 0] + 1
            m = keras.Sequential()
            m.add(keras.layers.Dense(1))
            m.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.1), loss="mean_squared_error", metrics=["mean_absolute_error"])
            h = m.fit(x, y, batch_size=16, epochs=30, verbose=0)
            print(sorted(h.history), h.history["loss"][-1] < 0.05 * h.history["loss"][0])
            loss, mae = m.evaluate(x, y, verbose=0)
            print(loss < 0.1, mae < 0.3, abs(float(np.mean((m.predict(x, verbose=0)[:, 0] - y) ** 2)) - loss) < 1e-4)
            w = m.get_weights()
            m.set_weights([np.zeros((1, 1)), np.ones((1,))])
            print(m.predict(x[:2], verbose=0)[:, 0], len(w))
            """)
        XCTAssertEqual(out, """
            ['loss', 'mean_absolute_error'] True
            True True True
            [1. 1.] 2

            """)
    }

    /// beginner.ipynb: a trained model wrapped with a Softmax layer; the rows sum to 1 and
    /// follow the wrapped model's logits.
    func testSequentialWrappingAModelWithSoftmax() throws {
        let out = try run("""
            import numpy as np
            import tensorflow as tf
            from keras.datasets import mnist
            (x, y), _ = mnist.load_data()
            x = x[:32] / 255.0
            model = tf.keras.models.Sequential([tf.keras.layers.Flatten(input_shape=(28, 28)), tf.keras.layers.Dense(10)])
            probability_model = tf.keras.Sequential([model, tf.keras.layers.Softmax()])
            p = np.array(probability_model(x[:5]))
            logits = model.predict(x[:5], verbose=0)
            print(p.shape, np.allclose(p.sum(axis=1), 1, atol=1e-5), (p.argmax(1) == logits.argmax(1)).all())
            print(np.allclose(p, np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True), atol=1e-5))
            """)
        XCTAssertEqual(out, "(5, 10) True True\nTrue\n")
    }

    /// sequential_model.md: keras.ops, layers called on tensors, weights appearing once built,
    /// pop, and a feature extractor from a Sequential's inputs and its layers' outputs.
    func testSequentialModelGuide() throws {
        let out = try run("""
            import numpy as np
            import keras
            from keras import layers, ops
            layer = layers.Dense(3)
            print(layer.weights)
            y = layer(ops.ones((1, 4)))
            print(y.shape, [w.path for w in layer.weights], layer.weights[0].shape)
            model = keras.Sequential([layers.Dense(2, activation="relu"), layers.Dense(3, activation="relu"), layers.Dense(4)])
            model(ops.ones((1, 4)))
            print(len(model.weights))
            model.pop()
            print(len(model.layers))
            base = keras.Sequential([keras.Input(shape=(8, 8, 1)), layers.Conv2D(2, 3, activation="relu"), layers.Conv2D(2, 3, name="mid")])
            fx = keras.Model(inputs=base.inputs, outputs=[l.output for l in base.layers])
            print([f.shape for f in fx(ops.ones((1, 8, 8, 1)))])
            mid = keras.Model(base.inputs, base.get_layer(name="mid").output)
            print(np.allclose(mid.predict(np.ones((1, 8, 8, 1)), verbose=0), base.predict(np.ones((1, 8, 8, 1)), verbose=0)))
            print(float(ops.mean(ops.ones((2, 2)))), ops.argmax(np.array([[1, 3, 2]]), axis=1).numpy())
            print(np.round(ops.sparse_categorical_crossentropy(np.array([0]), np.array([[0.5, 0.5]])).numpy(), 4))
            """)
        XCTAssertEqual(out, """
            []
            (1, 3) ['dense/kernel', 'dense/bias'] (4, 3)
            6
            2
            [(1, 6, 6, 2), (1, 4, 4, 2)]
            True
            1.0 [1]
            [0.6931]

            """)
    }
}

extension CorpusGapTests {
    /// chapter02's first cell registers a cell magic; `display` shows a value's repr.
    func testIPythonMagicAndDisplay() throws {
        let out = try run("""
            from IPython.core.magic import register_cell_magic
            from IPython.display import display
            @register_cell_magic
            def backend(line, cell):
                pass
            print(backend.__name__)
            display([1, 2], "a")
            """)
        XCTAssertEqual(out, "backend\n[1, 2]\n'a'\n")
    }

    /// Deep Learning with Python's chapter 2 builds its own dense layer on `keras.Variable`:
    /// names, shapes and printing as Keras 3.15 gives them (checked with the pip keras).
    func testKerasVariable() throws {
        let out = try run("""
            import keras
            from keras import ops
            w = keras.Variable(shape=(3, 2), initializer="uniform")
            b = keras.Variable(shape=(2,), initializer="zeros")
            print(w.shape, b.path, b.name, b.trainable)
            print(b.numpy())
            v = keras.Variable([[1.0, 2.0]], name="v")
            print(v)
            print(float(ops.max(ops.abs(w))) <= 0.05, ops.matmul(ops.ones((1, 3)), w).shape)
            """)
        XCTAssertEqual(out, """
            (3, 2) variable_1 variable_1 True
            [0. 0.]
            <Variable path=v, shape=(1, 2), dtype=float32, value=[[1. 2.]]>
            True (1, 2)

            """)
        let missing = try runLesson(cell("import keras\nkeras.Variable(initializer='zeros')"))
        XCTAssertEqual(missing.results.first?.error?.kind, "ValueError")
    }
}
