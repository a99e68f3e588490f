import XCTest
@testable import Script

/// Issue 14: every value lesson code builds is charged to the run, so values that are each
/// small but many (a nested comprehension, a loop of appends) end in a located MemoryError
/// when the process would pass its memory limit.
final class GrowthChargeTests: XCTestCase {
    /// Limits that leave this process `headroom` bytes above what it holds now.
    func tight(_ headroom: Int = 192 << 20) -> ExecutionLimits {
        ExecutionLimits(maxResidentBytes: ResidentMemory.bytes() + headroom)
    }

    func testNestedComprehensionOfSmallListsEndsInMemoryError() {
        let e = scriptError("x = 1\nrows = [[0] * 10**4 for _ in range(10**6)]", limits: tight())
        XCTAssertEqual(e?.kind, .memoryError)
        XCTAssertTrue(e?.message.contains("memory limit") ?? false, e?.message ?? "no error")
        XCTAssertEqual(e?.location?.line, 2, "the error names the statement that grew")
    }

    func testLoopAppendingStringsEndsInMemoryError() {
        let source = "xs = []\nfor i in range(10**6):\n    xs.append('x' * 10**5 + str(i))"
        let e = scriptError(source, limits: tight())
        XCTAssertEqual(e?.kind, .memoryError)
        XCTAssertEqual(e?.location?.line, 3)
    }

    func testSmallValuesUnderTheLimitRunAsBefore() throws {
        XCTAssertEqual(try runScript("rows = [[i] * 10 for i in range(1000)]\nprint(len(rows), sum(map(len, rows)))", limits: tight()), "1000 10000\n")
    }
}
