import CNN
import Script
import Foundation
import XCTest
@testable import LessonKit

/// Keras 3's `.weights.h5`: files real Keras wrote load here to the predictions Keras gives,
/// and ours have the groups, datasets, shapes, dtypes and names of Keras's. The programs and
/// Keras's files and output are fixtures written by `scripts/keras-weights.py` (which also has
/// real Keras load our files).
final class KerasWeightsFileTests: XCTestCase {
    let models = ["sequential", "functional", "subclassed"]

    func fixture(_ name: String) throws -> String { try String(contentsOfFile: TestPaths.fixture("weights/\(name)"), encoding: .utf8) }

    /// Runs `code` as one cell of a lesson in `folder` (where its files are read and written).
    func run(_ code: String, in folder: URL) throws -> CellRunResult {
        let lesson = try LessonParser.parse(text: cell(code), path: folder.appendingPathComponent("l.md").path)
        let executor = try LessonExecutor(lesson: lesson, seed: 1, overrides: [], limits: RunLimits())
        let outcome = Session(lesson: lesson, executor: executor).run()
        let result = try XCTUnwrap(outcome.results.first)
        return CellRunResult(stdout: result.stdout, stderr: result.stderr, error: result.error.map { "\($0)" })
    }

    struct CellRunResult { let stdout: String, stderr: String, error: String? }

    func folder(with files: [String]) throws -> URL {
        let folder = try TestPaths.temporaryFolder()
        for f in files { try FileManager.default.copyItem(atPath: TestPaths.fixture("weights/\(f)"), toPath: folder.appendingPathComponent(f).path) }
        return folder
    }

    func testKerasFilesLoadToKerasPredictions() throws {
        for name in models {
            let folder = try self.folder(with: ["\(name).weights.h5"])
            let result = try run(try fixture("\(name).py") + fixture("load_and_predict.py"), in: folder)
            XCTAssertNil(result.error, "\(name): \(result.error ?? "")")
            try assertClose(result.stdout, try fixture("\(name).txt"), name)
        }
    }

