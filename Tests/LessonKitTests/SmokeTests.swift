import XCTest
@testable import LessonKit
final class LessonKitSmokeTests: XCTestCase { func testLinks() { XCTAssertFalse("x".isEmpty) } }
