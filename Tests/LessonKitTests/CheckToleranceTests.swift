@testable import LessonKit
import XCTest

final class CheckToleranceTests: XCTestCase {
    let rules = ToleranceOverrides()

    func testAccuracyIsAbsoluteOneHundredth() {
        let tolerance = rules.tolerance(forFloat: "0.9575", key: "val_Accuracy")
        XCTAssertEqual(tolerance.rule, .accuracy)
        XCTAssertTrue(tolerance.allows(expected: 0.9575, actual: 0.9670))
        XCTAssertFalse(tolerance.allows(expected: 0.9575, actual: 0.9275))
    }

    func testLossIsTwoHundredthsPlusAQuarter() {
        let tolerance = rules.tolerance(forFloat: "0.1", key: "val_loss")
        XCTAssertEqual(tolerance.rule, .loss)
        XCTAssertTrue(tolerance.allows(expected: 0.1, actual: 0.145))
        XCTAssertFalse(tolerance.allows(expected: 0.1, actual: 0.2))
    }

    func testOtherFloatsMatchToTheirWrittenPrecision() {
        let tolerance = rules.tolerance(forFloat: "3.14", key: nil)
        XCTAssertEqual(tolerance.rule, .precision(halfUnit: 0.005))
        XCTAssertTrue(tolerance.allows(expected: 3.14, actual: 3.1449))
        XCTAssertFalse(tolerance.allows(expected: 3.14, actual: 3.146))
        XCTAssertEqual(ToleranceOverrides.halfUnit(of: "1.5e-3"), 0.00005, accuracy: 1e-12)
        XCTAssertEqual(ToleranceOverrides.halfUnit(of: "2."), 0.5)
    }

    func testPrecedenceIsRunThenBlockThenLessonThenRule() {
        let all = ToleranceOverrides(run: (0.3, nil), block: (0.2, 0.1), lesson: (0.1, 0.5))
        XCTAssertEqual(all.tolerance(forFloat: "0.5", key: "loss").rule, .override(absolute: 0.3, relative: 0.1, source: "--atol + output block"))
        let blockAndLesson = ToleranceOverrides(block: (0.2, nil), lesson: (nil, 0.5))
        XCTAssertEqual(blockAndLesson.tolerance(forFloat: "0.5", key: "acc").rule, .override(absolute: 0.2, relative: 0.5, source: "output block + front matter"))
    }

    func testIntegersAndShapesMatchExactlyEvenWithOverrides() {
        let loose = ToleranceOverrides(run: (10, 10))
        let comparison = OutputComparer.compare(documented: "(60000, 28, 28)\n", fresh: "(60000, 28, 27)\n", overrides: loose)
        XCTAssertEqual(comparison.mismatches.map(\.rule), ["integers match exactly"])
    }

    func testVeryLongOutputsPairByPosition() {
        let documented = (1...2100).map { "step \($0)" }.joined(separator: "\n")
        var fresh = (1...2100).map { "step \($0)" }
        fresh[7] = "other"
        let comparison = OutputComparer.compare(documented: documented, fresh: fresh.joined(separator: "\n"))
        XCTAssertEqual(comparison.missing.map(\.text), ["step 8"])
        XCTAssertEqual(comparison.extra.map(\.text), ["other"])
    }
}
