import Foundation

/// A property a fuzz target checks did not hold (a crash or hang needs no error: the process
/// or the test's clock sees it). libFuzzer's entry points turn it into a trap so the input is
/// kept; the regression tests turn it into a test failure.
public struct FuzzFailure: Error, CustomStringConvertible {
    public let target: String
    public let message: String

    public init(_ target: String, _ message: String) {
        self.target = target
        self.message = message
    }

    public var description: String { "\(target): \(message)" }
}

/// Every target by the name its libFuzzer executable and its regression folder have
/// (`Fuzz/Sources/<name>`, `Fuzz/Regressions/<name>`).
public enum FuzzTargets {
    public static let all: [String: (Data) throws -> Void] = [
        "FuzzLesson": FuzzLesson.fuzzOne,
        "FuzzNotebook": FuzzNotebook.fuzzOne,
        "FuzzScript": FuzzScript.fuzzOne,
        "FuzzIDX": FuzzIDX.fuzzOne,
        "FuzzNPZ": FuzzNPZ.fuzzOne,
        "FuzzComparer": FuzzComparer.fuzzOne,
        "FuzzNumPy": FuzzNumPy.fuzzOne,
    ]
}
