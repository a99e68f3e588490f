import XCTest
@testable import Script

/// The `re` module's bounds: a catastrophic backtracking stops with an error within the
/// regex time budget, and translation errors name what is wrong.
final class ReModuleTests: XCTestCase {
    func testCatastrophicBacktrackingStopsWithinTheBudget() {
        let started = Date()
        let e = scriptError("import re\nre.search(r'(a+)+b', 'a' * 40)")
        XCTAssertEqual(e?.kind, .runtimeError)
        XCTAssertTrue(e?.message.contains("catastrophic backtracking") ?? false, e?.message ?? "no error")
        XCTAssertEqual(e?.location?.line, 2)
        XCTAssertLessThan(Date().timeIntervalSince(started), RegexPattern.timeBudget + 3)
    }

    func testBadGroupNamesAreReError() {
        let e = scriptError("import re\nre.compile('(?P<1x>a)')")
        XCTAssertEqual(e?.kind.rawValue, "re.error")
        XCTAssertEqual(e?.message, "bad character in group name '1x' at position 0")
    }

    func testOffsetsCountCodePointsNotUTF16() throws {
        XCTAssertEqual(try runScript("import re\nprint(re.search('b', '\u{1F600}ab').span())"), "(2, 3)\n")
    }
}
