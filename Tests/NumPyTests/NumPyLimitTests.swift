import Foundation
import NumPy
import Script
import XCTest

/// Arrays the new functions make are charged to the run before they are allocated: a small
/// allocation limit stops each with a MemoryError, not a crash or a huge allocation.
final class NumPyLimitTests: XCTestCase {
    func error(_ line: String) -> ScriptError? {
        let registry = ModuleRegistry()
        let context = RunContext(limits: RunLimits(maxAllocationBytes: 1 << 20))
        registry.register("numpy") { NumPyModule.make(context: context, seed: 0) }
        let interpreter = Interpreter(importer: registry, output: CapturedOutput(), context: context)
        do {
            _ = try interpreter.run(try Parser.parse(source: "import numpy as np\n" + line, origin: SourceOrigin(file: "limits.py")))
            return nil
        } catch { return error as? ScriptError }
    }

    func testEveryMakerIsCharged() {
        for line in ["np.tile(np.ones(10), 100000)", "np.repeat(np.ones(10), 100000)", "np.ones((1000, 1)) @ np.ones((1, 1000))",
                     "np.concatenate([np.ones(100000), np.ones(100000)])", "np.random.rand(1000, 1000)", "np.random.default_rng(1).random(200000)",
                     "np.linspace(0, 1, 1000000)", "np.eye(1000)", "np.full((1000, 1000), 2)", "np.where(np.ones(1000) > 0, np.ones((1000, 1)), 0)",
                     "np.random.randint(0, 5, size=(1000, 1000))"] {
            let thrown = error(line)
            XCTAssertEqual(thrown?.kind.rawValue, "MemoryError", "\(line): \(thrown.map { "\($0)" } ?? "no error")")
        }
        XCTAssertNil(error("np.tile(np.ones(10), 100)"), "small arrays are fine")
    }

    func testBadArgumentsAreErrorsNotCrashes() {
        for line in ["np.random.randint(5, 2)", "np.random.choice(0)", "np.linspace(0, 1, -1)", "np.zeros(3)[np.array([5])]",
                     "x = np.zeros(3)\nx[[7]] = 1", "np.arange(6).reshape(4, 2)", "np.ones(3).sum(axis=3)", "np.split(np.arange(5), 2)",
                     "np.random.default_rng(-1)", "np.histogram(np.ones(3), bins=0)", "np.bincount(np.array([-1, 2]))"] {
            XCTAssertNotNil(error(line), line)
        }
    }

    /// An empty array's other axes may be huge: reductions, running sums, sorts and slices
    /// count their results instead of walking 2**40 lanes (FuzzNumPy found one that hung).
    func testEmptyArraysWithHugeAxesAreQuick() {
        let start = Date()
        for line in ["a = np.zeros((0, 2**40))\nassert a.sum(axis=1).shape == (0,)\nassert a.cumsum(axis=0).shape == (0, 2**40)",
                     "a = np.zeros((0, 2**40))\nassert a[:, ::2].shape == (0, 2**39)\nassert a[:, ::-3].shape == (0, 366503875926)",
                     "a = np.zeros((0, 2**40))\nassert np.sort(a, axis=0).shape == (0, 2**40)\nassert np.repeat(a, 3, axis=1).shape == (0, 3 * 2**40)",
                     "a = np.zeros((0, 3))\nassert a.argmax(axis=1).shape == (0,)\nassert np.max(a, axis=1).shape == (0,)",
                     "b = np.zeros((0, 2**40, 2**19))\nassert b.mean(axis=1).shape == (0, 2**19)\nassert b.tolist() == []",
                     // A mask choosing no rows of an empty array whose other axes are huge.
                     "b = np.zeros((0, 2**40, 2**19))\nassert b[np.zeros(0, dtype=bool)].shape == (0, 2**40, 2**19)",
                     "b = np.zeros((0, 2**40, 2**19))\nb[np.zeros(0, dtype=bool)] = 1\nassert b.shape == (0, 2**40, 2**19)",
                     "b = np.zeros((0, 2**40, 2**19))\nassert np.isclose(b, b).shape == (0, 2**40, 2**19)\nassert (b + 1).shape == b.shape"] {
            XCTAssertNil(error(line), line)
        }
        for line in ["np.zeros((0, 2**40)).sum(axis=0)", "np.sum(np.zeros((0, 2**40)), axis=0)", "np.zeros((0, 2**40, 2**19)).sum(axis=0)",
                     // NumPy refuses these at once: their non-zero axes times 8 bytes overflow an intp.
                     "np.zeros((0, 2**40, 2**40))", "np.zeros((2**62, 0))", "np.ones((0, 2**63 - 1))",
                     "np.zeros((0, 3)).max(axis=0)", "np.zeros((0, 3)).argmax(axis=0)"] {
            XCTAssertEqual(error(line)?.kind.rawValue, "ValueError", line)
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
    }
}
