import Foundation
import XCTest
@testable import LessonKit

/// Keras's built-in callbacks on the fit of a `keras.Model` subclass, with Keras's train_step
/// and with the lesson's own, in list order with the lesson's callbacks. The program and what
/// Keras 3 prints for it are fixtures written by `scripts/subclassed-callbacks.py`.
final class SubclassedCallbackTests: XCTestCase {
    func testBuiltInCallbacksDriveASubclassedFitAsInKeras() throws {
        let program = try String(contentsOfFile: TestPaths.fixture("subclassed-callbacks/subclassed_callbacks.py"), encoding: .utf8)
        let expected = try String(contentsOfFile: TestPaths.fixture("subclassed-callbacks/subclassed_callbacks.txt"), encoding: .utf8)
        let outcome = try runLesson(cell(program))
        let result = try XCTUnwrap(outcome.results.first)
        XCTAssertNil(result.error, "\(result.error.map { "\($0)" } ?? "")")
        XCTAssertEqual(result.stdout, expected)
    }
}
