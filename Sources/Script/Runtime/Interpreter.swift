import Foundation

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
    /// The run this interpreter belongs to: its limits, cancellation and file policy.
    public let context: RunContext
    public var limits: ExecutionLimits {
        get { context.limits }
        set { context.limits = newValue }
    }
    public var cancellation: CancellationFlag { context.cancellation }
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
        "breakpoint": "`breakpoint` is not available in lessons",
        "exit": "`exit` is not available in lessons",
        "quit": "`quit` is not available in lessons",
        "help": "`help` is not available in lessons",
        "dir": "`dir` is not available in lessons",
        "memoryview": "`memoryview` is not available in lessons",
        "bytearray": "`bytearray` is not available in lessons",
        "bytes": "`bytes` is not available in lessons",
    ]

    public init(importer: ModuleImporter = ModuleRegistry(), output: ScriptOutput = CapturedOutput(), context: RunContext) {
        self.importer = importer
        self.output = output
        self.context = context
        self.builtins = makeBuiltins()
    }

    /// An interpreter with a run of its own (tests, fuzzing): no files, these limits.
    public convenience init(importer: ModuleImporter = ModuleRegistry(), output: ScriptOutput = CapturedOutput(),
                            limits: ExecutionLimits = ExecutionLimits(), cancellation: CancellationFlag = CancellationFlag()) {
        self.init(importer: importer, output: output, context: RunContext(limits: limits, cancellation: cancellation))
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
    /// `bytesPerElement` bytes above `limits.maxAllocationBytes` or past the run's memory
    /// limit, e.g. `np.zeros((10**6, 10**6))`. The run's context does the checking.
    public func checkAllocation(elements: Int, bytesPerElement: Int, what: String = "array") throws {
        try context.charge(elements: elements, bytesPerElement: bytesPerElement, what: what)
    }

    /// For bindings: throws KeyboardInterrupt if the run was cancelled (check between
    /// training steps).
    public func throwIfCancelled() throws {
        try context.throwIfCancelled()
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
