import XCTest
@testable import Script

/// Lazy generators stay inside the run's limits: steps taken while resuming count, recursion
/// through nested generators stops with RecursionError, and an unsupported `yield` placement
/// is a clear refusal rather than a wrong answer.
final class GeneratorLimitsTests: XCTestCase {
    func testStepsInsideAnInfiniteGeneratorCount() {
        let limits = ExecutionLimits(maxSteps: 5_000)
        let e = scriptError("def forever():\n    while True:\n        yield 1\nfor x in forever():\n    pass", limits: limits)
        XCTAssertEqual(e?.kind, .stepLimitExceeded)
    }

    func testListOfAnInfiniteGeneratorIsBounded() {
        let limits = ExecutionLimits(maxSteps: 50_000_000, maxCollectionLength: 1_000)
        let e = scriptError("def forever():\n    n = 0\n    while True:\n        yield n\n        n += 1\nxs = list(forever())", limits: limits)
        XCTAssertEqual(e?.kind, .memoryError)
    }

    func testNestedGeneratorsHitTheRecursionLimit() {
        let limits = ExecutionLimits(maxRecursionDepth: 50)
        let e = scriptError("def down(n):\n    yield n\n    yield from down(n + 1)\nfor x in down(0):\n    pass", limits: limits)
        XCTAssertEqual(e?.kind, .recursionError)
    }

    func testTheBodyDoesNotRunUntilAsked() throws {
        XCTAssertEqual(try runScript("def g():\n    print('ran')\n    yield 1\nx = g()\nprint('made')"), "made\n")
    }

    func testYieldInsideAnExpressionIsRefusedClearly() {
        let e = scriptError("def g():\n    print((yield 1))\nlist(g())")
        XCTAssertEqual(e?.kind, .notSupported)
        XCTAssertEqual(e?.location?.line, 2)
    }

    func testARunningGeneratorCannotResumeItself() {
        let e = scriptError("def g():\n    yield next(me)\nme = g()\nnext(me)")
        XCTAssertEqual(e?.kind, .valueError)
        XCTAssertEqual(e?.message, "generator already executing")
    }
}
