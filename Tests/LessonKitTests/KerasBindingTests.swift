import CNN
import Foundation
import Script
import XCTest
@testable import KerasBindings
@testable import LessonKit

/// Small learnable data in MNIST's format, made once for the whole test process and found
/// through `$LESSON_DATA` as a user's copy would be.
enum SmallData {
    static let folder: String = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-small-data-\(getpid())")
        try? SyntheticDigits.write(to: url.path, train: 640, test: 200)
        setenv("LESSON_DATA", url.path, 1)
        return url.path
    }()
    static func install() { _ = folder }
}

final class KerasBindingTests: XCTestCase {
    override func setUp() { SmallData.install() }

    /// The seed lesson, cell by cell, on the small data: every line has Keras 3's shape.
    func testTheSeedLessonRunsWithKerasOutputs() throws {
        let lesson = try LessonLoader.load(TestPaths.lessons.appendingPathComponent("cnn-mnist.md").path)
        let results = try LessonReplay().results(lesson)
        XCTAssertEqual(results.count, 5)
        for (number, result) in results { XCTAssertNil(result.error, "cell \(number): \(result.error.map { "\($0)" } ?? "")") }
        XCTAssertEqual(results[1]?.stdout, "(640, 28, 28)\n(640,)\n")
        XCTAssertEqual(results[1]?.steps, [.load])
        XCTAssertEqual(results[2]?.steps, [.normalize, .reshape])
        XCTAssertEqual(results[2]?.stdout, "")
        XCTAssertEqual(results[3]?.stderr, KerasWarnings.inputShape(layerClass: "Conv2D"))
        XCTAssertEqual(results[3]?.steps, [.build])

        let fit = (results[4]?.stdout ?? "").split(separator: "\n").map(String.init)
        XCTAssertEqual(fit.count, 11, fit.joined(separator: "\n"))
        let number = #"\d\.\d{4}(e[+-]\d\d)?"#
        let bar = #"^18/18 ━{20} \d+s \d+(ms|s|us)/step - accuracy: N - loss: N - val_accuracy: N - val_loss: N$"#.replacingOccurrences(of: "N", with: number)
        for epoch in 1...5 {
            XCTAssertEqual(fit[2 * epoch - 2], "Epoch \(epoch)/5")
            XCTAssertNotNil(fit[2 * epoch - 1].range(of: bar, options: .regularExpression), fit[2 * epoch - 1])
        }
        XCTAssertNotNil(fit[10].range(of: #"^<keras\.src\.callbacks\.history\.History at 0x[0-9a-f]+>$"#, options: .regularExpression), fit[10])
        let training = try XCTUnwrap(results[4]?.trainings.first)
        XCTAssertEqual(training.epochs, 5)
        XCTAssertEqual(training.metrics.map(\.name), ["accuracy", "loss", "val_accuracy", "val_loss"])
        // The blocks are easy to tell apart: a working network learns them.
        XCTAssertGreaterThan(training.values("val_accuracy")?.last ?? 0, 0.8)
        XCTAssertLessThan(training.values("loss")?.last ?? 9, training.values("loss")?.first ?? 0)

        let evaluate = (results[5]?.stdout ?? "").split(separator: "\n").map(String.init)
        XCTAssertEqual(evaluate.count, 2)
        XCTAssertNotNil(evaluate[0].range(of: #"^7/7 ━{20} \d+s \d+(ms|s|us)/step - accuracy: N - loss: N$"#.replacingOccurrences(of: "N", with: number), options: .regularExpression), evaluate[0])
        let accuracy = try XCTUnwrap(Double(evaluate[1].replacingOccurrences(of: "Test Accuracy: ", with: "")))
        XCTAssertGreaterThan(accuracy, 0.8)
        // A float32 widened to a Python float, as Keras returns it.
        XCTAssertEqual(accuracy, Double(Float(accuracy)))
        XCTAssertTrue(evaluate[0].contains("accuracy: " + String(format: "%.4f", accuracy)), evaluate[0])
    }

    func testSameSeedSameNumbersOtherSeedOthers() throws {
        let text = cell("""
            from tensorflow.keras.datasets import mnist
            from tensorflow.keras import layers, Sequential
            (x, y), (xt, yt) = mnist.load_data()
            model = Sequential([layers.Input(shape=(28, 28, 1)), layers.Flatten(), layers.Dense(10, activation='softmax')])
            model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
            h = model.fit(x[:128] / 255.0, y[:128], epochs=2, verbose=0)
            print(h.history['loss'])
            """)
        let first = try runLesson(text, seed: 3).results.first?.stdout
        let again = try runLesson(text, seed: 3).results.first?.stdout
        let other = try runLesson(text, seed: 4).results.first?.stdout
        XCTAssertNotNil(first)
        XCTAssertEqual(first, again)
        XCTAssertNotEqual(first, other)
        XCTAssertTrue(first?.hasPrefix("[") ?? false, first ?? "")
    }

    func testVerboseLevelsPredictSummaryAndNames() throws {
        let outcome = try runLesson(cell("""
            import numpy as np
            import keras
            from keras.datasets import mnist
            (x, y), (xt, yt) = mnist.load_data()
            x = x[:64].reshape(-1, 28, 28, 1) / 255.0
            model = keras.Sequential([keras.Input(shape=(28, 28, 1)), keras.layers.Conv2D(4, 3, activation='relu'),
                                      keras.layers.MaxPooling2D(), keras.layers.Flatten(), keras.layers.Dense(10, activation='softmax')])
            model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss=keras.losses.SparseCategoricalCrossentropy(), metrics=['accuracy'])
            model.fit(x, y[:64], epochs=2, batch_size=16, verbose=2)
            result = model.evaluate(x, y[:64], verbose=0, return_dict=True)
            print(sorted(result.keys()))
            p = model.predict(x[:5], verbose=0)
            print(p.shape, p.dtype)
            print(np.argmax(p, axis=1).shape)
            print(model.layers[0].name, model.layers[1].name, model.count_params())
            second = keras.Sequential([keras.layers.Dense(3, input_shape=(4,))])
            print(second.name, second.layers[0].name)
            second.summary()
            """))
        let result = try XCTUnwrap(outcome.results.first)
        XCTAssertNil(result.error, "\(result.error.map { "\($0)" } ?? "")")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines[0], "Epoch 1/2")
        XCTAssertNotNil(lines[1].range(of: #"^4/4 - \d+s - \d+(ms|s|us)/step - accuracy: \d\.\d{4} - loss: \d\.\d{4}$"#, options: .regularExpression), lines[1])
        XCTAssertEqual(lines[2], "Epoch 2/2")
        XCTAssertEqual(lines[4], "['accuracy', 'loss']")
        XCTAssertEqual(lines[5], "(5, 10) float32")
        XCTAssertEqual(lines[6], "(5,)")
        let parameters = 4 * 9 + 4 + 13 * 13 * 4 * 10 + 10
        XCTAssertEqual(lines[7], "conv2d max_pooling2d \(parameters)")
        XCTAssertEqual(lines[8], "sequential_1 dense_1")
        XCTAssertEqual(lines[9], "Model: \"sequential_1\"")
        XCTAssertTrue(result.stdout.contains(" Total params: 15 (60.00 B)"), result.stdout)
        XCTAssertEqual(result.stderr, KerasWarnings.inputShape(layerClass: "Dense"))
        XCTAssertEqual(result.steps.first, .load)
        XCTAssertTrue(result.steps.contains(.fit) && result.steps.contains(.evaluate) && result.steps.contains(.predict))
    }

    func testErrorsAreKerasLikeAndLocated() throws {
        let cases: [(String, String, String)] = [
            ("from keras import Sequential, layers\nm = Sequential([layers.Dense(2, input_shape=(3,))])\nm.fit([[1, 2, 3]], [1])",
             "RuntimeError", "compile()"),
            ("from keras import layers\nlayers.Bidirectional(3)", "NotSupported", "keras.layers.Bidirectional is not supported"),
            ("from keras import layers\nlayers.LSTM(3, dropout=0.2)", "NotSupported", "LSTM(dropout=0.2)"),
            ("from keras import layers\nlayers.Conv2D(0, 3)", "ValueError", "filters"),
            ("from keras import Sequential, layers\nm = Sequential([layers.Dense(2, input_shape=(3,))])\nm.save_weights('../escape.weights.h5')",
             "PermissionError", "outside"),
            ("from keras import Sequential, layers\nm = Sequential([layers.Dense(2, input_shape=(3,))])\nm.load_weights('missing.weights.h5')",
             "FileNotFoundError", "missing.weights.h5"),
            ("from keras import Sequential, layers\nm = Sequential([layers.Dense(2, input_shape=(3,), activation='softmax')])\nm.compile(loss='sparse_categorical_crossentropy')\nm.fit([[1, 2, 3]], [1], callbacks=[1])",
             "NotSupported", "callbacks"),
            ("from keras import Sequential, layers\nm = Sequential([layers.Dense(2, input_shape=(3,))])\nm.compile(loss='sparse_categorical_crossentropy')\nm.fit([[1, 2, 3]], [1, 0])",
             "ValueError", "samples"),
        ]
        for (code, kind, words) in cases {
            let outcome = try runLesson("# T\n\n" + cell(code), path: "/tmp/lesson-t/t.md")
            let error = try XCTUnwrap(outcome.results.first?.error, code)
            XCTAssertEqual(error.kind, kind, code)
            XCTAssertTrue(error.message.contains(words), "\(code): \(error.message)")
            XCTAssertEqual(error.location?.position?.line, 3 + code.split(separator: "\n").count, code)
        }
    }

    /// Keras's TerminateOnNaN: training stops at the step where the loss blew up.
    func testANonFiniteLossStopsTrainingWithEpochAndStep() throws {
        let outcome = try runLesson(cell("""
            from keras import Sequential, layers, optimizers
            from keras.datasets import mnist
            (x, y), _ = mnist.load_data()
            m = Sequential([layers.Input(shape=(28, 28)), layers.Flatten(), layers.Dense(10, activation='softmax')])
            m.compile(optimizer=optimizers.SGD(learning_rate=1e30), loss='sparse_categorical_crossentropy')
            m.fit(x[:256] * 1e30, y[:256], epochs=5, verbose=0)
            """))
        let error = try XCTUnwrap(outcome.results.first?.error)
        XCTAssertEqual(error.kind, "RuntimeError")
        XCTAssertNotNil(error.message.range(of: #"at epoch 1, step \d+: training stopped \(TerminateOnNaN\)"#, options: .regularExpression), error.message)
    }

    /// Keras 3's EarlyStopping: `val_loss` cannot fall forever on a tiny set with a huge
    /// learning rate; with patience 1 training stops early, says so, and puts back the best
    /// epoch's weights, whose validation loss is the smallest in the History.
    func testEarlyStoppingStopsSaysSoAndRestoresTheBestWeights() throws {
        let outcome = try runLesson(cell("""
            from keras import Sequential, layers, optimizers, callbacks
            from keras.datasets import mnist
            (x, y), _ = mnist.load_data()
            x = x[:256] / 255.0
            m = Sequential([layers.Input(shape=(28, 28)), layers.Flatten(), layers.Dense(10, activation='softmax')])
            m.compile(optimizer=optimizers.SGD(learning_rate=3.0), loss='sparse_categorical_crossentropy', metrics=['accuracy'])
            stop = callbacks.EarlyStopping(monitor='val_loss', patience=1, restore_best_weights=True, verbose=1)
            h = m.fit(x, y[:256], epochs=40, validation_split=0.25, callbacks=[stop], verbose=0)
            losses = h.history['val_loss']
            print(len(losses) < 40, stop.stopped_epoch == len(losses) - 1)
            print(round(m.evaluate(x[192:], y[192:256], verbose=0)[0], 4) == round(min(losses), 4))
            """))
        let result = try XCTUnwrap(outcome.results.first)
        XCTAssertNil(result.error, "\(result.error.map { "\($0)" } ?? "")")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4, result.stdout)
        XCTAssertNotNil(lines[0].range(of: #"^Epoch \d+: early stopping$"#, options: .regularExpression), lines[0])
        XCTAssertNotNil(lines[1].range(of: #"^Restoring model weights from the end of the best epoch: \d+\.$"#, options: .regularExpression), lines[1])
        XCTAssertEqual(lines[2], "True True")
        XCTAssertEqual(lines[3], "True")
    }

    /// Keras 3's ReduceLROnPlateau: the rate is in every epoch's line and in the History, and
    /// it falls by `factor` (not below `min_lr`) exactly when the rules say, checked against a
    /// replay of those rules over the History's own `val_loss`.
    func testReduceLROnPlateauFollowsKerasRules() throws {
        let outcome = try runLesson(cell("""
            from keras import Sequential, layers, optimizers, callbacks
            from keras.datasets import mnist
            (x, y), _ = mnist.load_data()
            x = x[:256] / 255.0
            m = Sequential([layers.Input(shape=(28, 28)), layers.Flatten(), layers.Dense(10, activation='softmax')])
            m.compile(optimizer=optimizers.SGD(learning_rate=3.0), loss='sparse_categorical_crossentropy', metrics=['accuracy'])
            reduce = callbacks.ReduceLROnPlateau(monitor='val_loss', factor=0.5, patience=1, cooldown=1, min_lr=0.2, verbose=1)
            h = m.fit(x, y[:256], epochs=12, validation_split=0.25, callbacks=[reduce], verbose=2)
            print(h.history['val_loss'])
            print(h.history['learning_rate'])
            print(m.optimizer.learning_rate)
            """))
        let result = try XCTUnwrap(outcome.results.first)
        XCTAssertNil(result.error, "\(result.error.map { "\($0)" } ?? "")")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        func floats(_ line: String) -> [Double] {
            line.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        }
        let valLoss = floats(lines[lines.count - 3]), rates = floats(lines[lines.count - 2])
        XCTAssertEqual(valLoss.count, 12)
        // Keras's rules, replayed: what the rate should be in each epoch, and when it is said.
        var rate = 3.0, best = Double.infinity, wait = 0, cooldown = 0
        var expected: [Double] = [], said: [String] = []
        for (epoch, loss) in valLoss.enumerated() {
            expected.append(rate)
            if cooldown > 0 { cooldown -= 1; wait = 0 }
            if loss < best - 1e-4 { best = loss; wait = 0 } else if cooldown <= 0 {
                wait += 1
                if wait >= 1 && rate > 0.2 {
                    rate = max(rate * 0.5, 0.2); cooldown = 1; wait = 0
                    said.append("Epoch \(epoch + 1): ReduceLROnPlateau reducing learning rate to \(PythonFormat.floatRepr(rate)).")
                }
            }
        }
        XCTAssertEqual(rates, expected)
        XCTAssertFalse(said.isEmpty, "the test should see the rate fall: \(valLoss)")
        XCTAssertEqual(lines.filter { $0.contains("ReduceLROnPlateau") }, said)
        let epochLines = lines.filter { $0.hasPrefix("6/6 - ") }
        XCTAssertEqual(epochLines.count, 12)
        for (line, rate) in zip(epochLines, expected) {
            XCTAssertTrue(line.hasSuffix(" - learning_rate: \(KerasProgressFormat.value(rate))"), line)
        }
        XCTAssertEqual(Double(lines[lines.count - 1]) ?? 0, rate, accuracy: 1e-6)

        let factor = try runLesson(cell("from keras import callbacks\ncallbacks.ReduceLROnPlateau(factor=2)"))
        XCTAssertEqual(factor.results.first?.error?.kind, "ValueError")
    }

    /// `model.optimizer` is the compiled optimizer: its rate can be read and set between fits.
    func testTheModelsOptimizerRateCanBeReadAndSet() throws {
        let outcome = try runLesson(cell("""
            from keras import Sequential, layers
            m = Sequential([layers.Input(shape=(3,)), layers.Dense(2, activation='softmax')])
            print(m.optimizer)
            m.compile(optimizer='adam', loss='sparse_categorical_crossentropy')
            print(m.optimizer.learning_rate == 0.0010000000474974513)
            m.optimizer.learning_rate = 0.25
            print(m.optimizer.learning_rate)
            m.optimizer.learning_rate = 'fast'
            """))
        let result = try XCTUnwrap(outcome.results.first)
        XCTAssertEqual(result.stdout, "None\nTrue\n0.25\n")
        XCTAssertEqual(result.error?.kind, "ValueError")
        XCTAssertEqual(result.error?.location?.position?.line, 9)
    }

    /// A bound method keeps its model alive, as in Python: `Sequential([...]).fit` of a model
    /// nobody else holds, and a callback's `set_model` of a temporary callback.
    func testBoundMethodsOfTemporaryObjectsKeepThemAlive() throws {
        let outcome = try runLesson(cell("""
            import numpy as np
            import keras
            x = np.zeros((8, 4), dtype="float32"); y = np.zeros((8,))
            compile = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)]).compile
            compile(optimizer="sgd", loss="mse")
            m = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
            m.compile(optimizer="sgd", loss="mse")
            fit, summary = m.fit, m.summary
            m = None
            print(len(fit(x, y, epochs=2, verbose=0).history["loss"]))
            print(keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3)]).predict(x, verbose=0).shape)
            class Quiet(keras.callbacks.Callback):
                pass
            set_model = Quiet().set_model
            print(set_model(None))
            """))
        let result = try XCTUnwrap(outcome.results.first)
        XCTAssertNil(result.error)
        XCTAssertEqual(result.stdout, "2\n(8, 3)\nNone\n")
    }

    /// Keras's TerminateOnNaN as a callback: the bad batch is named, the epoch ends at the
    /// steps taken with a NaN loss in the History, and `fit` returns without an error.
    func testTerminateOnNaNCallbackEndsFitQuietly() throws {
        let outcome = try runLesson(cell("""
            from keras import Sequential, layers, optimizers, callbacks
            from keras.datasets import mnist
            (x, y), _ = mnist.load_data()
            m = Sequential([layers.Input(shape=(28, 28)), layers.Flatten(), layers.Dense(10, activation='softmax')])
            m.compile(optimizer=optimizers.SGD(learning_rate=1e30), loss='sparse_categorical_crossentropy')
            h = m.fit(x[:256] * 1e30, y[:256], epochs=5, callbacks=[callbacks.TerminateOnNaN()])
            print(len(h.history['loss']), h.history['loss'][0])
            """))
        let result = try XCTUnwrap(outcome.results.first)
        XCTAssertNil(result.error, "\(result.error.map { "\($0)" } ?? "")")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4, result.stdout)
        XCTAssertEqual(lines[0], "Epoch 1/5")
        let said = lines[1].split(separator: " ")
        XCTAssertTrue(lines[1].hasPrefix("Batch ") && lines[1].hasSuffix(": Invalid loss, terminating training"), lines[1])
        let batch = try XCTUnwrap(said.count > 1 ? Int(said[1].dropLast()) : nil, lines[1])
        XCTAssertTrue(lines[2].hasPrefix("\(batch + 1)/\(batch + 1) ━"), lines[2])
        XCTAssertTrue(lines[2].hasSuffix("loss: nan"), lines[2])
        XCTAssertEqual(lines[3], "1 nan")
    }

    /// A stranger's lesson cannot train forever: fit is refused before it starts when the
    /// run's training-step budget would be exceeded.
    func testTrainingHasABudget() throws {
        let outcome = try runLesson(cell("""
            import numpy as np
            from keras import Sequential, layers
            m = Sequential([layers.Input(shape=(3,)), layers.Dense(2, activation='softmax')])
            m.compile(loss='sparse_categorical_crossentropy')
            m.fit(np.zeros((64, 3)), np.zeros(64), epochs=10**9, verbose=0)
            """))
        let error = try XCTUnwrap(outcome.results.first?.error)
        XCTAssertEqual(error.kind, "StepLimitExceeded")
        XCTAssertTrue(error.message.contains("2000000000 training steps"), error.message)
    }

    /// The limits a lesson run has: a runaway loop, a huge array, arrays piling up past
    /// the run's memory limit, a weights path through a symlink out of the lesson's folder.
    func testALessonRunIsBounded() throws {
        let lesson = try LessonParser.parse(text: cell("pass"), path: "t.md")
        let limits = try LessonExecutor(lesson: lesson, seed: 1, overrides: []).interpreter.limits
        XCTAssertEqual(limits.maxSteps, ExecutionLimits().maxSteps) // range(10**12) stops: ScriptTests.ErrorTests
        XCTAssertLessThanOrEqual(limits.maxAllocationBytes, 4 << 30)
        let huge = try runLesson(cell("import numpy as np\nnp.zeros((10**5,) * 3)"))
        XCTAssertEqual(huge.results.first?.error?.kind, "ValueError")
        XCTAssertTrue(huge.results.first?.error?.message.contains("too large for a lesson") ?? false)
        // Each array is allowed on its own; together they pass the run's memory limit.
        let memoryLimit = ResidentMemory.bytes() + (400 << 20)
        let pile = try runLesson(cell("import numpy as np\nxs = []\nfor i in range(10**6):\n    xs.append(np.zeros(5_000_000) + i)"),
                                 limits: RunLimits(maxResidentBytes: memoryLimit))
        let error = try XCTUnwrap(pile.results.first?.error)
        XCTAssertEqual(error.kind, "MemoryError")
        XCTAssertTrue(error.message.contains("past its memory limit of \(memoryLimit >> 20) MB"), error.message)

        let dense = try runLesson(cell("from keras import Sequential, layers\nSequential([layers.Input(shape=(1600,)), layers.Dense(10**9)])"))
        XCTAssertEqual(dense.results.first?.error?.kind, "MemoryError")
        XCTAssertTrue(dense.results.first?.error?.message.contains("1601000000000 weights") ?? false, dense.results.first?.error?.message ?? "")

        let folder = try TestPaths.temporaryFolder()
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("out").path, withDestinationPath: NSTemporaryDirectory())
        let link = try runLesson(cell("""
            from keras import Sequential, layers
            m = Sequential([layers.Input(shape=(3,)), layers.Dense(2)])
            m.save_weights('out/escaped.weights.h5')
            """), path: folder.appendingPathComponent("l.md").path)
        XCTAssertEqual(link.results.first?.error?.kind, "PermissionError")
    }

    func testWeightsRoundTripInsideTheLessonFolder() throws {
        let folder = try TestPaths.temporaryFolder()
        let outcome = try runLesson(cell("""
            import numpy as np
            from keras import Sequential, layers
            a = Sequential([layers.Input(shape=(4,)), layers.Dense(3, activation='softmax')])
            x = np.arange(8).reshape(2, 4) / 8.0
            a.save_weights('w.weights.h5')
            b = Sequential([layers.Input(shape=(4,)), layers.Dense(3, activation='softmax')])
            print(np.argmax(b.predict(x, verbose=0), axis=1).shape)
            b.load_weights('w.weights.h5')
            print((a.predict(x, verbose=0) == b.predict(x, verbose=0)).all())
            """), path: folder.appendingPathComponent("l.md").path)
        XCTAssertNil(outcome.results.first?.error, "\(outcome.results.first?.error.map { "\($0)" } ?? "")")
        XCTAssertEqual(outcome.results.first?.stdout, "(2,)\nTrue\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("w.weights.h5").path))
    }
}

/// Lessons written the way tutorials in the wild are (keras.io's convnet, TensorFlow's
/// quickstart with logits), run whole on the small data.
final class WildLessonTests: XCTestCase {
    override func setUp() { SmallData.install() }

    func results(_ name: String) throws -> [Int: CellResult] {
        let lesson = try LessonLoader.load(TestPaths.fixture("wild/" + name))
        let results = try LessonReplay().results(lesson)
        XCTAssertEqual(results.count, lesson.codeCells.count)
        for (number, result) in results { XCTAssertNil(result.error, "\(name) cell \(number): \(result.error.map { "\($0)" } ?? "")") }
        return results
    }

    func testKerasIOConvnet() throws {
        let results = try results("keras-io-style.md")
        XCTAssertEqual(results[1]?.stdout, "x_train shape: (640, 28, 28, 1)\n640 train samples\n200 test samples\n")
        XCTAssertTrue(results[2]?.stdout.contains("│ dropout (Dropout)               │ (None, 1352)           │             0 │") ?? false, results[2]?.stdout ?? "")
        let fit = results[3]?.stdout.split(separator: "\n").map(String.init) ?? []
        XCTAssertEqual(fit.count, 5) // two epochs of two lines, then the History as Out[3]
        XCTAssertEqual(fit.first, "Epoch 1/2")
        XCTAssertTrue(fit.last?.hasPrefix("<keras.src.callbacks.history.History at 0x") ?? false)
        XCTAssertTrue(fit[1].hasPrefix("5/5 - "), fit[1])
        let lines = results[4]?.stdout.split(separator: "\n").map(String.init) ?? []
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[1].hasPrefix("Test accuracy: "), lines[1])
    }

    func testLogitsValidationDataAndPredictions() throws {
        let results = try results("logits-style.md")
        XCTAssertEqual(results[1]?.figures.count, 1)
        XCTAssertEqual(results[2]?.stdout, "['accuracy', 'loss', 'val_accuracy', 'val_loss']\n3\n")
        XCTAssertEqual(results[2]?.stderr, KerasWarnings.inputShape(layerClass: "Flatten"))
        let lines = results[3]?.stdout.split(separator: "\n").map(String.init) ?? []
        XCTAssertEqual(lines.count, 9)
        XCTAssertTrue(lines[0].hasPrefix("1/1 ━━━━━━━━━━━━━━━━━━━━ "), lines[0])
        XCTAssertEqual(lines[1], "(5, 10)")
        XCTAssertNotNil(lines[2].range(of: #"^\[\d \d \d \d \d\]$"#, options: .regularExpression), lines[2])
        XCTAssertEqual(results[4]?.figures.first?.svg?.contains("<svg") ?? false, true)
    }
}
