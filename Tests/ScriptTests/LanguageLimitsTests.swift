import XCTest
@testable import Script

/// Issue 14's Script parts and the sandbox around the new constructs: sizes refused before
/// they are allocated, self-containing reprs, recursion, cancellation, reflection refused.
final class LanguageLimitsTests: XCTestCase {
    func kind(_ source: String, limits: ExecutionLimits = ExecutionLimits()) -> String? {
        scriptError(source, limits: limits)?.kind.rawValue
    }

    func testHugeJoinIsRefusedBeforeItIsBuilt() {
        XCTAssertEqual(kind("s = ' '.join(['x' * 10**6] * 10**6)"), "MemoryError")
    }

    func testReplaceOfTheEmptyStringIsBounded() {
        XCTAssertEqual(kind("s = ('a' * 10**6).replace('', 'b' * 1000)"), "MemoryError")
        XCTAssertEqual(kind("s = ('ab' * 10**6).replace('a', 'c' * 100)"), "MemoryError")
    }

    func testStrOfAHugeListIsRefused() {
        XCTAssertEqual(kind("x = ['y' * 1000] * 100000\ns = str(x)"), "MemoryError")
        XCTAssertEqual(kind("x = ['y' * 1000] * 100000\nprint(x)"), "MemoryError")
    }

    func testListConcatenationIsBounded() {
        let limits = ExecutionLimits(maxCollectionLength: 1000)
        XCTAssertEqual(kind("a = [0] * 600\nb = a + a", limits: limits), "MemoryError")
        XCTAssertEqual(kind("a = [0] * 600\na += a", limits: limits), "MemoryError")
    }

    func testSelfContainingContainersPrintEllipsis() throws {
        XCTAssertEqual(try runScript("a = [1]\na.append(a)\nprint(a)\nd = {}\nd['d'] = d\nprint(d)"), "[1, [...]]\n{'d': {...}}\n")
    }

    func testRecursionStopsWithRecursionError() {
        let e = scriptError("def f(n):\n    return f(n + 1)\nf(0)")
        XCTAssertEqual(e?.kind, .recursionError)
        XCTAssertEqual(e?.message, "maximum recursion depth exceeded")
    }

    func testRecursionLimitIsConfigurable() {
        var limits = ExecutionLimits()
        limits.maxRecursionDepth = 10
        XCTAssertEqual(kind("def f(n):\n    return 0 if n == 0 else f(n - 1)\nf(20)", limits: limits), "RecursionError")
        XCTAssertNil(kind("def f(n):\n    return 0 if n == 0 else f(n - 1)\nf(5)", limits: limits))
    }

    func testWhileLoopsCountSteps() {
        XCTAssertEqual(kind("while True:\n    pass", limits: ExecutionLimits(maxSteps: 1000)), "StepLimitExceeded")
    }

    func testTheStepLimitCannotBeCaught() {
        let src = "while True:\n    try:\n        while True:\n            pass\n    except BaseException:\n        pass"
        XCTAssertEqual(kind(src, limits: ExecutionLimits(maxSteps: 1000)), "StepLimitExceeded")
    }

    func testCancellationStopsALessonFunctionLoop() {
        let flag = CancellationFlag()
        flag.cancel()
        let interp = Interpreter(cancellation: flag)
        XCTAssertThrowsError(try interp.run(source: "def f():\n    while True:\n        pass\nf()")) { e in
            XCTAssertEqual((e as? ScriptError)?.kind, .keyboardInterrupt)
        }
    }

    func testReflectionDundersStayRefused() {
        for src in ["def f(): pass\nf.__globals__", "def f(): pass\nf.__code__", "class A: pass\nA.__subclasses__()",
                    "class A: pass\nA().__dict__", "x = (1).__class__.__bases__"] {
            XCTAssertEqual(kind(src), "NotSupported", src)
        }
    }

    func testHarmlessDundersAreReadable() throws {
        XCTAssertEqual(try runScript("def f():\n    'doc'\nclass A: pass\nprint(f.__name__, f.__doc__, A.__name__, type(A()).__name__, A().__class__.__name__, type(3).__name__)"),
                       "f doc A A A int\n")
    }

    func testUncaughtErrorInAFunctionHasATraceback() {
        let e = scriptError("def g():\n    return 1 / 0\ndef f():\n    return g()\nf()", lineOffset: 10)
        XCTAssertEqual(e?.kind, .zeroDivisionError)
        XCTAssertEqual(e?.location?.line, 12)
        XCTAssertEqual(e?.frames.map { $0.function }, ["g", "f"])
        XCTAssertEqual(e?.frames.map { $0.location.line }, [14, 15])
        XCTAssertTrue(e?.description.contains("in g(), called from t.md:14:12") == true, e?.description ?? "")
    }

    func testStatementsBeforeAnErrorKeepTheirEffect() throws {
        let out = CapturedOutput()
        let interp = Interpreter(output: out)
        XCTAssertThrowsError(try interp.run(source: "x = 1\ndef f():\n    return 2\nraise ValueError('stop')\ny = 3"))
        XCTAssertNotNil(interp.globals["x"])
        XCTAssertNotNil(interp.globals["f"])
        XCTAssertNil(interp.globals["y"])
        try interp.run(source: "print(x, f())")
        XCTAssertEqual(out.stdout, "1 2\n")
    }
}
