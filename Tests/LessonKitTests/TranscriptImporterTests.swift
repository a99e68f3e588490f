import XCTest
@testable import LessonKit

final class TranscriptImporterTests: XCTestCase {
    func seed() throws -> String {
        try String(contentsOfFile: TestPaths.shared.appendingPathComponent("seed/cnn-mnist-source.txt").path, encoding: .utf8)
    }

    /// The code cells and output blocks of a lesson, in order: (info, body).
    func fences(_ md: String) -> [(String, String)] {
        var result: [(String, String)] = []
        var current: (String, String, [String])? = nil  // fence, info, lines
        for line in md.components(separatedBy: "\n") {
            if let c = current {
                if line == c.0 { result.append((c.1, c.2.joined(separator: "\n"))); current = nil } else { current?.2.append(line) }
            } else if line.hasPrefix("```") {
                let fence = String(line.prefix(while: { $0 == "`" }))
                current = (fence, String(line.dropFirst(fence.count)), [])
            }
        }
        return result
    }

    func testSeedTranscript() throws {
        guard FileManager.default.fileExists(atPath: TestPaths.shared.appendingPathComponent("seed/cnn-mnist-source.txt").path) else {
            throw XCTSkip("seed transcript not available")
        }
        let md = try TranscriptImporter.markdown(fromTranscript: try seed(), title: nil)
        XCTAssertTrue(md.hasPrefix("---\ntitle: Convolutional Neural Network (CNN)\n---\n# Convolutional Neural Network (CNN)\n"))
        XCTAssertFalse(md.contains("In [1]:"))
        XCTAssertTrue(md.contains("## Data Preprocessing"))
        XCTAssertTrue(md.contains("```mathematical\nInput Image"))
        let f = fences(md).filter { $0.0 != "mathematical" }
        let python = f.filter { $0.0 == "python" }.map { $0.1 }
        XCTAssertEqual(python.count, 5)
        guard python.count == 5 else { return }
        XCTAssertEqual(python.first, """
        from tensorflow.keras.datasets import mnist

        (X_train, y_train), (X_test, y_test) = mnist.load_data()

        print(X_train.shape)  # (60000, 28, 28)
        print(y_train.shape)  # (60000,)
        """)
        XCTAssertEqual(python[1], """
        # Normalize
        X_train = X_train / 255.0
        X_test = X_test / 255.0

        # Reshape for CNN
        X_train = X_train.reshape(-1, 28, 28, 1)
        X_test = X_test.reshape(-1, 28, 28, 1)
        """)
        XCTAssertTrue(python[2].hasPrefix("from tensorflow.keras.models import Sequential\n"))
        XCTAssertTrue(python[2].hasSuffix("    Dense(10, activation='softmax')\n])"))
        XCTAssertTrue(python[2].contains("\n    \n"), "whitespace-only lines inside the cell are kept")
        XCTAssertEqual(python[3], """
        model.compile(
            optimizer='adam',
            loss='sparse_categorical_crossentropy',
            metrics=['accuracy']
        )

        model.fit(X_train, y_train, epochs=5, validation_split=0.1)
        """)
        XCTAssertEqual(python[4], "test_loss, test_accuracy = model.evaluate(X_test, y_test)\nprint(\"Test Accuracy:\", test_accuracy)")

        let kinds = f.map { $0.0 }
        XCTAssertEqual(kinds, ["python", "output", "python", "python", "output stderr", "python", "output", "python", "output"])
        guard kinds.count == 9 else { return }
        XCTAssertEqual(f[1].1, """
        Downloading data from https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz
        11490434/11490434 ━━━━━━━━━━━━━━━━━━━━ 7s 1us/step
        (60000, 28, 28)
        (60000,)
        """)
        XCTAssertEqual(f[4].1, "  super().__init__(activity_regularizer=activity_regularizer, **kwargs)")
        let fit = f[6].1.components(separatedBy: "\n")
        XCTAssertEqual(fit.first, "Epoch 1/5")
        XCTAssertEqual(fit.filter { $0.hasPrefix("Epoch ") }.count, 5)
        XCTAssertEqual(fit.filter { $0.hasPrefix("1688/1688 ━━━━━━━━━━━━━━━━━━━━ ") }.count, 5)
        XCTAssertEqual(fit.last, "<keras.src.callbacks.history.History at 0x209cf1b4830>")
        XCTAssertEqual(f[8].1, "313/313 ━━━━━━━━━━━━━━━━━━━━ 1s 2ms/step - accuracy: 0.9884 - loss: 0.0377\nTest Accuracy: 0.9883999824523926")
    }