    /// The same printed array, each number within the last printed digit (float32 sums in
    /// another order can round the fourth decimal the other way).
    func assertClose(_ ours: String, _ keras: String, _ label: String) throws {
        func numbers(_ s: String) throws -> [Double] {
            let regex = try NSRegularExpression(pattern: "-?[0-9]+\\.[0-9]*(e-?[0-9]+)?")
            return regex.matches(in: s, range: NSRange(s.startIndex..., in: s)).compactMap { Range($0.range, in: s).flatMap { Double(s[$0]) } }
        }
        let a = try numbers(ours), b = try numbers(keras)
        XCTAssertEqual(a.count, b.count, "\(label): \(ours) vs \(keras)")
        XCTAssertFalse(b.isEmpty, label)
        for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 1.5e-4, "\(label): \(ours) vs \(keras)") }
    }

    /// The same training program as Keras ran: our file's layout is Keras's, group for group,
    /// and a fresh model loads it back to what the trained one predicted.
    func testOurFilesHaveKerasLayoutAndLoadBack() throws {
        for name in models {
            let folder = try TestPaths.temporaryFolder()
            let trained = try run(try fixture("\(name).py") + fixture("train_and_save.py") + "\nprint(np.round(model.predict(np.linspace(-1, 1, 5 * int(np.prod(shape)), dtype='float32').reshape((5,) + shape), verbose=0), 4))", in: folder)
            XCTAssertNil(trained.error, "\(name): \(trained.error ?? "")")
            let ours = try HDF5.read(folder.appendingPathComponent("\(name).weights.h5").path, maxBytes: 1 << 24)
            let keras = try HDF5.read(TestPaths.fixture("weights/\(name).weights.h5"), maxBytes: 1 << 24)
            XCTAssertEqual(Self.layout(ours), Self.layout(keras), name)
            XCTAssertFalse(Self.layout(ours).isEmpty)
            let loaded = try run(try fixture("\(name).py") + fixture("load_and_predict.py"), in: folder)
            XCTAssertNil(loaded.error, "\(name): \(loaded.error ?? "")")
            XCTAssertEqual(loaded.stdout, trained.stdout, name)
        }
    }

    /// Every group and dataset as `path {attributes} shape dtype`, sorted.
    static func layout(_ group: H5Group, _ path: String = "") -> [String] {
        var out: [String] = []
        for (key, g) in group.groups {
            let p = path.isEmpty ? key : "\(path)/\(key)"
            out.append("\(p) \(g.attributes.sorted { $0.key < $1.key })")
            out += layout(g, p)
        }
        for (key, d) in group.datasets { out.append("\(path)/\(key) \(d.shape) \(d.dtype)") }
        return out.sorted()
    }

    /// Keras's errors for a file of other layers: a missing layer's variables, other shapes,
    /// `skip_mismatch`, extra layers in the file, an unknown extension, an unbuilt model.
    func testKerasErrorsForFilesThatDoNotFit() throws {
        let folder = try self.folder(with: ["sequential.weights.h5"])
        let result = try run(try fixture("errors.py"), in: folder)
        XCTAssertNil(result.error, result.error ?? "")
        XCTAssertEqual(result.stdout, try fixture("errors.txt"))
        XCTAssertTrue(result.stderr.contains("saving_lib.py:710: UserWarning: A total of 2 objects could not be loaded."), result.stderr)
    }

    /// An uncompiled model of the same layers loads a compiled model's file; a compiled one whose
    /// optimizer has not run yet skips the optimizer's variables with Keras's warning.
    func testOptimizerStateIsSkippedWithKerasWarningUntilBuilt() throws {
        let folder = try self.folder(with: ["sequential.weights.h5"])
        let result = try run(try fixture("sequential.py") + "model.compile(optimizer='adam', loss='mse')\nmodel.load_weights('sequential.weights.h5')\n", in: folder)
        XCTAssertNil(result.error, result.error ?? "")
        XCTAssertTrue(result.stderr.contains("UserWarning: Skipping variable loading for optimizer 'adam', because it has 2 variables whereas the saved optimizer has 10 variables. "), result.stderr)
    }

    /// A trained model's optimizer state goes into the file and comes back: Adam's step count
    /// and moments, so training continues where it stopped.
    func testOptimizerStateRoundTrips() throws {
        let folder = try TestPaths.temporaryFolder()
        let result = try run(try fixture("sequential.py") + fixture("train_and_save.py") + """

            again = keras.Sequential([keras.Input(shape=shape), layers.Conv2D(2, 3, activation="relu"), layers.Flatten(),
                                      layers.Dropout(0.5), layers.Dense(3, activation="softmax")])
            again.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
            again.fit(x, y, epochs=1, batch_size=4, shuffle=False, verbose=0)
            again.load_weights("sequential.weights.h5")
            print(int(again.optimizer.iterations), int(model.optimizer.iterations))
            """, in: folder)
        XCTAssertNil(result.error, result.error ?? "")
        XCTAssertEqual(result.stdout, "6 6\n")
    }

    /// A truncated or corrupt file is an OSError naming it, and libhdf5 prints nothing.
    func testCorruptFilesAreClearErrors() throws {
        let folder = try TestPaths.temporaryFolder()
        let real = try Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("weights/sequential.weights.h5")))
        try real.prefix(real.count / 2).write(to: folder.appendingPathComponent("cut.weights.h5"))
        var flipped = real
        for i in stride(from: 96, to: 2048, by: 7) { flipped[i] ^= 0x5a }
        try flipped.write(to: folder.appendingPathComponent("flipped.weights.h5"))
        try Data("not HDF5 at all".utf8).write(to: folder.appendingPathComponent("text.weights.h5"))
        for name in ["cut", "flipped", "text"] {
            let result = try run(try fixture("sequential.py") + "model.load_weights('\(name).weights.h5')", in: folder)
            let error = try XCTUnwrap(result.error, name)
            XCTAssertTrue(error.contains("\(name).weights.h5: "), error)
            XCTAssertTrue(error.contains("OSError") || error.contains("ValueError"), error)
            XCTAssertFalse(result.stderr.contains("HDF5-DIAG"), result.stderr)
        }
        let text = try run(try fixture("sequential.py") + "model.load_weights('text.weights.h5')", in: folder)
        XCTAssertTrue(text.error?.contains("text.weights.h5: is not an HDF5 file (file signature not found)") ?? false, text.error ?? "")
        let cut = try run(try fixture("sequential.py") + "model.load_weights('cut.weights.h5')", in: folder)
        XCTAssertTrue(cut.error?.contains("cut.weights.h5: is truncated: it has") ?? false, cut.error ?? "")
    }

    /// ModelCheckpoint on a functional fit from Keras's weights: its messages, the files named
    /// from the epoch and `val_loss`, `save_best_only`, and its errors for a wrong extension.
    func testModelCheckpointAsKeras() throws {
        let folder = try self.folder(with: ["functional.weights.h5"])
        let result = try run(try fixture("checkpoint.py"), in: folder)
        XCTAssertNil(result.error, result.error ?? "")
        XCTAssertEqual(result.stdout, try fixture("checkpoint.txt"))
        // The files Keras said it saved, named as Keras named them.
        let expected = try fixture("checkpoint.txt").split(separator: "\n").compactMap { line -> String? in
            guard let r = line.range(of: "finished saving model to ") else { return nil }
            return String(line[r.upperBound...])
        }
        XCTAssertEqual(expected.count, 4)
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".weights.h5") && $0 != "functional.weights.h5" }
        XCTAssertEqual(Set(written), Set(expected))
        let last = try XCTUnwrap(expected.last(where: { $0.hasPrefix("ckpt-03") }))
        let saved = try HDF5.read(folder.appendingPathComponent(last).path, maxBytes: 1 << 24)
        XCTAssertEqual(saved.group(at: "optimizer/vars")?.datasets["0"]?.values, .int64([9]), "3 epochs of 3 steps")
    }

    /// A checkpoint's whole-model save and saves every N batches are refused by name.
    func testModelCheckpointRefusesWhatLessonsCannotSave() throws {
        let folder = try TestPaths.temporaryFolder()
        let whole = try run("import keras\nkeras.callbacks.ModelCheckpoint('m.keras')", in: folder)
        XCTAssertTrue(whole.error?.contains("save_weights_only=False") ?? false, whole.error ?? "")
        let batches = try run("import keras\nkeras.callbacks.ModelCheckpoint('m.weights.h5', save_weights_only=True, save_freq=5)", in: folder)
        XCTAssertTrue(batches.error?.contains("save_freq") ?? false, batches.error ?? "")
        let missing = try run(try fixture("functional.py") + "\nmodel.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\nmodel.fit(np.zeros((4, 4)), np.zeros(4), epochs=1, verbose=0, callbacks=[keras.callbacks.ModelCheckpoint('{nope}.weights.h5', save_weights_only=True)])", in: folder)
        XCTAssertTrue(missing.error?.contains("KeyError: Failed to format this callback filepath: \"{nope}.weights.h5\". Reason: 'nope'") ?? false, missing.error ?? "")
    }
}
