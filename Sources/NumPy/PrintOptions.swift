import Script

/// `np.set_printoptions` state: how arrays print in this run. It lives in the run's
/// context (one per lesson run, as NumPy keeps one per thread), never in a global.
public struct PrintOptions: Equatable, Sendable {
    public var precision = 8
    public var threshold: Double = 1000
    public var edgeItems = 3
    public var lineWidth = 75
    public var suppress = false

    public init() {}

    /// The options `print(array)` uses in the run of `context` (NumPy's defaults without one).
    public static func current(in context: RunContext?) -> PrintOptions { context.map { Holder.of($0).options } ?? PrintOptions() }

    /// The run's mutable copy.
    final class Holder {
        var options = PrintOptions()
        static func of(_ context: RunContext) -> Holder { context.hostState("numpy.printoptions") { Holder() } }
    }

    static let parameters = ["precision", "threshold", "edgeitems", "linewidth", "suppress", "nanstr", "infstr", "formatter",
                             "sign", "floatmode", "legacy", "override_repr"]

    /// These options with the arguments of `set_printoptions` applied, checked as NumPy checks them.
    func applying(_ args: Arguments, function: String) throws -> PrintOptions {
        let bound = try args.bind(Self.parameters, required: 0)
        var next = self
        if bound.has("precision") {
            guard let p = bound["precision"]?.intValue else { throw ScriptError.typeError("precision must be an integer") }
            guard p >= 0 else { throw ScriptError.valueError("precision must be >= 0") }
            guard p <= 1000 else { throw ScriptError.valueError("precision above 1000 is not available in lessons") }
            next.precision = p
        }
        if bound.has("threshold") {
            guard let t = bound["threshold"]?.doubleValue else { throw ScriptError.typeError("threshold must be numeric") }
            guard !t.isNaN else { throw ScriptError.valueError("threshold must be non-NAN, try sys.maxsize for untruncated representation") }
            next.threshold = t
        }
        for (name, keyPath) in [("edgeitems", \PrintOptions.edgeItems), ("linewidth", \PrintOptions.lineWidth)] where bound.has(name) {
            guard let i = bound[name]?.intValue else { throw ScriptError.typeError("\(name) must be an integer") }
            guard i >= 0, i <= 1 << 20 else { throw ScriptError.valueError("\(name) must be between 0 and \(1 << 20) in lessons") }
            next[keyPath: keyPath] = i
        }
        if bound.has("suppress") { next.suppress = try Interpreter.truthy(bound["suppress"] ?? .none) }
        // The rest are accepted at their defaults only: lessons print with NumPy's own.
        let defaults: [String: Value] = ["nanstr": .str("nan"), "infstr": .str("inf"), "sign": .str("-"), "floatmode": .str("maxprec"), "legacy": .bool(false)]
        for name in ["nanstr", "infstr", "formatter", "sign", "floatmode", "legacy", "override_repr"] where bound.has(name) {
            if let value = bound[name], let standard = defaults[name], value.repr == standard.repr { continue }
            throw ScriptError.notSupported("np.\(function)(\(name)=...) is not available in lessons; precision, threshold, edgeitems, linewidth and suppress are")
        }
        return next
    }

    /// `np.get_printoptions()`, keys in NumPy 2's order.
    var dictionary: Value {
        let threshold: Value = threshold.rounded() == threshold && abs(threshold) < 9e18 ? .int(Int(threshold)) : .float(threshold)
        return .dict(DictStorage([
            ("edgeitems", .int(edgeItems)), ("threshold", threshold), ("floatmode", .str("maxprec")), ("precision", .int(precision)),
            ("suppress", .bool(suppress)), ("linewidth", .int(lineWidth)), ("nanstr", .str("nan")), ("infstr", .str("inf")),
            ("sign", .str("-")), ("formatter", .none), ("legacy", .bool(false)), ("override_repr", .none),
        ]))
    }

    /// Adds `set_printoptions`, `get_printoptions` and `printoptions` to `np`.
    static func install(in np: ModuleValue, context: RunContext?) {
        // Without a run (a bare interpreter) the options still hold for the module's life.
        let holder = context.map(Holder.of) ?? Holder()
        np.addFunction("set_printoptions") { args in
            holder.options = try holder.options.applying(args, function: "set_printoptions")
            return .none
        }
        np.addFunction("get_printoptions") { args in
            _ = try args.bind([])
            return holder.options.dictionary
        }
        np.addFunction("printoptions") { args in .object(PrintOptionsManager(holder: holder, args: args)) }
    }
}

/// `with np.printoptions(precision=3):` sets the options on entry and puts back the
/// previous ones on exit, exception or not.
final class PrintOptionsManager: HostObject {
    let holder: PrintOptions.Holder
    let args: Arguments
    var saved: [PrintOptions] = []

    init(holder: PrintOptions.Holder, args: Arguments) { self.holder = holder; self.args = args }

    var typeName: String { "contextlib._GeneratorContextManager" }
    func repr() -> String { "<contextlib._GeneratorContextManager object>" }

    func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "__enter__":
            return .function(BuiltinFunction(name, isMethod: true) { [self] _ in
                let next = try holder.options.applying(args, function: "printoptions")
                saved.append(holder.options)
                holder.options = next
                return holder.options.dictionary
            })
        case "__exit__":
            return .function(BuiltinFunction(name, isMethod: true) { [self] _ in
                if let previous = saved.popLast() { holder.options = previous }
                return .bool(false)
            })
        default: return nil
        }
    }
}
