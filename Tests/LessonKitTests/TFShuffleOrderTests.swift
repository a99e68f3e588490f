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

    /// Without any seed TensorFlow's order changes from run to run; a lesson's stays the same
    /// for its seed, and each pass is still a permutation.
    func testUnseededShuffleIsRepeatableInALesson() throws {
        let program = """
            import tensorflow as tf
            ds = tf.data.Dataset.range(8).shuffle(8)
            a, b = [int(v) for v in ds], [int(v) for v in ds]
            print(a)
            print(sorted(a) == list(range(8)), sorted(b) == list(range(8)))
            """
        let first = try XCTUnwrap(try runLesson(cell(program)).results.first)
        let second = try XCTUnwrap(try runLesson(cell(program)).results.first)
        XCTAssertNil(first.error)
        XCTAssertEqual(first.stdout, second.stdout)
        XCTAssertTrue(first.stdout.hasSuffix("True True\n"), first.stdout)
    }
}
