import XCTest
@testable import Script

/// IPython's lines: installs skipped with a note, shell refused at its statement, magics.
final class IPythonLinesTests: XCTestCase {
    func run(_ source: String, modules: [String] = ["numpy", "tensorflow.keras"]) throws -> (CapturedOutput, Interpreter) {
        let out = CapturedOutput()
        let registry = ModuleRegistry()
        for m in modules { registry.register(ModuleValue(name: m)) }
        let interp = Interpreter(importer: registry, output: out)
        try interp.run(source: source)
        return (out, interp)
    }

    func testPipInstallIsSkippedWithANote() throws {
        let (out, _) = try run("!pip install -q tensorflow\n%pip install pandas\nx = 1\nprint(x)")
        XCTAssertEqual(out.stdout, "1\n")
        XCTAssertEqual(out.stderr, """
        note: skipped `!pip install -q tensorflow`: lessons cannot install packages; they can import: numpy, tensorflow
        note: skipped `%pip install pandas`: lessons cannot install packages; they can import: numpy, tensorflow

        """)
    }

    func testOtherShellCommandsStopTheCellAtTheirLine() {
        let out = CapturedOutput()
        let interp = Interpreter(output: out)
        XCTAssertThrowsError(try interp.run(source: "a = 1\n!ls -la\nb = 2")) { e in
            XCTAssertEqual((e as? ScriptError)?.kind, .notSupported)
            XCTAssertEqual((e as? ScriptError)?.location?.line, 2)
        }
        XCTAssertNotNil(interp.globals["a"])
        XCTAssertNil(interp.globals["b"])
    }

    func testMagicsThatChangeNothingAreAccepted() throws {
        let (out, _) = try run("%matplotlib inline\n%load_ext autoreload\nprint('ok')")
        XCTAssertEqual(out.stdout, "ok\n")
    }

    func testTimeMagicsRunTheirStatementAndPrintIPythonsLines() throws {
        let (out, interp) = try run("%time x = sum(range(10))\n%timeit y = 2")
        XCTAssertEqual(interp.globals["x"]?.intValue, 45)
        XCTAssertEqual(interp.globals["y"]?.intValue, 2)
        let lines = out.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 3, out.stdout)
        XCTAssertTrue(lines[0].hasPrefix("CPU times: user "), out.stdout)
        XCTAssertTrue(lines[1].hasPrefix("Wall time: "), out.stdout)
        XCTAssertTrue(lines[2].hasSuffix(" per loop (mean ± std. dev. of 1 run, 1 loop each)"), out.stdout)
    }

    func testCellTimeMagicTimesTheWholeCell() throws {
        let (out, interp) = try run("%%time\na = 1\nfor i in range(3):\n    a += i\nprint(a)")
        XCTAssertEqual(interp.globals["a"]?.intValue, 4)
        XCTAssertTrue(out.stdout.hasPrefix("4\nCPU times: user "), out.stdout)
    }

    func testFormatTimeAsIPython() {
        XCTAssertEqual(Interpreter.formatTime(1.5), "1.5 s")
        XCTAssertEqual(Interpreter.formatTime(0.0123), "12.3 ms")
        XCTAssertEqual(Interpreter.formatTime(4.05e-6), "4.05 µs")
        XCTAssertEqual(Interpreter.formatTime(0), "0 ns")
    }
}
