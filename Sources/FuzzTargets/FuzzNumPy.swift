import Foundation
import NumPy
import Script

/// NumPy as a stranger's lesson would drive it: array creation with hostile shapes and values,
/// reshapes, indexing and assignment of every kind, reductions, print options and printing,
/// run with small limits. Every failure must be a ScriptError (a crash or hang is the finding).
/// A first byte that is even makes the rest Python after `import numpy as np` (the seeds are
/// the differential programs); odd, the bytes choose the statements of a generated program.
public enum FuzzNumPy {
    public static func fuzzOne(_ data: Data) throws {
        let source = program(from: data)
        let context = RunContext(limits: RunLimits(maxSteps: 20_000, maxCollectionLength: 100_000, maxAllocationBytes: 1 << 20))
        let registry = ModuleRegistry()
        registry.register("numpy") { NumPyModule.make(context: context, seed: 0) }
        do {
            let parsed = try Parser.parse(source: source, origin: SourceOrigin(file: "fuzz.py"))
            let interpreter = Interpreter(importer: registry, output: CapturedOutput(), context: context)
            if let shown = try interpreter.run(parsed) { _ = interpreter.displayText(shown) }
        } catch let error as ScriptError {
            _ = error.description
        } catch {
            throw FuzzFailure("FuzzNumPy", "not a ScriptError: \(error)")
        }
    }

    public static func program(from data: Data) -> String {
        guard let first = data.first, first & 1 == 1 else { return "import numpy as np\n" + String(decoding: data.dropFirst(), as: UTF8.self) }
        var bytes = Bytes(data.dropFirst())
        var lines = ["import numpy as np", "a = np.arange(6)"]
        for _ in 0..<12 where !bytes.isEmpty {
            lines.append("try:\n    " + statement(&bytes).replacingOccurrences(of: "\n", with: "\n    ") + "\nexcept Exception:\n    pass")
        }
        lines.append("print(a)\nprint(repr(a))")
        return lines.joined(separator: "\n") + "\n"
    }

    static let dtypes = ["np.float64", "np.float32", "np.int64", "np.int32", "np.uint8", "bool"]

    static func statement(_ b: inout Bytes) -> String {
        switch b.next() % 10 {
        case 0: return "a = np.array(\(b.nested()), dtype=\(dtypes[b.next() % dtypes.count]))"
        case 1:
            let maker = ["np.zeros", "np.ones", "np.empty", "np.arange", "np.eye"][b.next() % 5]
            return maker == "np.arange" ? "a = np.arange(\(b.value()), \(b.value()), \(b.value()))" : "a = \(maker)(\(b.shape()))"
        case 2: return "a = a.reshape(\(b.shape()))"
        case 3: return "print(a[\(b.index())])"
        case 4: return "a[\(b.index())] = \(b.value())"
        case 5:
            return "np.set_printoptions(precision=\(b.int()), threshold=\(b.value()), edgeitems=\(b.int()), linewidth=\(b.int()), suppress=\(b.next() & 1 == 1 ? "True" : "False"))"
        case 6: return "print(a)\nprint(repr(a))\nprint(str(a.T), a.shape, a.dtype)"
        case 7:
            let reduce = ["sum", "mean", "std", "max", "argmin", "cumsum", "prod", "any"][b.next() % 8]
            return "print(np.\(reduce)(a, axis=\(b.int() % 5 - 2)), a.\(reduce == "cumsum" ? "sum" : reduce)())"
        case 8:
            return ["a = np.concatenate([a, a], axis=\(b.int() % 4 - 2))", "a = np.stack([a, a])", "a = a.T", "a = np.expand_dims(a, \(b.int() % 5 - 2))",
                    "a = np.transpose(a)", "a = np.where(a > \(b.value()), a, \(b.value()))"][b.next() % 6]
        default:
            return ["a = a.astype(\(dtypes[b.next() % dtypes.count]))", "a = a * \(b.value()) + a", "a = a / \(b.value())", "a = a @ a.T",
                    "a = np.clip(a, \(b.value()), \(b.value()))", "print(np.unique(a, return_counts=True))"][b.next() % 6]
        }
    }

    /// The fuzzer's bytes, read as small choices; zeros once used up.
    struct Bytes {
        var rest: Data.SubSequence
        init(_ data: Data.SubSequence) { rest = data }
        var isEmpty: Bool { rest.isEmpty }
        mutating func next() -> Int { guard let byte = rest.popFirst() else { return 0 }; return Int(byte) }
        /// Sizes that matter: small, zero, negative, one past a limit, huge.
        mutating func int() -> Int { [0, 1, 2, 3, 5, -1, -3, 1000, 1 << 20, 1 << 40, Int.max, Int.min, 7, 100][next() % 14] }
        mutating func value() -> String {
            ["0", "1", "-1", "2.5", "-0.0", "1e-300", "1e308", "np.nan", "np.inf", "-np.inf", "2**63", "255", "1e-5", "True", "3"][next() % 15]
        }
        mutating func shape() -> String { "(" + (0..<(next() % 5)).map { _ in String(int()) }.joined(separator: ", ") + ",)" }
        mutating func nested() -> String {
            let depth = next() % 4, width = next() % 4
            func level(_ d: Int) -> String { d == 0 ? value() : "[" + (0..<width).map { _ in level(d - 1) }.joined(separator: ", ") + "]" }
            return level(depth)
        }
        mutating func index() -> String {
            (0..<(1 + next() % 3)).map { _ -> String in
                switch next() % 7 {
                case 0: return String(int())
                case 1: return "\(int()):\(int())"
                case 2: return "::\(int())"
                case 3: return "a > \(value())"
                case 4: return "[\(int()), \(int())]"
                case 5: return "np.newaxis"
                default: return "..."
                }
            }.joined(separator: ", ")
        }
    }
}
