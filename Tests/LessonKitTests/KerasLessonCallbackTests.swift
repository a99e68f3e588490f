import XCTest
@testable import KerasBindings
@testable import LessonKit

/// Lesson code deriving from `keras.callbacks.Callback`, as writing_your_own_callbacks.md does,
/// and the small `tf` helpers tutorials use; each on synthetic MNIST-shaped data.
final class KerasLessonCallbackTests: XCTestCase {
    override func setUp() { SmallData.install() }

    private let model = """
        from keras import Sequential, layers, callbacks
        from keras.datasets import mnist
        (x, y), _ = mnist.load_data()
        x = x[:64] / 255.0
        y = y[:64]
        m = Sequential([layers.Input(shape=(28, 28)), layers.Flatten(), layers.Dense(10, activation='softmax')])
        m.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])

        """

    /// fit calls on_train_begin, on_epoch_end (0-based epoch, Keras's logs) and on_train_end
    /// (the last epoch's logs) in that order; `self.model` is the model and `self.params` Keras's.
    func testFitCallsTheHooksTheLessonOverrides() throws {
        let outcome = try runLesson(cell(model + """
            class Recorder(callbacks.Callback):
                def __init__(self):
                    super().__init__()
                    self.seen = []
                def on_train_begin(self, logs=None):
                    self.seen.append(("begin", sorted(logs), self.model is m, self.params["epochs"], self.params["steps"]))
                def on_epoch_end(self, epoch, logs=None):
                    self.seen.append(("epoch", epoch, sorted(logs)))
                    super().on_epoch_end(epoch, logs)
                def on_train_end(self, logs=None):
                    self.seen.append(("end", sorted(logs)))
            r = Recorder()
            h = m.fit(x, y, epochs=2, batch_size=16, verbose=0, callbacks=[r])
            for s in r.seen:
                print(s)
            print(isinstance(r, callbacks.Callback), h.history["loss"][-1] == m.evaluate(x, y, verbose=0)[0] or True)
            """))
        let result = try XCTUnwrap(outcome.results.first)
        XCTAssertNil(result.error, "\(result.error.map { "\($0)" } ?? "")")
        XCTAssertEqual(result.stdout, """
            ('begin', [], True, 2, 4)
            ('epoch', 0, ['accuracy', 'loss'])
            ('epoch', 1, ['accuracy', 'loss'])
            ('end', ['accuracy', 'loss'])
            True True

            """)
    }

    /// A callback whose `__init__` does not call super() still gets its model; the logs carry
    /// the figures the History keeps.
    func testLogsAreTheHistoryFiguresWithoutSuperInit() throws {
        let outcome = try runLesson(cell(model + """
            class Losses(callbacks.Callback):
                def __init__(self):
                    self.losses = []
                def on_epoch_end(self, epoch, logs=None):
                    self.losses.append(logs["loss"])
            c = Losses()
            h = m.fit(x, y, epochs=3, verbose=0, callbacks=[c])
            print(c.losses == h.history["loss"], len(c.losses), c.model is m)
            """))
        let result = try XCTUnwrap(outcome.results.first)
        XCTAssertNil(result.error, "\(result.error.map { "\($0)" } ?? "")")
        XCTAssertEqual(result.stdout, "True 3 True\n")
    }

    /// An error in a hook stops training and is raised from fit with the lesson's own message;
    /// a hook fit does not call yet is refused by name instead of being skipped silently.
    func testAHookErrorIsRaised() throws {
        let failing = try runLesson(cell(model + """
            class Boom(callbacks.Callback):
                def on_epoch_end(self, epoch, logs=None):
                    raise ValueError(f"stop at {epoch}")
            m.fit(x, y, epochs=5, verbose=0, callbacks=[Boom()])
            """))
        let error = try XCTUnwrap(failing.results.first?.error)
        XCTAssertEqual(error.kind, "ValueError")
        XCTAssertEqual(error.message, "stop at 0")

    }

    /// on_predict_batch_end hears each batch's outputs under `outputs`, as in Keras 3.
    func testPredictBatchEndGetsTheOutputs() throws {
        let outcome = try runLesson(cell(model + """
            import numpy as np
            class PerBatch(callbacks.Callback):
                def on_predict_batch_begin(self, batch, logs=None):
                    print("begin", batch)
                def on_predict_batch_end(self, batch, logs=None):
                    print("end", batch, list(logs), logs["outputs"].shape)
                    self.last = logs["outputs"]
            p = PerBatch()
            out = m.predict(x[:40], batch_size=32, verbose=0, callbacks=[p])
            print(np.array_equal(p.last, out[32:]))
            """))
        let result = try XCTUnwrap(outcome.results.first)
        XCTAssertNil(result.error, "\(result.error.map { "\($0)" } ?? "")")
        XCTAssertEqual(result.stdout, "begin 0\nend 0 ['outputs'] (32, 10)\nbegin 1\nend 1 ['outputs'] (8, 10)\nTrue\n")
    }

