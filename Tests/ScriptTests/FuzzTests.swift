import XCTest
@testable import Script

/// Seeded random input for the scanner, parser and interpreter: each input must either
/// succeed or throw a ScriptError, never trap.
final class FuzzTests: XCTestCase {
    struct SplitMix64 {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    static let fragments: [String] = [
        "x", "y", "X_train", "print", "len", "range", "(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "=", "==", "+", "-",
        "*", "**", "/", "//", "%", "<", ">", "!=", " ", "  ", "\n", "\n    ", "\t", "\\\n", "#c\n", "'s'", "\"t\"", "'''", "f'{x:.2f}'",
        "f\"{", "}", "0", "1", "2.5", "1e-3", "10**3", "1_000", "0x", "if ", "elif ", "else", "for ", " in ", "not ", " and ",
        " or ", "is ", "None", "True", "False", "pass", "break", "continue", "import ", "from ", " as ", "lambda", "while",
        "[i for i in range(3)]", "'a' * 3", "{'k': 1}", "x[1:2, ::3]", "(1,)", "@", "~", "!", "$", "é", "\u{0}", "\r",
        "\\", "'", "\"", "{", "f'{", "!r", "=}", "...", "-1", "round(2.5, 1)", "zip(", "enumerate(", "sorted(",
    ]

    static let seeds: [String] = [
        "from tensorflow.keras.datasets import mnist\n(X_train, y_train), (X_test, y_test) = mnist.load_data()\nprint(X_train.shape)",
        "for i, x in enumerate([1, 2, 3]):\n    if i % 2 == 0:\n        print(f'{i}: {x:>4}')\n    else:\n        continue",
        "d = {'a': [1, 2], 'b': (3,)}\nprint(d['a'][-1], sorted(d.keys()), '%.3f' % 1.5)",
    ]

    func check(_ src: String) {
        do {
            let p = try Parser.parse(source: src, origin: SourceOrigin(file: "fuzz.md", lineOffset: 3))
            let i = Interpreter(output: CapturedOutput(), limits: ExecutionLimits(maxSteps: 2000, maxCollectionLength: 10_000))
            _ = try? i.run(p)
            _ = p.topLevelLiteralAssignments()
            _ = p.keywordArguments(named: "x")
        } catch let e as ScriptError {
            _ = e.description
        } catch {
            XCTFail("non-ScriptError \(error) for \(src.debugDescription)")
        }
    }

    /// `SCRIPT_FUZZ_SCALE=50 swift test --filter FuzzTests` runs 50 times more inputs.
    var scale: Int { Int(ProcessInfo.processInfo.environment["SCRIPT_FUZZ_SCALE"] ?? "") ?? 1 }

    func testRandomFragments() {
        var rng = SplitMix64(state: 0x5EED &+ UInt64(scale))
        for _ in 0..<(4000 * scale) {
            var s = ""
            for _ in 0..<(1 + rng.int(25)) { s += FuzzTests.fragments[rng.int(FuzzTests.fragments.count)] }
            check(s)
        }
    }

    func testRandomBytesAndMutations() {
        var rng = SplitMix64(state: 42 &+ UInt64(scale))
        for n in 0..<(3000 * scale) {
            var scalars: [Unicode.Scalar]
            if n % 2 == 0 {
                scalars = (0..<rng.int(60)).map { _ in Unicode.Scalar(UInt8(truncatingIfNeeded: rng.next() % 128)) }
            } else {
                scalars = Array(FuzzTests.seeds[rng.int(FuzzTests.seeds.count)].unicodeScalars)
                for _ in 0..<(1 + rng.int(4)) where !scalars.isEmpty {
                    let k = rng.int(scalars.count)
                    switch rng.int(3) {
                    case 0: scalars.remove(at: k)
                    case 1: scalars.insert(Array("()[]{}:'\"\n \\#=,.f".unicodeScalars)[rng.int(17)], at: k)
                    default: scalars[k] = Array("()[]{}:'\"\n \\#=,.f".unicodeScalars)[rng.int(17)]
                    }
                }
            }
            check(String(String.UnicodeScalarView(scalars)))
        }
    }

    func testRegressionInputs() {
        for s in ["\n\n# c\n\n", "  \n#x", "\\", "f'{", "f'{x!'", "f'{x:{y:{z}}}'", "'\\", "x[", "(" , "0x", "1e", "1.e5",
                  "if 1:\n\n    # c\n\n    pass\n", "for x in 1:\n pass", "x = [1]\nx[1:0] = [2]\nprint(x)",
                  "l = [1, 2, 3]\nl[::2] = [0]", "print(f'{1:{2}}')", "print('%(a)s' % {'a': 1})", "x = -9223372036854775807 - 1\nprint(-x)",
                  "print([1, 2, 3][1::9223372036854775807])", "m = -9223372036854775807 - 1\nprint([1, 2][::m])",
                  "m = -9223372036854775807 - 1\nprint(len(range(m, 9223372036854775807)))", "print(range(m, 5, -1)[::2])",
                  "m = -9223372036854775807 - 1\nx = list(range(m, 9223372036854775807, 2**62))\nprint(x)"] {
            check(s)
        }
    }
}
