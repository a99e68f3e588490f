import Foundation

/// The two output streams of a cell.
public enum OutputStreamKind: Sendable, Equatable {
    case stdout, stderr
}

/// Where `print` (and host objects, e.g. Keras warnings) write. Nothing goes to the
/// process's own stdout.
public protocol ScriptOutput: AnyObject {
    func write(_ text: String, to stream: OutputStreamKind)
}

/// An output sink that keeps everything in memory, in order.
public final class CapturedOutput: ScriptOutput {
    public private(set) var chunks: [(OutputStreamKind, String)] = []
    public init() {}
    public func write(_ text: String, to stream: OutputStreamKind) { chunks.append((stream, text)) }
    public var stdout: String { chunks.filter { $0.0 == .stdout }.map { $0.1 }.joined() }
    public var stderr: String { chunks.filter { $0.0 == .stderr }.map { $0.1 }.joined() }
    public func clear() { chunks = [] }
}

/// Provides the modules a lesson may import, by dotted name.
public protocol ModuleImporter: AnyObject {
    /// The module for a dotted name (`numpy`, `tensorflow.keras.datasets`), or nil if the
    /// host does not provide it.
    func importModule(named name: String) throws -> ModuleValue?
    /// Names listed in the `ModuleNotFoundError` message.
    var supportedModules: [String] { get }
}

/// A simple importer: modules registered by name, built lazily on first import and cached.
public final class ModuleRegistry: ModuleImporter {
    private var builders: [String: () throws -> ModuleValue] = [:]
    private var cache: [String: ModuleValue] = [:]
    private var order: [String] = []

    public init() {}

    /// Registers a module built on first import.
    public func register(_ name: String, _ build: @escaping () throws -> ModuleValue) {
        if builders[name] == nil { order.append(name) }
        builders[name] = build
        cache[name] = nil
    }

    /// Registers a ready module under its own name.
    public func register(_ module: ModuleValue) {
        register(module.name) { module }
    }

    public func importModule(named name: String) throws -> ModuleValue? {
        if let m = cache[name] { return m }
        guard let b = builders[name] else { return nil }
        let m = try b()
        cache[name] = m
        return m
    }

    public var supportedModules: [String] { order }
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
    /// The run this interpreter belongs to: its limits, cancellation and file policy.
    public let context: RunContext
    public var limits: ExecutionLimits {
        get { context.limits }
        set { context.limits = newValue }
    }
    public var cancellation: CancellationFlag { context.cancellation }
    /// Steps used by the current (or last) `run`.
    public private(set) var stepsUsed = 0
    /// The location of the statement or call being executed (hosts read it to tag steps).
    public private(set) var currentLocation: SourceLocation?

    var localScopes: [[String: Value]] = []
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

    // MARK: Statements

    enum Flow { case normal, breakLoop, continueLoop }

    func execBlock(_ stmts: [Stmt]) throws -> Flow {
        for s in stmts {
            let f = try exec(s)
            if f != .normal { return f }
        }
        return .normal
    }

    func exec(_ s: Stmt) throws -> Flow {
        try tick(s.range.location)
        currentLocation = s.range.location
        do {
            switch s.kind {
            case .expression(let e, _):
                _ = try eval(e)
            case .assign(let targets, let valueExpr):
                let v = try eval(valueExpr)
                for t in targets { try assign(t, v) }
            case .augmentedAssign(let target, let op, let valueExpr):
                try augmentedAssign(target, op, valueExpr)
            case .import(let names):
                for n in names {
                    let m = try importModule(n.module, at: s.range.location)
                    if let alias = n.alias {
                        setVariable(alias, .module(m))
                    } else if let first = n.module.first {
                        setVariable(first, .module(try importModule([first], at: s.range.location)))
                    }
                }
            case .fromImport(let modName, let names):
                let m = try importModule(modName, at: s.range.location)
                for (name, alias) in names {
                    if name.hasPrefix("__") {
                        throw ScriptError.notSupported("importing '\(name)' is not supported in lessons")
                    }
                    var value: Value? = try m.members[name] ?? m.dynamicAttribute?(name)
                    if value == nil, let sub = try? importModule(modName + [name], at: nil) { value = .module(sub) }
                    guard let v = value else {
                        throw ScriptError(.importError, "cannot import name '\(name)' from '\(m.name)'")
                    }
                    setVariable(alias ?? name, v)
                }
            case .if(let branches, let orElse):
                for b in branches {
                    if try Interpreter.truthy(try eval(b.condition)) { return try execBlock(b.body) }
                }
                return try execBlock(orElse)
            case .for(let target, let iterableExpr, let body, let orElse):
                let iterable = try eval(iterableExpr)
                if case .range(let r) = iterable, r.count > limits.maxSteps - stepsUsed {
                    throw ScriptError(.stepLimitExceeded, "this loop would run \(r.count) iterations, more than the \(limits.maxSteps) steps a lesson cell may take", at: iterableExpr.range.location)
                }
                let it = try iterate(iterable)
                while let x = try it.next() {
                    try assign(target, x)
                    let f = try execBlock(body)
                    if f == .breakLoop { return .normal }
                }
                return try execBlock(orElse)
            case .pass: break
            case .break: return .breakLoop
            case .continue: return .continueLoop
            }
        } catch let e as ScriptError {
            throw e.located(s.range.location)
        }
        return .normal
    }

