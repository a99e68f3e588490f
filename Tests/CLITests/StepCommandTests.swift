import Foundation
import XCTest

/// `lesson step` with scripted stdin, `lesson run --from`, and the checkpoint cache they share.
final class StepCommandTests: XCTestCase {
    static let lessonText = """
    # Arrays

    Bytes first.

    ```python
    import numpy as np
    images = np.array([[0, 128, 255], [7, 8, 9]], dtype=np.uint8)
    print(images.shape)
    ```

    ```output
    (2, 3)
    ```

    ## Scale

    ```python
    scaled = images / 255.0
    flat = scaled.reshape(-1)
    print(flat.shape)
    ```

    ```output
    (6,)
    ```

    ## Sum

    ```python
    print(round(float(flat.sum()), 4))
    ```

    ```output
    1.5961
    ```
    """

    var folder: URL!
    var environment: [String: String] = [:]

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-step-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.lessonText.write(to: folder.appendingPathComponent("arrays.md"), atomically: true, encoding: .utf8)
        environment = ["LESSON_CACHE": folder.appendingPathComponent("cache").path, "NO_COLOR": "1"]
    }

    func lesson(_ arguments: [String], stdin: String? = nil) throws -> LessonProcess {
        try LessonProcess.run(arguments, in: folder, stdin: stdin, environment: environment)
    }

    func assertInOrder(_ text: String, _ needles: [String], file: StaticString = #filePath, line: UInt = #line) {
        var rest = text[...]
        for needle in needles {
            guard let range = rest.range(of: needle) else {
                return XCTFail("'\(needle)' not found (in order) in:\n\(text)", file: file, line: line)
            }
            rest = rest[range.upperBound...]
        }
    }

    func testStepFollowsScriptedCommands() throws {
        let result = try lesson(["step", "arrays.md"], stdin: "\nb\nr\ng 3\nq\n")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        assertInOrder(result.stdout, [
            "lesson step: Arrays — 3 code cells, 4 steps.",
            "Bytes first.",
            "── Cell 1 of 3 · Step 1 of 4 — show", "images = np.array(",
            "[cell 1 of 3 · nothing run yet]\n> \n",
            "(2, 3)\n",
            "Scale", "── Cell 2 of 3 · Steps 2–3 of 4 — normalize · reshape", "scaled = images / 255.0",
            "[cell 2 of 3 · state after cell 1]\n> b\n",
            "Bytes first.", "── Cell 1 of 3 · Step 1 of 4 — show",
            "[cell 1 of 3 · state after cell 1 (this cell starts afresh)]\n> r\n",
            "── running cell 1 again\n· starting afresh\n(2, 3)\n",
            "── Cell 2 of 3", "[cell 2 of 3 · state after cell 1]\n> g 3\n",
            "· running cell 2 to reach cell 3\n── cell 2\n(6,)\n",
            "Sum", "── Cell 3 of 3 · Step 4 of 4 — show", "print(round(float(flat.sum()), 4))",
            "[cell 3 of 3 · state after cell 2]\n> q\n",
            "lesson step: stopped at cell 3 of 3; cells run: 1-2\n",
        ])
        XCTAssertFalse(result.stdout.contains("1.5961"), "cell 3 was not run")

        // The checkpoints that session saved serve the next one.
        let again = try lesson(["step", "arrays.md", "--from", "reshape"], stdin: "\no\nd\n")
        XCTAssertEqual(again.status, 0, again.stderr)
        assertInOrder(again.stdout, [
            "· restored the state after cell 1 from the checkpoint cache", "── Cell 2 of 3", "> \n", "(6,)\n",
            "> o\n", "── documented output of cell 2\n(6,)\n",
            "> d\n", "· cell 2: the fresh stdout matches the documented one",
            "lesson step: stopped at cell 3 of 3; cells run: 2\n",
        ])
        XCTAssertFalse(again.stdout.contains("Bytes first."))
    }

    func testRunFromStartsAtTheCellWithTheRestoredState() throws {
        let full = try lesson(["run", "arrays.md"])
        XCTAssertEqual(full.status, 0, full.stderr)
        XCTAssertTrue(full.stdout.contains("1.5961"))
        XCTAssertTrue(try lesson(["cache", "info"]).stdout.contains("3 checkpoints"))

        let from = try lesson(["run", "arrays.md", "--from", "3"])
        XCTAssertEqual(from.status, 0, from.stderr)
        XCTAssertEqual(from.stderr, "lesson: restored the state after cell 2 from the checkpoint cache; starting at cell 3\n")
        XCTAssertTrue(from.stdout.hasPrefix("Sum\n"), from.stdout)
        XCTAssertTrue(from.stdout.contains("1.5961"))
        XCTAssertFalse(from.stdout.contains("(6,)"), "cells 1-2 did not run")

        // Changing an earlier cell invalidates what follows it.
        let edited = Self.lessonText.replacingOccurrences(of: "flat = scaled.reshape(-1)", with: "flat = scaled.reshape(6)")
        try edited.write(to: folder.appendingPathComponent("arrays.md"), atomically: true, encoding: .utf8)
        let changed = try lesson(["run", "arrays.md", "--from", "3"])
        XCTAssertEqual(changed.status, 0, changed.stderr)
        XCTAssertEqual(changed.stderr, "lesson: restored the state after cell 1 from the checkpoint cache; running cell 2 to reach cell 3\n")
        XCTAssertTrue(changed.stdout.contains("(6,)\n"))
        XCTAssertTrue(changed.stdout.contains("1.5961"))

        // A damaged blob: a warning, the cells run again, the same result.
        let blobs = folder.appendingPathComponent("cache/blobs")
        for name in try FileManager.default.contentsOfDirectory(atPath: blobs.path) {
            try Data("garbage".utf8).write(to: blobs.appendingPathComponent(name))
        }
        let damaged = try lesson(["run", "arrays.md", "--from", "3"])
        XCTAssertEqual(damaged.status, 0, damaged.stderr)
        assertInOrder(damaged.stderr, ["lesson: warning: the checkpoint after cell 2 is damaged (blob ", "it is ignored and its cells run again",
                                       "lesson: no checkpoint before cell 3 (a full run saves them); running cells 1-2 first"])
        XCTAssertTrue(damaged.stdout.contains("1.5961"))

        XCTAssertEqual(try lesson(["cache", "clear"]).status, 0)
        XCTAssertTrue(try lesson(["cache", "info"]).stdout.contains("0 checkpoints, 0 blobs"))
        let errors = try lesson(["run", "arrays.md", "--from", "fit"])
        XCTAssertEqual(errors.status, 2)
        XCTAssertTrue(errors.stderr.contains("no code cell of arrays.md performs the step 'fit'"), errors.stderr)
    }

    /// The "done when": after one full run, `--from evaluate` starts at evaluate with
    /// the trained model and prints the same test accuracy. Needs the Keras bindings.
    func testRunFromEvaluateRestoresTheTrainedModel() throws {
        let text = """
        # Tiny CNN

        ```python
        import numpy as np
        X = (np.arange(128 * 64) % 13).reshape(128, 8, 8, 1) / 13.0
        y = np.arange(128) % 2
        ```

        ```python
        from tensorflow.keras.models import Sequential
        from tensorflow.keras.layers import Conv2D, Flatten, Dense
        model = Sequential([
            Conv2D(4, (3, 3), activation='relu', input_shape=(8, 8, 1)),
            Flatten(),
            Dense(2, activation='softmax'),
        ])
        ```

        ```python
        model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
        history = model.fit(X, y, epochs=2, verbose=0)
        ```

        ```python
        test_loss, test_accuracy = model.evaluate(X, y, verbose=0)
        print("Test Accuracy:", test_accuracy)
        ```
        """
        try text.write(to: folder.appendingPathComponent("tiny.md"), atomically: true, encoding: .utf8)
        let full = try lesson(["run", "tiny.md", "--quiet"])
        XCTAssertEqual(full.status, 0, full.stderr)
        let accuracy = try XCTUnwrap(full.stdout.split(separator: "\n").first { $0.hasPrefix("Test Accuracy:") })
        let from = try lesson(["run", "tiny.md", "--from", "evaluate", "--quiet"])
        XCTAssertEqual(from.status, 0, from.stderr)
        XCTAssertEqual(from.stdout.split(separator: "\n").first { $0.hasPrefix("Test Accuracy:") }, accuracy)
        XCTAssertEqual(from.stderr, "lesson: restored the state after cell 3 from the checkpoint cache; starting at cell 4\n")
    }

    /// The same on the seed lesson (minutes in a debug build): `LESSON_SEED_TESTS=1` runs it.
    func testSeedLessonFromEvaluate() throws {
        guard ProcessInfo.processInfo.environment["LESSON_SEED_TESTS"] == "1" else { throw XCTSkip("set LESSON_SEED_TESTS=1 to train the seed lesson") }
        let full = try LessonProcess.run(["run", "cnn-mnist.md", "--quiet"], environment: environment)
        XCTAssertEqual(full.status, 0, full.stderr)
        let accuracy = try XCTUnwrap(full.stdout.split(separator: "\n").first { $0.hasPrefix("Test Accuracy:") })
        let from = try LessonProcess.run(["run", "--from", "evaluate", "cnn-mnist.md", "--quiet"], environment: environment)
        XCTAssertEqual(from.status, 0, from.stderr)
        XCTAssertTrue(from.stderr.contains("restored the state after cell 4"), from.stderr)
        XCTAssertFalse(from.stdout.contains("Epoch"))
        XCTAssertEqual(from.stdout.split(separator: "\n").first { $0.hasPrefix("Test Accuracy:") }, accuracy)
    }
}