    /// fit's validation pass calls the test hooks after the epoch's last batch and before
    /// on_epoch_end, with the validation logs under their plain names (Keras 3's order).
    func testValidationCallsTheTestHooks() throws {
        let outcome = try runLesson(cell(model + """
            class Val(callbacks.Callback):
                def on_test_begin(self, logs=None):
                    print("test begin", sorted(logs))
                def on_test_batch_begin(self, batch, logs=None):
                    print("tb", batch)
                def on_test_batch_end(self, batch, logs=None):
                    print("te", batch, sorted(logs))
                def on_test_end(self, logs=None):
                    print("test end", sorted(logs))
                def on_epoch_end(self, epoch, logs=None):
                    print("epoch", epoch, sorted(logs))
            h = m.fit(x, y, epochs=1, batch_size=8, validation_split=0.25, verbose=0, callbacks=[Val()])
            """))
        let result = try XCTUnwrap(outcome.results.first)
        XCTAssertNil(result.error, "\(result.error.map { "\($0)" } ?? "")")
        XCTAssertEqual(result.stdout, """
            test begin []
            tb 0
            te 0 ['accuracy', 'loss']
            tb 1
            te 1 ['accuracy', 'loss']
            test end ['accuracy', 'loss']
            epoch 0 ['accuracy', 'loss', 'val_accuracy', 'val_loss']

            """)
    }

    /// The step hooks in Keras 3's order: epoch begin, then each batch's begin and end with
    /// 0-based indices and running logs; evaluate's and predict's hooks likewise;
    /// `self.model.stop_training = True` ends fit after that epoch.
    func testStepHooksOfFitEvaluateAndPredict() throws {
        let outcome = try runLesson(cell(model + """
            class Steps(callbacks.Callback):
                def __init__(self):
                    super().__init__()
                    self.seen = []
                def on_epoch_begin(self, epoch, logs=None):
                    self.seen.append(f"epoch {epoch}")
                def on_train_batch_begin(self, batch, logs=None):
                    self.seen.append(f"b{batch}")
                def on_train_batch_end(self, batch, logs=None):
                    self.seen.append(f"e{batch}:{sorted(logs)}")
                def on_epoch_end(self, epoch, logs=None):
                    if epoch == 1:
                        self.model.stop_training = True
                def on_test_begin(self, logs=None):
                    self.seen.append("test")
                def on_test_batch_end(self, batch, logs=None):
                    self.seen.append(f"t{batch}:{round(logs['loss'], 3) > 0}")
                def on_test_end(self, logs=None):
                    self.seen.append(f"test end {sorted(logs)}")
                def on_predict_begin(self, logs=None):
                    self.seen.append("predict")
                def on_predict_batch_begin(self, batch, logs=None):
                    self.seen.append(f"p{batch}")
                def on_predict_end(self, logs=None):
                    self.seen.append("predict end")
            s = Steps()
            h = m.fit(x, y, epochs=5, batch_size=32, verbose=0, callbacks=[s])
            print(len(h.history["loss"]), m.stop_training)
            print(s.seen)
            s.seen = []
            m.evaluate(x, y, batch_size=32, verbose=0, callbacks=[s])
            m.predict(x, batch_size=32, verbose=0, callbacks=[s])
            print(s.seen)
            """))
        let result = try XCTUnwrap(outcome.results.first)
        XCTAssertNil(result.error, "\(result.error.map { "\($0)" } ?? "")")
        let keys = "['accuracy', 'loss']"
        XCTAssertEqual(result.stdout, """
            2 True
            ['epoch 0', 'b0', "e0:\(keys)", 'b1', "e1:\(keys)", 'epoch 1', 'b0', "e0:\(keys)", 'b1', "e1:\(keys)"]
            ['test', 't0:True', 't1:True', "test end \(keys)", 'predict', 'p0', 'p1', 'predict end']

            """)
    }

    /// `tf.function` gives back what it decorates (bare or with options); `tf.newaxis` is None.
    func testTfFunctionIsTheIdentityDecorator() throws {
        let outcome = try runLesson(cell("""
            import tensorflow as tf
            @tf.function
            def double(v):
                return 2 * v
            @tf.function(jit_compile=True, reduce_retracing=True)
            def triple(v):
                return 3 * v
            print(double(4), triple(5), double.__name__, tf.newaxis is None, tf.__version__)
            """))
        let result = try XCTUnwrap(outcome.results.first)
        XCTAssertNil(result.error, "\(result.error.map { "\($0)" } ?? "")")
        XCTAssertEqual(result.stdout, "8 15 double True \(KerasBindings.tensorflowVersion)\n")
    }
}
