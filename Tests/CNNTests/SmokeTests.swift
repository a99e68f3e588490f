import XCTest
@testable import CNN
final class CNNSmokeTests: XCTestCase { func testLinks() { XCTAssertFalse("x".isEmpty) } }
