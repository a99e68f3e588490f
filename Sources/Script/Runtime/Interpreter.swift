import Foundation

/// A flag another thread sets to stop a running cell (Ctrl-C). Checked at every statement
/// and loop iteration; hosts should check it in long operations too.
public final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    public init() {}
    public var isCancelled: Bool { lock.lock(); defer { lock.unlock() }; return flag }
    public func cancel() { lock.lock(); flag = true; lock.unlock() }
    public func reset() { lock.lock(); flag = false; lock.unlock() }
}

/// Bounds for untrusted lessons.
public struct ExecutionLimits: Sendable {
    /// Statements, loop iterations and comprehension iterations allowed per `run` call.
    public var maxSteps: Int
    /// Largest list/tuple/str a lesson may build (`list(range(10**12))` is refused).
    public var maxCollectionLength: Int

    /// Largest single allocation a host binding may make for a lesson (arrays, tensors);
    /// bindings check it with `Interpreter.checkAllocation` before allocating.
    public var maxAllocationBytes: Int

    /// Calls of lesson functions that may be active at once (CPython's recursion limit).
    public var maxRecursionDepth: Int = 1000

    public init(maxSteps: Int = 10_000_000, maxCollectionLength: Int = 10_000_000,
                maxAllocationBytes: Int = 4 << 30) {
        self.maxSteps = maxSteps
        self.maxCollectionLength = maxCollectionLength
        self.maxAllocationBytes = maxAllocationBytes
    }
}

/// A tree-walking interpreter for the lesson subset of Python. One interpreter per lesson
/// session: globals persist across cells, as in a Jupyter kernel.
///
/// How a host plugs in (the bindings do this for Keras and NumPy):
///
/// ```swift
/// final class History: HostObject {                      // a host value
///     var typeName: String { "History" }
///     func repr() -> String { "<keras.src.callbacks.history.History at 0x209cf1b4830>" }
///     func getAttribute(_ name: String) throws -> Value? {
///         name == "history" ? .dict(DictStorage([("loss", .list([.float(0.1)]))])) : nil
///     }
/// }
/// let out = CapturedOutput()                               // or your own ScriptOutput
/// let modules = ModuleRegistry()
/// modules.register("tensorflow.keras.utils") {            // built on first import
///     let m = ModuleValue(name: "tensorflow.keras.utils")
///     m.addFunction("to_categorical") { args in            // a builtin function
///         let a = try args.bind(["y", "num_classes"], required: 1)  // Python-like TypeErrors
///         let n = try a.int("num_classes", default: 10)
///         ...
///         return .object(SomeArray(...))
///     }
///     return m
/// }
/// let interp = Interpreter(importer: modules, output: out)
/// let program = try Parser.parse(source: code, origin: SourceOrigin(file: "cnn-mnist.md", lineOffset: 56))
/// let shown = try interp.run(program)                      // throws ScriptError (located)
/// if let text = interp.displayText(shown) { /* Jupyter's Out[n] */ }
/// ```
///
/// A method of a host object is an attribute returning `.function(BuiltinFunction(...))`
/// that captures the object; host code reads `interp.currentLocation` to know which line
/// called it, and should check `interp.cancellation` in long loops.
public final class Interpreter {
    /// Global variables of the session.
    public var globals: [String: Value] = [:]
    /// Builtin functions (`print`, `len`, ...); hosts may add or replace entries.
    public var builtins: [String: Value] = [:]
    public var importer: ModuleImporter
    public var output: ScriptOutput
    public var limits: ExecutionLimits
    public let cancellation: CancellationFlag
    /// Steps used by the current (or last) `run`.
    public internal(set) var stepsUsed = 0
    /// The location of the statement or call being executed (hosts read it to tag steps).
    public internal(set) var currentLocation: SourceLocation?

    var localScopes: [Scope] = []
    let runtime = RuntimeState()
    var modules: [String: ModuleValue] = [:]

