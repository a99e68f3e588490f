import Foundation
import XCTest
@testable import LessonKit

/// Eager `tf.Tensor`s against the real TensorFlow: each Fixtures/tf-differential/NAME.py runs
/// as one lesson cell and must print NAME.out, which `scripts/tf-regen` makes with TensorFlow.
final class TFTensorTests: XCTestCase {
    override func setUp() { SmallData.install() }

    func testTensorsPrintAsTensorFlowPrintsThem() throws {
        let folder = TestPaths.fixtures.appendingPathComponent("tf-differential")
        let programs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".py") }.sorted()
        XCTAssertFalse(programs.isEmpty)
        for program in programs {
            let source = try String(contentsOf: folder.appendingPathComponent(program), encoding: .utf8)
            let expected = try String(contentsOf: folder.appendingPathComponent(String(program.dropLast(3)) + ".out"), encoding: .utf8)
            let result = try XCTUnwrap(try runLesson(cell(source)).results.first)
            XCTAssertNil(result.error, "\(program): \(result.error.map { "\($0)" } ?? "")")
            try assertSameUpToFloatRounding(result.stdout, expected, program)
        }
    }

    /// TensorFlow's float32 `exp` (Eigen's polynomial) can differ from a correctly rounded one
    /// in the last bit, which also changes NumPy's padding: the text must match once runs of
    /// spaces are one, and each number within 1e-6.
    private func assertSameUpToFloatRounding(_ actual: String, _ expected: String, _ name: String) throws {
        let number = try NSRegularExpression(pattern: #"-?\d+\.\d*(e[+-]?\d+)?"#)
        func parts(_ text: String) -> (skeleton: String, numbers: [Double]) {
            let range = NSRange(text.startIndex..., in: text)
            let numbers = number.matches(in: text, range: range).compactMap { Range($0.range, in: text).flatMap { Double(text[$0]) } }
            let skeleton = number.stringByReplacingMatches(in: text, range: range, withTemplate: "N")
                .replacingOccurrences(of: #" +"#, with: " ", options: .regularExpression)
                .replacingOccurrences(of: " ]", with: "]").replacingOccurrences(of: " ,", with: ",")
            return (skeleton, numbers)
        }
        let a = parts(actual), e = parts(expected)
        XCTAssertEqual(a.skeleton, e.skeleton, name)
        XCTAssertEqual(a.numbers.count, e.numbers.count, name)
        for (x, y) in zip(a.numbers, e.numbers) { XCTAssertEqual(x, y, accuracy: 1e-6, "\(name): \(x) vs \(y)") }
    }

    /// Calling a model gives a tensor (as Keras 3 on TensorFlow does) whose `.numpy()` is the
    /// array `predict` gives; NumPy and `tf.nn.softmax` take it back.
    func testCallingAModelGivesATensor() throws {
        let outcome = try runLesson(cell("""
            import numpy as np
            import tensorflow as tf
            from keras.datasets import mnist
            (x, y), _ = mnist.load_data()
            x = x[:4] / 255.0
            m = tf.keras.Sequential([tf.keras.layers.Flatten(input_shape=(28, 28)), tf.keras.layers.Dense(10)])
            t = m(x[:2])
            print(type(t).__name__, t.shape, t.numpy().shape)
            print(np.allclose(t.numpy(), m.predict(x[:2], verbose=0)))
            p = tf.nn.softmax(t).numpy()
            print(p.shape, np.allclose(p.sum(axis=1), 1.0), np.argmax(t, axis=1).shape)
            """))
        let result = try XCTUnwrap(outcome.results.first)
        XCTAssertNil(result.error, "\(result.error.map { "\($0)" } ?? "")")
        XCTAssertEqual(result.stdout, "EagerTensor (2, 10) (2, 10)\nTrue\n(2, 10) True (2,)\n")
    }

    /// Integer logits are refused with TensorFlow's message; a bad axis is a clear error.
    func testSoftmaxRefusesWhatTensorFlowRefuses() throws {
        let ints = try runLesson(cell("import numpy as np\nimport tensorflow as tf\ntf.nn.softmax(np.array([1, 2]))"))
        XCTAssertEqual(ints.results.first?.error?.kind, "TypeError")
        let axis = try runLesson(cell("import numpy as np\nimport tensorflow as tf\ntf.nn.softmax(np.array([1.0, 2.0]), axis=3)"))
        XCTAssertEqual(axis.results.first?.error?.kind, "ValueError")
    }
}
