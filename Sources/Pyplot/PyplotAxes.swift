import NumPy
import Script

/// `ax` from `plt.subplot(...)` / `plt.subplots(...)`: the Axes methods of the same names as
/// pyplot's functions (`ax.imshow`, `ax.set_title`, `ax.get_xaxis().set_visible(False)`).
final class AxesObject: HostObject {
    let state: PyplotState
    let figure: PlotFigure
    let axes: PlotFigure.Axes
    let address: String

    init(state: PyplotState, figure: PlotFigure, axes: PlotFigure.Axes) {
        self.state = state; self.figure = figure; self.axes = axes
        address = state.nextAddress()
    }

    var typeName: String { "matplotlib.axes._axes.Axes" }
    func repr() -> String { "<Axes: >" }

    func getAttribute(_ name: String) throws -> Value? {
        if name == "get_xaxis" || name == "get_yaxis" || name == "xaxis" || name == "yaxis" {
            let axis = AxisObject(axes: axes, x: name.contains("x"))
            return name.hasPrefix("get_") ? .function(BuiltinFunction(name, isMethod: true) { _ in .object(axis) }) : .object(axis)
        }
        if let call = (PyplotCalls.calls + PyplotCalls.artistCalls).first(where: { $0.1 == name })?.2 {
            return .function(BuiltinFunction(name, isMethod: true) { [state, figure, axes] args in try call(state, figure, axes, args) })
        }
        if ["set_aspect", "tick_params", "set_xticklabels", "set_yticklabels", "set_frame_on"].contains(name) {
            return .function(BuiltinFunction(name, isMethod: true) { _ in .none })
        }
        return nil
    }
}

/// `ax.get_xaxis()`: `set_visible(False)` hides that axis's ticks and labels.
final class AxisObject: HostObject {
    let axes: PlotFigure.Axes
    let x: Bool
    init(axes: PlotFigure.Axes, x: Bool) { self.axes = axes; self.x = x }
    var typeName: String { x ? "matplotlib.axis.XAxis" : "matplotlib.axis.YAxis" }
    func repr() -> String { x ? "XAxis(80.0,52.8)" : "YAxis(80.0,52.8)" }
    func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "set_visible":
            return .function(BuiltinFunction(name, isMethod: true) { [axes, x] args in
                let visible = try args.bind(["b"]).bool("b")
                if x { axes.xTicksVisible = visible } else { axes.yTicksVisible = visible }
                return .none
            })
        case "set_ticks", "set_ticklabels", "set_major_locator", "set_major_formatter":
            return .function(BuiltinFunction(name, isMethod: true) { _ in .none })
        default: return nil
        }
    }
}

/// The array of Axes `plt.subplots(2, 5)` returns: `axes[0, 1]`, `axes[3]`, `axes.flat`,
/// `axes.flatten()`, iteration by rows.
final class AxesArray: HostObject {
    let items: [AxesObject]
    let shape: [Int]
    init(_ items: [AxesObject], shape: [Int]) { self.items = items; self.shape = shape }
    var typeName: String { "numpy.ndarray" }
    func repr() -> String { "array([" + items.map { $0.repr() }.joined(separator: ", ") + "], dtype=object)" }

    func getItem(_ index: Value) throws -> Value {
        let parts: [Value]
        if case .tuple(let t) = index { parts = t } else { parts = [index] }
        guard parts.count <= shape.count, parts.allSatisfy({ $0.intValue != nil }) else {
            throw ScriptError.indexError("only integers are valid indices for an array of Axes here")
        }
        var flat = 0, rest = shape
        for (axis, part) in parts.enumerated() {
            let size = shape[axis], i = part.intValue ?? 0, position = i < 0 ? i + size : i
            guard position >= 0, position < size else { throw ScriptError.indexError("index \(i) is out of bounds for axis \(axis) with size \(size)") }
            flat = flat * size + position
            rest.removeFirst()
        }
        // Cannot overflow: the axes' sizes multiply to `items.count` (subplots made them).
        let inner = rest.reduce(1, *)
        if rest.isEmpty { return .object(items[flat]) }
        return .object(AxesArray(Array(items[(flat * inner)..<((flat + 1) * inner)]), shape: rest))
    }

    func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "flat": return .object(AxesArray(items, shape: [items.count]))
        case "shape": return .tuple(shape.map { .int($0) })
        case "flatten", "ravel": return .function(BuiltinFunction(name, isMethod: true) { [items] _ in .object(AxesArray(items, shape: [items.count])) })
        default: return nil
        }
    }

    func length() throws -> Int? { shape.first }

    func iterate() throws -> ValueIterator? {
        var i = 0
        let count = shape.first ?? 0
        return ValueIterator { [self] in
            guard i < count else { return nil }
            defer { i += 1 }
            return try self.getItem(.int(i))
        }
    }
}

/// `fig` from `plt.figure()` / `plt.subplots()`.
final class FigureObject: HostObject {
    let state: PyplotState
    let figure: PlotFigure
    init(state: PyplotState, figure: PlotFigure) { self.state = state; self.figure = figure }
    var typeName: String { "matplotlib.figure.Figure" }
    func repr() -> String { "<Figure size \(Int(figure.size.width * 100))x\(Int(figure.size.height * 100)) with \(figure.axes.count) Axes>" }
    func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "suptitle":
            return .function(BuiltinFunction(name, isMethod: true) { [figure] args in
                let text = PythonFormat.str(try args.bind(["t"], required: 1, allowExtraKeywords: true)["t"] ?? .none)
                figure.suptitle = text
                return .object(ReprObject("Text(0.5, 0.98, \(PythonFormat.repr(.str(text))))"))
            })
        case "add_subplot":
            return .function(BuiltinFunction(name, isMethod: true) { [state, figure] args in try state.subplot(args, in: figure) })
        case "colorbar":
            return .function(BuiltinFunction(name, isMethod: true) { [state, figure] args in try PyplotCalls.colorbar(figure, args, state: state) })
        case "tight_layout", "subplots_adjust", "set_size_inches":
            return .function(BuiltinFunction(name, isMethod: true) { _ in .none })
        case "savefig":
            return .function(BuiltinFunction(name, isMethod: true) { _ in
                throw ScriptError.notSupported("savefig is not available: lessons cannot write files (figures are saved by `lesson run --out`)")
            })
        default: return nil
        }
    }
}