    /// Names that are refused with a NotSupported error (no files, no exec).
    public static let forbiddenNames: [String: String] = [
        "open": "`open` is not available: lessons cannot read or write files",
        "exec": "`exec` is not available in lessons",
        "eval": "`eval` is not available in lessons",
        "compile": "`compile` is not available in lessons",
        "__import__": "`__import__` is not available in lessons; use `import`",
        "input": "`input` is not available: lessons run without a keyboard",
        "globals": "`globals` is not available in lessons",
        "locals": "`locals` is not available in lessons",
        "vars": "`vars` is not available in lessons",
        "getattr": "`getattr` is not available in lessons",
        "setattr": "`setattr` is not available in lessons",
        "delattr": "`delattr` is not available in lessons",
        "breakpoint": "`breakpoint` is not available in lessons",
        "exit": "`exit` is not available in lessons",
        "quit": "`quit` is not available in lessons",
        "help": "`help` is not available in lessons",
        "dir": "`dir` is not available in lessons",
        "memoryview": "`memoryview` is not available in lessons",
        "bytearray": "`bytearray` is not available in lessons",
        "bytes": "`bytes` is not available in lessons",
    ]

    public init(importer: ModuleImporter = ModuleRegistry(), output: ScriptOutput = CapturedOutput(),
                limits: ExecutionLimits = ExecutionLimits(), cancellation: CancellationFlag = CancellationFlag()) {
        self.importer = importer
        self.output = output
        self.limits = limits
        self.cancellation = cancellation
        self.builtins = makeBuiltins()
    }

    // MARK: Running cells

    /// Runs a parsed cell. Returns the value to display (Jupyter's `Out[n]`): the value of
    /// the last statement when it is a bare expression not ending in `;` and not None.
    @discardableResult
    public func run(_ program: Program) throws -> Value? {
        stepsUsed = 0
        localScopes = []
        runtime.frames = []
        runtime.stackLimit = StackGuard.stackLimit()
        var display: Value? = nil
        for (i, s) in program.statements.enumerated() {
            if i == program.statements.count - 1, case .expression(let e, let semi) = s.kind {
                try tick(s.range.location)
                currentLocation = s.range.location
                let v = try eval(e)
                if !semi, !v.isNone { display = v }
            } else {
                let flow = try exec(s)
                if flow != .normal {
                    throw ScriptError(.syntaxError, "'\(flow == .breakLoop ? "break" : "continue")' outside loop", at: s.range.location)
                }
            }
        }
        return display
    }

    /// Parses and runs a cell.
    @discardableResult
    public func run(source: String, origin: SourceOrigin = SourceOrigin()) throws -> Value? {
        try run(Parser.parse(source: source, origin: origin))
    }

    /// The text Jupyter shows for a displayed value (its repr), nil for None.
    public func displayText(_ v: Value?) -> String? {
        guard let v = v, !v.isNone else { return nil }
        return PythonFormat.repr(v)
    }

    /// For bindings: refuses (MemoryError) an allocation of `elements` items of
    /// `bytesPerElement` bytes above `limits.maxAllocationBytes`, e.g. `np.zeros((10**6, 10**6))`.
    public func checkAllocation(elements: Int, bytesPerElement: Int, what: String = "array") throws {
        let (bytes, o) = elements.multipliedReportingOverflow(by: max(1, bytesPerElement))
        if elements < 0 || o || bytes > limits.maxAllocationBytes {
            let shown = o ? "more than \(Int.max)" : "\(bytes)"
            throw ScriptError.memoryError("\(what) of \(elements) elements would need \(shown) bytes; lessons are limited to \(limits.maxAllocationBytes) bytes")
        }
    }

    /// For bindings: throws KeyboardInterrupt if the run was cancelled (check between
    /// training steps).
    public func throwIfCancelled() throws {
        if cancellation.isCancelled { throw ScriptError(.keyboardInterrupt, "the cell was interrupted") }
    }

    /// Writes text to the cell's output.
    public func write(_ text: String, to stream: OutputStreamKind = .stdout) {
        output.write(text, to: stream)
    }

    func tick(_ loc: SourceLocation?) throws {
        stepsUsed += 1
        if stepsUsed > limits.maxSteps {
            throw ScriptError(.stepLimitExceeded, "the cell ran more than \(limits.maxSteps) steps (statements and loop iterations); lessons are limited to stop runaway loops", at: loc)
        }
        if cancellation.isCancelled {
            throw ScriptError(.keyboardInterrupt, "the cell was interrupted", at: loc)
        }
    }

}
