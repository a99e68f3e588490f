import Foundation

/// An error raised while scanning, parsing or running lesson code. Mirrors Python's
/// exception names; `NotSupported` marks constructs outside the lesson subset.
///
/// Host objects and builtins throw these too, usually without a location
/// (`throw ScriptError.typeError("...")`): the interpreter fills in the location of the
/// expression being evaluated.
public struct ScriptError: Error, CustomStringConvertible, Equatable {
    public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let syntaxError = Kind(rawValue: "SyntaxError")
        public static let indentationError = Kind(rawValue: "IndentationError")
        public static let nameError = Kind(rawValue: "NameError")
        public static let typeError = Kind(rawValue: "TypeError")
        public static let valueError = Kind(rawValue: "ValueError")
        public static let indexError = Kind(rawValue: "IndexError")
        public static let keyError = Kind(rawValue: "KeyError")
        public static let zeroDivisionError = Kind(rawValue: "ZeroDivisionError")
        public static let attributeError = Kind(rawValue: "AttributeError")
        public static let moduleNotFoundError = Kind(rawValue: "ModuleNotFoundError")
        public static let importError = Kind(rawValue: "ImportError")
        public static let overflowError = Kind(rawValue: "OverflowError")
        public static let memoryError = Kind(rawValue: "MemoryError")
        public static let runtimeError = Kind(rawValue: "RuntimeError")
        public static let recursionError = Kind(rawValue: "RecursionError")
        public static let assertionError = Kind(rawValue: "AssertionError")
        public static let stopIteration = Kind(rawValue: "StopIteration")
        /// The step budget was exhausted (runaway loop in an untrusted lesson).
        public static let stepLimitExceeded = Kind(rawValue: "StepLimitExceeded")
        /// The run was cancelled through `CancellationFlag` (Ctrl-C).
        public static let keyboardInterrupt = Kind(rawValue: "KeyboardInterrupt")
        /// A construct or name outside the lesson subset.
        public static let notSupported = Kind(rawValue: "NotSupported")
    }

    public var kind: Kind
    public var message: String
    public var location: SourceLocation?
    /// The exception object when lesson code raised one (`raise MyError(...)`).
    public var exception: ExceptionBox?
    /// The calls of lesson functions the error passed through, innermost first.
    public var frames: [TracebackFrame] = []

    public init(_ kind: Kind, _ message: String, at location: SourceLocation? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
    }

    /// Errors a lesson cannot catch: the sandbox's limits and refusals, and Ctrl-C.
    public var isCatchable: Bool {
        kind != .stepLimitExceeded && kind != .notSupported && kind != .keyboardInterrupt
    }

    public static func typeError(_ m: String) -> ScriptError { ScriptError(.typeError, m) }
    public static func valueError(_ m: String) -> ScriptError { ScriptError(.valueError, m) }
    public static func indexError(_ m: String) -> ScriptError { ScriptError(.indexError, m) }
    public static func keyError(_ m: String) -> ScriptError { ScriptError(.keyError, m) }
    public static func nameError(_ m: String) -> ScriptError { ScriptError(.nameError, m) }
    public static func attributeError(_ m: String) -> ScriptError { ScriptError(.attributeError, m) }
    public static func zeroDivision(_ m: String) -> ScriptError { ScriptError(.zeroDivisionError, m) }
    public static func notSupported(_ m: String) -> ScriptError { ScriptError(.notSupported, m) }
    public static func runtimeError(_ m: String) -> ScriptError { ScriptError(.runtimeError, m) }
    public static func overflow(_ m: String) -> ScriptError { ScriptError(.overflowError, m) }
    public static func memoryError(_ m: String) -> ScriptError { ScriptError(.memoryError, m) }

    /// The error with `location` set if it had none.
    public func located(_ loc: SourceLocation?) -> ScriptError {
        if location != nil { return self }
        var e = self
        e.location = loc
        return e
    }

    /// `Kind: message` without the location.
    public var summary: String { "\(kind.rawValue): \(message)" }

    /// `file:line:col: NameError: name 'X_trian' is not defined`, then the line and a caret.
    public var description: String {
        guard let loc = location else { return summary }
        var out = "\(loc): \(summary)"
        if !loc.sourceLine.isEmpty {
            let line = loc.sourceLine
            // Keep tabs in the caret line so the caret aligns.
            let prefix = line.unicodeScalars.prefix(max(0, loc.lineColumn - 1))
            let pad = String(String.UnicodeScalarView(prefix.map { $0 == "\t" ? "\t" : " " }))
            out += "\n    \(line)\n    \(pad)^"
        }
        for f in frames {
            out += "\n  in \(f.function)(), called from \(f.location)"
            if !f.location.sourceLine.isEmpty {
                let prefix = f.location.sourceLine.unicodeScalars.prefix(max(0, f.location.lineColumn - 1))
                let pad = String(String.UnicodeScalarView(prefix.map { $0 == "\t" ? "\t" : " " }))
                out += "\n    \(f.location.sourceLine)\n    \(pad)^"
            }
        }
        return out
    }

    /// One sentence on what a lesson may contain, appended to `NotSupported` errors.
    public static let supportedSubset =
        "Lessons support the Python that tutorials write: functions, classes, loops, exceptions, comprehensions and the host's modules; not files, processes or reflection."
}

/// One call of a lesson function in a traceback: the function and where it was called.
public struct TracebackFrame: Sendable, Equatable {
    public var function: String
    public var location: SourceLocation
}

/// The lesson's exception object carried by a `ScriptError` (compared by identity).
public final class ExceptionBox: @unchecked Sendable, Equatable {
    public let instance: InstanceObject
    init(_ instance: InstanceObject) { self.instance = instance }
    public static func == (a: ExceptionBox, b: ExceptionBox) -> Bool { a === b }
}

extension ScriptError: LocalizedError {
    public var errorDescription: String? { description }
}