    func setVariable(_ name: String, _ v: Value) {
        if localScopes.isEmpty { globals[name] = v } else { localScopes[localScopes.count - 1][name] = v }
    }

    /// Imports a dotted module through the host importer (parents are synthesised as
    /// namespaces when the host only provides the child).
    func importModule(_ path: [String], at loc: SourceLocation?) throws -> ModuleValue {
        let name = path.joined(separator: ".")
        if let m = modules[name] { return m }
        if let m = try importer.importModule(named: name) {
            modules[name] = m
            return m
        }
        if name == "sys" {
            // Only `sys.stdout` / `sys.stderr`, for `print(..., file=sys.stderr)`.
            let m = StreamObject.sysModule()
            modules[name] = m
            return m
        }
        // A namespace parent of a provided module (`tensorflow` when only `tensorflow.keras` is).
        if importer.supportedModules.contains(where: { $0.hasPrefix(name + ".") }) {
            let m = ModuleValue(name: name)
            modules[name] = m
            return m
        }
        let supported = importer.supportedModules
        let list = supported.isEmpty ? "none" : supported.joined(separator: ", ")
        throw ScriptError(.moduleNotFoundError, "No module named '\(name)'; lessons can import: \(list)", at: loc)
    }

    func assign(_ target: Expr, _ v: Value) throws {
        do {
            switch target.kind {
            case .name(let n): setVariable(n, v)
            case .attribute(let objExpr, let name):
                let obj = try eval(objExpr)
                try checkAttributeName(name)
                switch obj {
                case .object(let o): try o.setAttribute(name, v)
                case .module(let m): m.members[name] = v
                default: throw ScriptError.attributeError("'\(obj.typeName)' object attribute '\(name)' is read-only")
                }
            case .subscript(let objExpr, let indexExpr):
                let obj = try eval(objExpr)
                let idx = try evalIndex(indexExpr)
                try setItem(obj, idx, v)
            case .tuple(let targets), .list(let targets):
                let values = try materialize(v)
                if values.count > targets.count {
                    throw ScriptError.valueError("too many values to unpack (expected \(targets.count))")
                }
                if values.count < targets.count {
                    throw ScriptError.valueError("not enough values to unpack (expected \(targets.count), got \(values.count))")
                }
                for (t, x) in zip(targets, values) { try assign(t, x) }
            default:
                throw ScriptError(.syntaxError, "cannot assign to expression")
            }
        } catch let e as ScriptError {
            throw e.located(target.range.location)
        }
    }

    func augmentedAssign(_ target: Expr, _ op: BinaryOperator, _ valueExpr: Expr) throws {
        switch target.kind {
        case .name(let n):
            let old = try lookup(n)
            let rhs = try eval(valueExpr)
            if case .list(let l) = old, op == .add {
                l.items.append(contentsOf: try materialize(rhs)); return
            }
            setVariable(n, try binary(op, old, rhs))
        case .attribute(let objExpr, let name):
            let obj = try eval(objExpr)
            let old = try getAttribute(obj, name)
            let rhs = try eval(valueExpr)
            let new = try binary(op, old, rhs)
            switch obj {
            case .object(let o): try o.setAttribute(name, new)
            case .module(let m): m.members[name] = new
            default: throw ScriptError.attributeError("'\(obj.typeName)' object attribute '\(name)' is read-only")
            }
        case .subscript(let objExpr, let indexExpr):
            let obj = try eval(objExpr)
            let idx = try evalIndex(indexExpr)
            let old = try getItem(obj, idx)
            let rhs = try eval(valueExpr)
            try setItem(obj, idx, try binary(op, old, rhs))
        default:
            throw ScriptError(.syntaxError, "illegal expression for augmented assignment", at: target.range.location)
        }
    }

    // MARK: Expressions

    func lookup(_ name: String) throws -> Value {
        for scope in localScopes.reversed() { if let v = scope[name] { return v } }
        if let v = globals[name] { return v }
        if let v = builtins[name] { return v }
        if let why = Interpreter.forbiddenNames[name] {
            throw ScriptError.notSupported(why + ". " + ScriptError.supportedSubset)
        }
        var msg = "name '\(name)' is not defined"
        if let s = suggestion(for: name) { msg += ". Did you mean: '\(s)'?" }
        throw ScriptError.nameError(msg)
    }

