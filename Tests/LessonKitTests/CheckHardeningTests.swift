import XCTest
@testable import LessonKit

/// The comparer on figures no tutorial prints but a hostile or broken lesson may: infinities,
/// exponents beyond any Double or Int.
final class CheckHardeningTests: XCTestCase {
    func testAnInfiniteFigureMatchesOnlyItself() {
        // Found by FuzzComparer: inf - inf is NaN, so `loss: 4e0445` did not match itself.
        XCTAssertTrue(OutputComparer.compare(documented: "loss: 4e0445", fresh: "loss: 4e0445").matches)
        XCTAssertTrue(OutputComparer.compare(documented: "x: -1e999", fresh: "x: -2e999").matches, "both are -inf")
        // And a documented infinity is not within a loss's relative bound of every number.
        let finite = OutputComparer.compare(documented: "loss: 1e999", fresh: "loss: 0.5")
        XCTAssertEqual(finite.mismatches.map(\.actual), ["0.5"])
        XCTAssertFalse(OutputComparer.compare(documented: "x: 0.5", fresh: "x: 1e999").matches)
    }

    func testExponentsBeyondIntDoNotTrap() {
        for text in ["x: 1.5e-9223372036854775808", "x: 1.5e9223372036854775807", "val: 2.5e99999999999999999999999", "a: 1.0e-99999999999999999999"] {
            XCTAssertTrue(OutputComparer.compare(documented: text, fresh: text).matches, text)
        }
        XCTAssertEqual(ToleranceOverrides.halfUnit(of: "1.5e-9223372036854775808"), 0.5 * pow(10, -401))
        XCTAssertEqual(ToleranceOverrides.halfUnit(of: "0.988"), 0.0005, accuracy: 1e-15)
    }
}
