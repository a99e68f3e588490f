import Script
import XCTest
@testable import LessonKit

/// Runs lesson text through the real interpreter and bindings.
func runLesson(_ text: String, path: String = "t.md", overrides: [String] = [], seed: Int = 42,
               limits: RunLimits = RunLimits()) throws -> Session.Outcome {
    let lesson = try LessonParser.parse(text: text, path: path)
    let executor = try LessonExecutor(lesson: lesson, seed: seed, overrides: overrides, limits: limits)
    return Session(lesson: lesson, executor: executor).run()
}

func cell(_ code: String) -> String { "```python\n" + code + "\n```\n\n" }

final class NumPyBindingTests: XCTestCase {
    /// Each row: code → what Python with NumPy 2 prints.
    let table: [(String, String)] = [
        ("import numpy as np\nprint(np.arange(12).reshape(3, 4))", "[[ 0  1  2  3]\n [ 4  5  6  7]\n [ 8  9 10 11]]\n"),
        ("import numpy as np\na = np.arange(6).reshape(2, 3)\nprint(a.shape, a.dtype, a.ndim, a.size)", "(2, 3) int64 2 6\n"),
        ("import numpy as np\nprint(np.array([0.5, 0.25]) * 2)", "[1.  0.5]\n"),
        ("import numpy as np\nprint(np.zeros((2, 3)))", "[[0. 0. 0.]\n [0. 0. 0.]]\n"),
        ("import numpy as np\nx = np.array([[1, 2], [3, 4]], dtype='uint8')\nprint(x / 255.0)", "[[0.00392157 0.00784314]\n [0.01176471 0.01568627]]\n"),
        ("import numpy as np\nx = np.array([3, 1, 2])\nprint(np.argmax(x), x.max(), x[-1], x[::-1])", "0 3 2 [2 1 3]\n"),
        ("import numpy as np\np = np.array([[0.1, 0.9], [0.8, 0.2]])\nprint(np.argmax(p, axis=1))", "[1 0]\n"),
        ("import numpy as np\nx = np.arange(10)\nprint(x[x > 6], np.mean(x == 3), len(x))", "[7 8 9] 0.1 10\n"),
        ("import numpy as np\nx = np.expand_dims(np.zeros((4, 28, 28)), -1)\nprint(x.shape)", "(4, 28, 28, 1)\n"),
        ("import numpy as np\nx = np.arange(3, dtype='uint8')\nx", "array([0, 1, 2], dtype=uint8)\n"),
        ("import numpy as np\nx = np.float32(0.9884)\nprint(x, float(x), f'{x:.2f}')", "0.9884 0.9883999824523926 0.99\n"),
        ("import numpy as np\nprint(np.arange(4).astype('float32') / 255)", "[0.         0.00392157 0.00784314 0.01176471]\n"),
        ("import numpy as np\nv, c = np.unique(np.array([2, 1, 2]), return_counts=True)\nprint(v, c)", "[1 2] [1 2]\n"),
    ]

    func testTable() throws {
        for (code, expected) in table {
            let outcome = try runLesson(cell(code))
            XCTAssertNil(outcome.results.first?.error, "\(code): \(outcome.results.first?.error?.description ?? "")")
            XCTAssertEqual(outcome.results.first?.stdout, expected, code)
        }
    }

    func testNumPyErrorsReadLikeNumPy() throws {
        let outcome = try runLesson(cell("import numpy as np\nx = np.arange(6)\ny = x.reshape(4, -1)"))
        let error = try XCTUnwrap(outcome.results.first?.error)
        XCTAssertEqual(error.kind, "ValueError")
        XCTAssertEqual(error.message, "cannot reshape array of size 6 into shape (4,newaxis)") // NumPy 2.4's words
        XCTAssertEqual(error.location?.position, SourcePosition(line: 4, column: 5))
        XCTAssertThrowsError(try runLesson(cell("import numpy as np\nnp.zeros((100000, 100000))")).results.first?.error.map { throw $0 }) { error in
            XCTAssertTrue("\(error)".contains("too large for a lesson"), "\(error)")
        }
    }
}

final class PyplotBindingTests: XCTestCase {
    func testFiguresAreShownAtShowAndAtTheEndOfACell() throws {
        let outcome = try runLesson(cell("import numpy as np\nimport matplotlib.pyplot as plt\nplt.imshow(np.arange(16).reshape(4, 4), cmap='gray')\nplt.title('digits')\nplt.show()\nplt.plot([1, 2, 3], label='a')\nplt.legend()\nplt.title('curve')"))
        let result = try XCTUnwrap(outcome.results.first)
        XCTAssertNil(result.error)
        XCTAssertEqual(result.figures.count, 2)
        XCTAssertEqual(result.figures.map(\.title), ["digits", "curve"])
        XCTAssertNotNil(result.figures[0].png) // a lone image is also a PNG
        XCTAssertEqual(result.figures[0].png?.prefix(8), Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        XCTAssertTrue(result.figures[1].svg?.contains("<polyline") ?? false)
        XCTAssertEqual(result.stdout, "Text(0.5, 1.0, 'curve')\n") // the last expression, as Jupyter shows it
    }

    func testSavefigIsRefused() throws {
        let outcome = try runLesson(cell("import matplotlib.pyplot as plt\nplt.savefig('/tmp/x.png')"))
        XCTAssertEqual(outcome.results.first?.error?.kind, "NotSupported")
    }
}

final class OverrideTests: XCTestCase {
    func testSetReplacesAnAssignmentOrElseKeywordArguments() throws {
        let text = cell("epochs = 5\nprint(epochs)") + cell("print(dict(epochs=epochs, batch_size=32))")
        let outcome = try runLesson(text, overrides: ["epochs=1", "batch_size=8"])
        XCTAssertEqual(outcome.results.map(\.stdout), ["1\n", "{'epochs': 1, 'batch_size': 8}\n"])
        let lesson = try LessonParser.parse(text: text, path: "t.md")
        let executor = try LessonExecutor(lesson: lesson, seed: 1, overrides: ["epochs=1"])
        XCTAssertEqual(executor.overrideNotes, ["--set epochs=1: changed the assignment at t.md:2:10"])
        XCTAssertThrowsError(try LessonExecutor(lesson: lesson, seed: 1, overrides: ["nosuch=1"])) { error in
            XCTAssertTrue("\(error)".contains("--set nosuch"), "\(error)")
        }
        XCTAssertThrowsError(try LessonExecutor(lesson: lesson, seed: 1, overrides: ["epochs=import os"]))
    }
}
