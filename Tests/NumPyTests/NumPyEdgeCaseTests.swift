import NumPy
import Script
import XCTest

/// Every `np.*` function, `np.random.*` and Generator method, and array method, called with
/// one and two awkward arguments each (empty, 0-d, NaN, negative, huge, wrong types): each
/// call returns or raises a Python error; none may crash the process.
final class NumPyEdgeCaseTests: XCTestCase {
    static let arguments = ["np.array([])", "np.array(3)", "np.array([np.nan, 1.0])", "-1", "2**62", "0", "'x'", "None", "[[1, 2], [3]]",
                            "np.ones((2, 0))", "np.array([True, False])", "np.arange(6).reshape(2, 3)", "(2, -3)", "1e308", "[5, -7]"]

    func testAwkwardArgumentsRaiseOrReturn() throws {
        let registry = ModuleRegistry()
        let context = RunContext(limits: RunLimits(maxSteps: 10_000_000, maxAllocationBytes: 1 << 20))
        registry.register("numpy") { NumPyModule.make(context: context, seed: 0) }
        let interpreter = Interpreter(importer: registry, output: CapturedOutput(), context: context)
        _ = try interpreter.run(try Parser.parse(source: "import numpy as np\nrng = np.random.default_rng(0)\nx = np.arange(6.0).reshape(2, 3)", origin: SourceOrigin(file: "edge.py")))
        let module = try XCTUnwrap(try registry.importModule(named: "numpy"))
        let random = ["seed", "rand", "randn", "randint", "random", "normal", "uniform", "choice", "permutation", "shuffle", "RandomState", "default_rng"]
        let generator = ["random", "integers", "uniform", "choice", "permutation", "shuffle"]
        let methods = ["sum", "mean", "std", "var", "min", "max", "argmin", "argmax", "prod", "all", "any", "cumsum", "clip", "round", "dot",
                       "argsort", "nonzero", "swapaxes", "repeat", "reshape", "transpose", "sort", "fill", "astype", "item", "tolist"]
        let callees = module.members.keys.sorted().filter { if case .function = module.members[$0] { return true }; return false }.map { "np.\($0)" }
            + random.map { "np.random.\($0)" } + generator.map { "rng.\($0)" } + methods.map { "x.\($0)" } + ["np.linalg.norm"]
        var calls = 0
        for callee in callees {
            var lines = ["\(callee)()"]
            for a in Self.arguments {
                lines.append("\(callee)(\(a))")
                for b in Self.arguments { lines.append("\(callee)(\(a), \(b))") }
            }
            for line in lines {
                calls += 1
                do { _ = try interpreter.run(try Parser.parse(source: line, origin: SourceOrigin(file: "edge.py"))) } catch is ScriptError { continue }
            }
        }
        XCTAssertGreaterThan(calls, 10_000)
        // Indexing and assignment with the same values.
        for a in Self.arguments {
            for line in ["x[\(a)]", "x[\(a)] = 1", "x[\(a), \(a)]", "x[\(a), 0] = \(a)", "np.arange(4)[\(a)] = 2"] {
                do { _ = try interpreter.run(try Parser.parse(source: line, origin: SourceOrigin(file: "edge.py"))) } catch is ScriptError { continue }
            }
        }
    }
}