    func suggestion(for name: String) -> String? {
        var candidates = Array(globals.keys) + Array(builtins.keys)
        for s in localScopes { candidates += s.keys }
        var best: (String, Int)? = nil
        let limit = max(1, (name.count + 2) / 3)
        for c in candidates.sorted() {
            let d = editDistance(name, c)
            if d <= limit, best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }

    func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count)
        for i in 1...x.count {
            var cur = [i] + Array(repeating: 0, count: y.count)
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : (x[i - 1].lowercased() == y[j - 1].lowercased() ? 0 : 1)
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            }
            prev = cur
        }
        return prev[y.count]
    }

    /// Evaluates an expression; errors without a location get this expression's.
    public func eval(_ e: Expr) throws -> Value {
        do {
            return try evalInner(e)
        } catch let err as ScriptError {
            throw err.located(e.range.location)
        } catch {
            throw ScriptError(.runtimeError, String(describing: error), at: e.range.location)
        }
    }

    func evalInner(_ e: Expr) throws -> Value {
        switch e.kind {
        case .name(let n): return try lookup(n)
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .string(let s): return .str(s)
        case .bool(let b): return .bool(b)
        case .none: return .none
        case .ellipsis: return .ellipsis
        case .fstring(let parts): return .str(try evalFString(parts))
        case .list(let xs): return .list(ListStorage(try xs.map { try eval($0) }))
        case .tuple(let xs): return .tuple(try xs.map { try eval($0) })
        case .dict(let pairs):
            let d = DictStorage()
            for (k, v) in pairs { try d.set(try eval(k), try eval(v)) }
            return .dict(d)
        case .listComprehension(let element, let clauses):
            var out: [Value] = []
            localScopes.append([:])
            defer { localScopes.removeLast() }
            try comprehension(element, clauses, 0, &out)
            return .list(ListStorage(out))
        case .binary(let op, let a, let b):
            return try binary(op, try eval(a), try eval(b))
        case .unary(let op, let a):
            return try unary(op, try eval(a))
        case .not(let a): return .bool(!(try Interpreter.truthy(try eval(a))))
        case .and(let a, let b):
            let x = try eval(a)
            return try Interpreter.truthy(x) ? try eval(b) : x
        case .or(let a, let b):
            let x = try eval(a)
            return try Interpreter.truthy(x) ? x : try eval(b)
        case .compare(let first, let rest):
            var left = try eval(first)
            var result: Value = .bool(true)
            for (index, (op, rhsExpr)) in rest.enumerated() {
                let right = try eval(rhsExpr)
                result = try compare(op, left, right)
                // Only a chain needs the truth of a link (`x > 6` on an array is an array).
                if index < rest.count - 1, !(try Interpreter.truthy(result)) { return result }
                left = right
            }
            return result
        case .conditional(let test, let a, let b):
            return try Interpreter.truthy(try eval(test)) ? try eval(a) : try eval(b)
        case .call(let calleeExpr, let argExprs, let kwExprs):
            let callee = try eval(calleeExpr)
            let args = try argExprs.map { try eval($0) }
            var kws: [(String, Value)] = []
            for k in kwExprs { kws.append((k.name, try eval(k.value))) }
            currentLocation = e.range.location
            return try call(callee, positional: args, keywords: kws)
        case .attribute(let objExpr, let name):
            return try getAttribute(try eval(objExpr), name)
        case .subscript(let objExpr, let indexExpr):
            let obj = try eval(objExpr)
            return try getItem(obj, try evalIndex(indexExpr))
        case .slice:
            return try evalIndex(e)
        }
    }

    func comprehension(_ element: Expr, _ clauses: [ComprehensionClause], _ k: Int, _ out: inout [Value]) throws {
        guard k < clauses.count else {
            out.append(try eval(element))
            if out.count > limits.maxCollectionLength {
                throw ScriptError.memoryError("list would have more than \(limits.maxCollectionLength) elements; lessons are limited")
            }
            return
        }
        let c = clauses[k]
        let it = try iterate(try eval(c.iterable))
        outer: while let x = try it.next() {
            try assign(c.target, x)
            for cond in c.conditions where !(try Interpreter.truthy(try eval(cond))) { continue outer }
            try comprehension(element, clauses, k + 1, &out)
        }
    }

    func evalFString(_ parts: [FStringPart]) throws -> String {
        var s = ""
        for p in parts {
            switch p {
            case .literal(let l): s += l
            case .field(let e, let conv, let specParts, let debug):
                let v = try eval(e)
                let spec = try evalFString(specParts)
                if let d = debug { s += d }
                switch conv {
                case "r": s += try PythonFormat.format(.str(PythonFormat.repr(v)), spec: spec)
                case "s": s += try PythonFormat.format(.str(PythonFormat.str(v)), spec: spec)
                case "a": s += try PythonFormat.format(.str(PythonFormat.repr(v)), spec: spec)
                default: s += try PythonFormat.format(v, spec: spec)
                }
                if s.unicodeScalars.count > limits.maxCollectionLength {
                    throw ScriptError.memoryError("string too long")
                }
            }
        }
        return s
    }

    /// Evaluates a subscript index: slices become `.slice`, tuples hold slices/ints/values.
    func evalIndex(_ e: Expr) throws -> Value {
        switch e.kind {
        case .slice(let a, let b, let c):
            func bound(_ x: Expr?) throws -> Int? {
                guard let x = x else { return nil }
                let v = try eval(x)
                if v.isNone { return nil }
                if let i = v.intValue { return i }
                if case .object(let o) = v, let i = o.asInt() { return i }
                throw ScriptError.typeError("slice indices must be integers or None or have an __index__ method").located(x.range.location)
            }
            return .slice(SliceValue(start: try bound(a), stop: try bound(b), step: try bound(c)))
        case .tuple(let xs):
            return .tuple(try xs.map { try evalIndex($0) })
        default:
            return try eval(e)
        }
    }

    // MARK: Operations (public so hosts can reuse Python semantics)

    /// Python truthiness.
    public static func truthy(_ v: Value) throws -> Bool {
        switch v {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .float(let d): return d != 0
        case .str(let s): return !s.isEmpty
        case .list(let l): return !l.items.isEmpty
        case .tuple(let t): return !t.isEmpty
        case .dict(let d): return d.count != 0
        case .range(let r): return r.count != 0
        case .object(let o): return try o.truthiness()
        default: return true
        }
    }

    /// Calls a function or callable host object.
    public func call(_ callee: Value, positional: [Value], keywords: [(String, Value)] = []) throws -> Value {
        switch callee {
        case .function(let f): return try f.body(Arguments(functionName: f.name, positional: positional, keywords: keywords))
        case .object(let o): return try o.call(positional: positional, keywords: keywords)
        default: throw ScriptError.typeError("'\(callee.typeName)' object is not callable")
        }
    }

    func checkAttributeName(_ name: String) throws {
        if name.hasPrefix("__") {
            throw ScriptError.notSupported("attributes starting with '__' are not available in lessons")
        }
    }

    /// `value.name`.
    public func getAttribute(_ v: Value, _ name: String) throws -> Value {
        try checkAttributeName(name)
        switch v {
        case .module(let m):
            if let x = m.members[name] { return x }
            if let x = try m.dynamicAttribute?(name) { return x }
            if let sub = try? importModule(m.name.split(separator: ".").map(String.init) + [name], at: nil) {
                return .module(sub)
            }
            throw ScriptError.attributeError("module '\(m.name)' has no attribute '\(name)'")
        case .object(let o):
            if let x = try o.getAttribute(name) { return x }
            throw ScriptError.attributeError("'\(o.typeName)' object has no attribute '\(name)'")
        default:
            if let m = try builtinMethod(v, name) { return m }
            throw ScriptError.attributeError("'\(v.typeName)' object has no attribute '\(name)'")
        }
    }

    /// Iterates a value (lists live, like Python; ranges lazily; host objects through
    /// `HostObject.iterate`).
    public func iterate(_ v: Value) throws -> ValueIterator {
        let inner = try rawIterator(v)
        // Every element pulled counts as a step, so `sum(range(10**12))` or a list that grows
        // while a loop walks it hits the step limit (and Ctrl-C) like any loop.
        return ValueIterator { [unowned self] in
            try self.tick(nil)
            return try inner.next()
        }
    }

    func rawIterator(_ v: Value) throws -> ValueIterator {
        switch v {
        case .list(let l):
            var i = 0
            return ValueIterator {
                guard i < l.items.count else { return nil }
                defer { i += 1 }
                return l.items[i]
            }
        case .tuple(let xs): return ValueIterator(xs)
        case .str(let s): return ValueIterator(s.map { Value.str(String($0)) })
        case .dict(let d): return ValueIterator(d.keys)
        case .range(let r):
            var i = 0
            let n = r.count
            return ValueIterator {
                guard i < n else { return nil }
                defer { i += 1 }
                return .int(r.element(i))
            }
        case .object(let o):
            if let it = try o.iterate() { return it }
            throw ScriptError.typeError("'\(o.typeName)' object is not iterable")
        default:
            throw ScriptError.typeError("'\(v.typeName)' object is not iterable")
        }
    }

    /// All elements of an iterable, refusing more than `limits.maxCollectionLength`.
    public func materialize(_ v: Value) throws -> [Value] {
        switch v {
        case .list(let l): return l.items
        case .tuple(let xs): return xs
        case .range(let r):
            if r.count > limits.maxCollectionLength {
                throw ScriptError.memoryError("range with \(r.count) elements is too large to make into a list (lessons are limited to \(limits.maxCollectionLength) elements)")
            }
            return (0..<r.count).map { .int(r.element($0)) }
        default:
            var out: [Value] = []
            let it = try iterate(v)
            while let x = try it.next() {
                out.append(x)
                if out.count > limits.maxCollectionLength {
                    throw ScriptError.memoryError("more than \(limits.maxCollectionLength) elements (lessons are limited)")
                }
                if out.count % 4096 == 0, cancellation.isCancelled {
                    throw ScriptError(.keyboardInterrupt, "the cell was interrupted")
                }
            }
            return out
        }
    }

    func checkedLength(_ n: Int, _ what: String) throws {
        if n > limits.maxCollectionLength || n < 0 {
            throw ScriptError.memoryError("\(what) would have \(n) elements; lessons are limited to \(limits.maxCollectionLength)")
        }
    }

    static func normalizeIndex(_ i: Int, _ count: Int, _ what: String) throws -> Int {
        let j = i < 0 ? i &+ count : i
        guard j >= 0 && j < count else { throw ScriptError.indexError("\(what) index out of range") }
        return j
    }

    func indexInt(_ idx: Value, _ typeName: String) throws -> Int {
        if let i = idx.intValue { return i }
        if case .object(let o) = idx, let i = o.asInt() { return i }
        throw ScriptError.typeError("\(typeName) indices must be integers or slices, not \(idx.typeName)")
    }

    /// `obj[idx]`.
    public func getItem(_ obj: Value, _ idx: Value) throws -> Value {
        switch obj {
        case .list(let l):
            if case .slice(let s) = idx { return .list(ListStorage(try sliceArray(l.items, s))) }
            return l.items[try Interpreter.normalizeIndex(try indexInt(idx, "list"), l.items.count, "list")]
        case .tuple(let xs):
            if case .slice(let s) = idx { return .tuple(try sliceArray(xs, s)) }
            return xs[try Interpreter.normalizeIndex(try indexInt(idx, "tuple"), xs.count, "tuple")]
        case .str(let str):
            let chars = Array(str)
            if case .slice(let s) = idx { return .str(String(try sliceArray(chars, s))) }
            if idx.intValue == nil, case .object = idx {} else if idx.intValue == nil {
                throw ScriptError.typeError("string indices must be integers, not '\(idx.typeName)'")
            }
            return .str(String(chars[try Interpreter.normalizeIndex(try indexInt(idx, "string"), chars.count, "string")]))
        case .range(let r):
            if case .slice(let s) = idx {
                let ind = try s.indices(length: r.count)
                return .range(RangeValue(start: r.element(ind.start), stop: r.element(ind.start) &+ ind.count &* r.step &* ind.step, step: r.step &* ind.step))
            }
            return .int(r.element(try Interpreter.normalizeIndex(try indexInt(idx, "range"), r.count, "range object")))
        case .dict(let d):
            if let v = try d.get(idx) { return v }
            throw ScriptError.keyError(PythonFormat.repr(idx))
        case .object(let o):
            return try o.getItem(idx)
        default:
            throw ScriptError.typeError("'\(obj.typeName)' object is not subscriptable")
        }
    }

    func sliceArray<T>(_ a: [T], _ s: SliceValue) throws -> [T] {
        let ind = try s.indices(length: a.count)
        var out: [T] = []
        out.reserveCapacity(ind.count)
        var i = ind.start
        for _ in 0..<ind.count {
            if i >= 0 && i < a.count { out.append(a[i]) }
            i &+= ind.step
        }
        return out
    }

    /// `obj[idx] = v`.
    public func setItem(_ obj: Value, _ idx: Value, _ v: Value) throws {
        switch obj {
        case .list(let l):
            if case .slice(let s) = idx {
                let ind = try s.indices(length: l.items.count)
                let new = try materialize(v)
                if ind.step == 1 {
                    let lo = ind.start, hi = max(ind.start, ind.stop)
                    l.items.replaceSubrange(lo..<hi, with: new)
                } else {
                    guard new.count == ind.count else {
                        throw ScriptError.valueError("attempt to assign sequence of size \(new.count) to extended slice of size \(ind.count)")
                    }
                    var i = ind.start
                    for x in new {
                        if i >= 0 && i < l.items.count { l.items[i] = x }
                        i &+= ind.step
                    }
                }
                return
            }
            l.items[try Interpreter.normalizeIndex(try indexInt(idx, "list"), l.items.count, "list assignment")] = v
        case .dict(let d): try d.set(idx, v)
        case .object(let o): try o.setItem(idx, v)
        default: throw ScriptError.typeError("'\(obj.typeName)' object does not support item assignment")
        }
    }

    /// `-v`, `+v`, `~v`.
    public func unary(_ op: UnaryOperator, _ v: Value) throws -> Value {
        if case .object(let o) = v {
            if let r = try o.unaryOp(op) { return r }
            throw ScriptError.typeError("bad operand type for unary \(op.rawValue): '\(o.typeName)'")
        }
        if case .float(let d) = v {
            switch op {
            case .negate: return .float(-d)
            case .plus: return .float(d)
            case .invert: break
            }
        } else if let i = v.intValue {
            switch op {
            case .negate:
                let (r, o) = Int(0).subtractingReportingOverflow(i)
                if o { throw ScriptError.overflow("integer overflow (lesson integers are 64-bit)") }
                return .int(r)
            case .plus: return .int(i)
            case .invert: return .int(~i)
            }
        }
        throw ScriptError.typeError("bad operand type for unary \(op.rawValue): '\(v.typeName)'")
    }

    static func overflow() -> ScriptError { ScriptError.overflow("integer overflow (lesson integers are 64-bit)") }

    /// `a op b` with Python semantics, dispatching to host objects in both directions.
    public func binary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        if case .object(let o) = a, let r = try o.binaryOp(op, b, reflected: false) { return r }
        if case .object(let o) = b, let r = try o.binaryOp(op, a, reflected: true) { return r }
        func unsupported() -> ScriptError {
            ScriptError.typeError("unsupported operand type(s) for \(op.rawValue): '\(a.typeName)' and '\(b.typeName)'")
        }
        // Integers (and bools).
        if let x = a.intValue, let y = b.intValue, !isFloat(a), !isFloat(b) {
            switch op {
            case .add: let (r, o) = x.addingReportingOverflow(y); if o { throw Interpreter.overflow() }; return .int(r)
            case .subtract: let (r, o) = x.subtractingReportingOverflow(y); if o { throw Interpreter.overflow() }; return .int(r)
            case .multiply: let (r, o) = x.multipliedReportingOverflow(by: y); if o { throw Interpreter.overflow() }; return .int(r)
            case .divide:
                if y == 0 { throw ScriptError.zeroDivision("division by zero") }
                return .float(Double(x) / Double(y))
            case .floorDivide:
                if y == 0 { throw ScriptError.zeroDivision("integer division or modulo by zero") }
                if x == Int.min && y == -1 { throw Interpreter.overflow() }
                var q = x / y
                if (x % y != 0) && ((x < 0) != (y < 0)) { q -= 1 }
                return .int(q)
            case .modulo:
                if y == 0 { throw ScriptError.zeroDivision("integer modulo by zero") }
                if y == -1 { return .int(0) }
                var r = x % y
                if r != 0 && ((r < 0) != (y < 0)) { r += y }
                return .int(r)
            case .power:
                if y < 0 {
                    if x == 0 { throw ScriptError.zeroDivision("0.0 cannot be raised to a negative power") }
                    return .float(pow(Double(x), Double(y)))
                }
                var result = 1, base = x, e = y
                while e > 0 {
                    if e & 1 == 1 {
                        let (r, o) = result.multipliedReportingOverflow(by: base)
                        if o { throw Interpreter.overflow() }
                        result = r
                    }
                    e >>= 1
                    if e > 0 {
                        let (r, o) = base.multipliedReportingOverflow(by: base)
                        if o { throw Interpreter.overflow() }
                        base = r
                    }
                }
                return .int(result)
            case .bitAnd: return .int(x & y)
            case .bitOr: return .int(x | y)
            case .bitXor: return .int(x ^ y)
            case .leftShift:
                if y < 0 { throw ScriptError.valueError("negative shift count") }
                if y >= 63 || (x != 0 && (x << y) >> y != x) { if x == 0 { return .int(0) }; throw Interpreter.overflow() }
                return .int(x << y)
            case .rightShift:
                if y < 0 { throw ScriptError.valueError("negative shift count") }
                return .int(y >= 64 ? (x < 0 ? -1 : 0) : x >> y)
            case .matmul: throw unsupported()
            }
        }
        // Floats.
        if let x = a.doubleValue, let y = b.doubleValue {
            switch op {
            case .add: return .float(x + y)
            case .subtract: return .float(x - y)
            case .multiply: return .float(x * y)
            case .divide:
                if y == 0 { throw ScriptError.zeroDivision("float division by zero") }
                return .float(x / y)
            case .floorDivide:
                if y == 0 { throw ScriptError.zeroDivision("float floor division by zero") }
                return .float((x / y).rounded(.down))
            case .modulo:
                if y == 0 { throw ScriptError.zeroDivision("float modulo by zero") }
                var r = fmod(x, y)
                if r != 0 && ((r < 0) != (y < 0)) { r += y }
                return .float(r)
            case .power:
                if x == 0 && y < 0 { throw ScriptError.zeroDivision("0.0 cannot be raised to a negative power") }
                if x < 0 && y != y.rounded() { throw ScriptError.valueError("complex results are not supported in lessons") }
                let r = pow(x, y)
                if r.isInfinite && x.isFinite && y.isFinite { throw ScriptError.overflow("(34, 'Numerical result out of range')") }
                return .float(r)
            default: throw unsupported()
            }
        }
        // Sequences.
        switch (op, a, b) {
        case (.add, .str(let x), .str(let y)):
            try checkedLength(x.unicodeScalars.count + y.unicodeScalars.count, "string")
            return .str(x + y)
        case (.add, .list(let x), .list(let y)): return .list(ListStorage(x.items + y.items))
        case (.add, .tuple(let x), .tuple(let y)): return .tuple(x + y)
        case (.multiply, .str, _), (.multiply, .list, _), (.multiply, .tuple, _):
            if let n = b.intValue, !isFloat(b) { return try repeatSequence(a, n) }
        case (.multiply, _, .str), (.multiply, _, .list), (.multiply, _, .tuple):
            if let n = a.intValue, !isFloat(a) { return try repeatSequence(b, n) }
        case (.modulo, .str(let fmt), _):
            return .str(try percentFormat(fmt, b))
        default: break
        }
        if op == .add, case .str = a {
            throw ScriptError.typeError("can only concatenate str (not \"\(b.typeName)\") to str")
        }
        if op == .add, case .list = a {
            throw ScriptError.typeError("can only concatenate list (not \"\(b.typeName)\") to list")
        }
        throw unsupported()
    }

    func isFloat(_ v: Value) -> Bool { if case .float = v { return true }; return false }

    func repeatSequence(_ s: Value, _ n: Int) throws -> Value {
        let k = max(0, n)
        switch s {
        case .str(let x):
            let (total, o) = x.unicodeScalars.count.multipliedReportingOverflow(by: k)
            try checkedLength(o ? Int.max : total, "string")
            return .str(String(repeating: x, count: k))
        case .list(let l):
            let (total, o) = l.items.count.multipliedReportingOverflow(by: k)
            try checkedLength(o ? Int.max : total, "list")
            var out: [Value] = []
            for _ in 0..<k { out.append(contentsOf: l.items) }
            return .list(ListStorage(out))
        case .tuple(let xs):
            let (total, o) = xs.count.multipliedReportingOverflow(by: k)
            try checkedLength(o ? Int.max : total, "tuple")
            var out: [Value] = []
            for _ in 0..<k { out.append(contentsOf: xs) }
            return .tuple(out)
        default: return s
        }
    }

    /// `"%.2f" % x` (printf-style formatting).
    func percentFormat(_ fmt: String, _ arg: Value) throws -> String {
        var args: [Value]
        if case .tuple(let xs) = arg { args = xs } else { args = [arg] }
        var dictArg: DictStorage? = nil
        if case .dict(let d) = arg { dictArg = d }
        let c = Array(fmt)
        var out = ""
        var i = 0, ai = 0
        while i < c.count {
            if c[i] != "%" { out.append(c[i]); i += 1; continue }
            i += 1
            guard i < c.count else { throw ScriptError.valueError("incomplete format") }
            if c[i] == "%" { out.append("%"); i += 1; continue }
            var key: String? = nil
            if c[i] == "(" {
                var j = i + 1
                while j < c.count, c[j] != ")" { j += 1 }
                guard j < c.count else { throw ScriptError.valueError("incomplete format key") }
                key = String(c[(i + 1)..<j]); i = j + 1
            }
            var flags = ""
            while i < c.count, "-+ #0".contains(c[i]) { flags.append(c[i]); i += 1 }
            var width = ""
            while i < c.count, c[i].isASCII, c[i].isNumber { width.append(c[i]); i += 1 }
            var prec: String? = nil
            if i < c.count, c[i] == "." {
                i += 1; var p = ""
                while i < c.count, c[i].isASCII, c[i].isNumber { p.append(c[i]); i += 1 }
                prec = p.isEmpty ? "0" : p
            }
            guard i < c.count else { throw ScriptError.valueError("incomplete format") }
            let t = c[i]; i += 1
            let v: Value
            if let k = key {
                guard let d = dictArg, let x = try d.get(.str(k)) else { throw ScriptError.keyError(PythonFormat.stringRepr(k)) }
                v = x
            } else {
                guard ai < args.count else { throw ScriptError.typeError("not enough arguments for format string") }
                v = args[ai]; ai += 1
            }
            var spec = ""
            if flags.contains("-") { spec += "<" } else if flags.contains("0") && t != "s" && t != "r" { spec += "0" }
            if flags.contains("+") { spec = (spec == "0" ? "+0" : spec + "+") } else if flags.contains(" ") { spec += " " }
            if spec.hasSuffix("+") && spec.hasPrefix("<") {} // order fine
            if spec == "0+" { spec = "+0" }
            spec += width
            if let p = prec { spec += "." + p }
            switch t {
            case "s": out += try PythonFormat.format(.str(PythonFormat.str(v)), spec: spec.replacingOccurrences(of: "+", with: ""))
            case "r", "a": out += try PythonFormat.format(.str(PythonFormat.repr(v)), spec: spec.replacingOccurrences(of: "+", with: ""))
            case "d", "i", "u":
                guard let d = v.doubleValue ?? v.object(as: HostObject.self)?.asDouble() else {
                    throw ScriptError.typeError("%\(t) format: a real number is required, not \(v.typeName)")
                }
                out += try PythonFormat.format(.int(Int(exactly: d.rounded(.towardZero)) ?? 0), spec: spec.split(separator: ".").first.map(String.init) ?? "")
            case "f", "F", "e", "E", "g", "G", "x", "X", "o":
                let num: Value
                if "xXo".contains(t) {
                    guard let n = v.intValue else { throw ScriptError.typeError("%\(t) format: an integer is required, not \(v.typeName)") }
                    num = .int(n)
                } else {
                    guard let d = v.doubleValue ?? v.object(as: HostObject.self)?.asDouble() else {
                        throw ScriptError.typeError("must be real number, not \(v.typeName)")
                    }
                    num = .float(d)
                }
                out += try PythonFormat.format(num, spec: spec + String(t))
            default:
                throw ScriptError.valueError("unsupported format character '\(t)'")
            }
        }
        if dictArg == nil && ai < args.count, case .tuple = arg {
            throw ScriptError.typeError("not all arguments converted during string formatting")
        }
        return out
    }

    /// Python equality (deep for containers; host objects through `compare`).
    public func equal(_ a: Value, _ b: Value) throws -> Bool {
        switch (a, b) {
        case (.none, .none): return true
        case (.str(let x), .str(let y)): return x == y
        case (.list(let x), .list(let y)): return try sequenceEqual(x.items, y.items)
        case (.tuple(let x), .tuple(let y)): return try sequenceEqual(x, y)
        case (.dict(let x), .dict(let y)):
            guard x.count == y.count else { return false }
            for (k, v) in x.pairs {
                guard let w = try y.get(k), try equal(v, w) else { return false }
            }
            return true
        case (.range(let x), .range(let y)):
            return x.count == y.count && (x.count == 0 || (x.start == y.start && (x.count == 1 || x.step == y.step)))
        case (.slice(let x), .slice(let y)): return x.start == y.start && x.stop == y.stop && x.step == y.step
        case (.ellipsis, .ellipsis): return true
        default: break
        }
        if case .object(let o) = a, let r = try o.compare(.equal, b, reflected: false) { return try Interpreter.truthy(r) }
        if case .object(let o) = b, let r = try o.compare(.equal, a, reflected: true) { return try Interpreter.truthy(r) }
        if let x = a.intValue, let y = b.intValue, !isFloat(a), !isFloat(b) { return x == y }
        if let x = a.doubleValue, let y = b.doubleValue { return x == y }
        return identical(a, b)
    }

    func sequenceEqual(_ x: [Value], _ y: [Value]) throws -> Bool {
        guard x.count == y.count else { return false }
        for (p, q) in zip(x, y) where !(try equal(p, q)) { return false }
        return true
    }

    func identical(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.none, .none), (.ellipsis, .ellipsis): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.float(let x), .float(let y)): return x.bitPattern == y.bitPattern
        case (.str(let x), .str(let y)): return x == y
        case (.list(let x), .list(let y)): return x === y
        case (.dict(let x), .dict(let y)): return x === y
        case (.object(let x), .object(let y)): return x === y
        case (.module(let x), .module(let y)): return x === y
        case (.function(let x), .function(let y)): return x === y
        case (.tuple(let x), .tuple(let y)): return x.isEmpty && y.isEmpty
        default: return false
        }
    }

    /// Ordering: -1, 0, 1 for numbers, strings, lists and tuples.
    func order(_ a: Value, _ b: Value, _ op: ComparisonOperator) throws -> Int {
        switch (a, b) {
        case (.str(let x), .str(let y)): return x == y ? 0 : (x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars) ? -1 : 1)
        case (.list(let x), .list(let y)): return try orderSequences(x.items, y.items, op)
        case (.tuple(let x), .tuple(let y)): return try orderSequences(x, y, op)
        default: break
        }
        if let x = a.intValue, let y = b.intValue, !isFloat(a), !isFloat(b) { return x < y ? -1 : (x == y ? 0 : 1) }
        if let x = a.doubleValue, let y = b.doubleValue {
            if x.isNaN || y.isNaN { return 2 }  // unordered
            return x < y ? -1 : (x == y ? 0 : 1)
        }
        throw ScriptError.typeError("'\(op.rawValue)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
    }

    func orderSequences(_ x: [Value], _ y: [Value], _ op: ComparisonOperator) throws -> Int {
        for (p, q) in zip(x, y) where !(try equal(p, q)) { return try order(p, q, op) }
        return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
    }

    /// `a op b` for comparison operators (incl. `in`, `is`).
    public func compare(_ op: ComparisonOperator, _ a: Value, _ b: Value) throws -> Value {
        switch op {
        case .is: return .bool(identical(a, b))
        case .isNot: return .bool(!identical(a, b))
        case .in: return .bool(try contains(b, a))
        case .notIn: return .bool(!(try contains(b, a)))
        case .equal, .notEqual:
            if case .object(let o) = a, let r = try o.compare(op, b, reflected: false) { return r }
            if case .object(let o) = b, let r = try o.compare(op.reflected, a, reflected: true) { return r }
            let e = try equal(a, b)
            return .bool(op == .equal ? e : !e)
        default:
            if case .object(let o) = a, let r = try o.compare(op, b, reflected: false) { return r }
            if case .object(let o) = b, let r = try o.compare(op.reflected, a, reflected: true) { return r }
            let c = try order(a, b, op)
            if c == 2 { return .bool(false) }
            switch op {
            case .less: return .bool(c < 0)
            case .lessEqual: return .bool(c <= 0)
            case .greater: return .bool(c > 0)
            default: return .bool(c >= 0)
            }
        }
    }

    /// `item in container`.
    public func contains(_ container: Value, _ item: Value) throws -> Bool {
        switch container {
        case .str(let s):
            guard case .str(let sub) = item else {
                throw ScriptError.typeError("'in <string>' requires string as left operand, not \(item.typeName)")
            }
            return sub.isEmpty || s.contains(sub)
        case .dict(let d): return try d.get(item) != nil
        case .range(let r):
            guard let i = item.intValue, !isFloat(item) else {
                if let d = item.doubleValue, d == d.rounded(), abs(d) < 9e18 { return try contains(container, .int(Int(d))) }
                return false
            }
            guard r.step != 0 else { return false }
            if r.step > 0 ? (i < r.start || i >= r.stop) : (i > r.start || i <= r.stop) { return false }
            if r.step == 1 || r.step == -1 { return true }
            return (i &- r.start) % r.step == 0
        default:
            let it = try iterate(container)
            while let x = try it.next() { if try equal(x, item) { return true } }
            return false
        }
    }
}
