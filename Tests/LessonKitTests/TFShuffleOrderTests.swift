import Foundation
import XCTest
@testable import LessonKit

/// `tf.data` shuffles in TensorFlow's orders: the program and what TensorFlow prints for it are
/// fixtures written by `scripts/tf-shuffle-orders.py` with TensorFlow 2.21.
final class TFShuffleOrderTests: XCTestCase {
    func testShuffleOrdersAreTensorFlows() throws {
        let program = try String(contentsOfFile: TestPaths.fixture("tf-shuffle/shuffle_orders.py"), encoding: .utf8)
        let expected = try String(contentsOfFile: TestPaths.fixture("tf-shuffle/shuffle_orders.txt"), encoding: .utf8)
        let outcome = try runLesson(cell(program))
        let result = try XCTUnwrap(outcome.results.first)
        XCTAssertNil(result.error, "\(result.error.map { "\($0)" } ?? "")")
        XCTAssertEqual(result.stdout, expected)
    }

    /// Without any seed TensorFlow's order changes from run to run; a lesson's is the one
    /// TensorFlow gives after `tf.random.set_seed(<the lesson's seed>)` (the fixture's
    /// "set again" line is TensorFlow's under `set_seed(42)`, the seed `runLesson` gives).
    func testUnseededShuffleIsTensorFlowsUnderTheLessonSeed() throws {
        let expected = try String(contentsOfFile: TestPaths.fixture("tf-shuffle/shuffle_orders.txt"), encoding: .utf8)
        let line = try XCTUnwrap(expected.split(separator: "\n").first { $0.hasPrefix("set again ") })
        let program = """
            import tensorflow as tf
            print("set again", [int(v) for v in tf.data.Dataset.range(10).shuffle(10)])
            """
        let result = try XCTUnwrap(try runLesson(cell(program), seed: 42).results.first)
        XCTAssertNil(result.error)
        XCTAssertEqual(result.stdout, line + "\n")
        let other = try XCTUnwrap(try runLesson(cell(program), seed: 43).results.first)
        XCTAssertNotEqual(other.stdout, result.stdout)
    }
}