    func testFenceLengthAvoidsBackticks() throws {
        let t = "Intro\n\nIn [1]:\ns = '```'\nprint(s)\n\n\n```\n"
        let md = try TranscriptImporter.markdown(fromTranscript: t, title: "T: x")
        XCTAssertTrue(md.hasPrefix("---\ntitle: \"T: x\"\n---\nIntro\n"))
        XCTAssertTrue(md.contains("````python\ns = '```'\nprint(s)\n````"))
        XCTAssertTrue(md.contains("````output\n```\n````"))
    }

    func testStderrHeuristics() {
        XCTAssertTrue(TranscriptImporter.isStderrLine("/a/b.py:113: UserWarning: Do not pass", previousWasStderr: false))
        XCTAssertTrue(TranscriptImporter.isStderrLine("ValueError: bad shape", previousWasStderr: false))
        XCTAssertTrue(TranscriptImporter.isStderrLine("  super().__init__(activity_regularizer=activity_regularizer, **kwargs)", previousWasStderr: false))
        XCTAssertFalse(TranscriptImporter.isStderrLine("Test Error: 0.1", previousWasStderr: false))
        XCTAssertFalse(TranscriptImporter.isStderrLine("Epoch 1/5", previousWasStderr: false))
        XCTAssertFalse(TranscriptImporter.isStderrLine("<keras.src.callbacks.history.History at 0x209cf1b4830>", previousWasStderr: true))
    }

    func testOutMarkerKeepsValue() throws {
        let md = try TranscriptImporter.markdown(fromTranscript: "In [4]:\nmodel.fit(x, y)\n\n\nOut[4]: <History at 0x1>\n", title: nil)
        XCTAssertEqual(md, "```python\nmodel.fit(x, y)\n```\n\n```output\n<History at 0x1>\n```\n")
    }

    func testCellWithoutOutputAndWarning() throws {
        let t = "In [2]:\nx = 1\n\n\n## Next\nIn [3]:\ny = 2\n\n\n/x/base.py:1: UserWarning: careful\n  warn(x)\n2\n"
        let md = try TranscriptImporter.markdown(fromTranscript: t, title: nil)
        XCTAssertEqual(md, "```python\nx = 1\n```\n\n## Next\n\n```python\ny = 2\n```\n\n```output stderr\n/x/base.py:1: UserWarning: careful\n  warn(x)\n```\n\n```output\n2\n```\n")
    }

    func testRandomTranscriptsNeverTrap() {
        let pool = ["In [1]:", "In [ ]:", "In [2]: x = 1", "Out[3]: 5", "## Heading", "# Comment", "", "", "  ", "```", "~~~~",
                    "x = (1,", "  2)", "print(x)", "Epoch 1/5", "foo.py:1: UserWarning: w", "  super().__init__(**kw)",
                    "Traceback (most recent call last):", "prose text.", "if x:", "    pass", "`", "````python", "\\", "é"]
        var state: UInt64 = 7
        for _ in 0..<500 {
            var lines: [String] = []
            for _ in 0..<20 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                lines.append(pool[Int((state >> 33) % UInt64(pool.count))])
            }
            XCTAssertNoThrow(try TranscriptImporter.markdown(fromTranscript: lines.joined(separator: "\n"), title: nil))
        }
    }
}
