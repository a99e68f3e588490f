import NumPy
import Script

/// The plotting calls `plt.X` makes on the current axes and `ax.X` / `ax.set_X` on its own:
/// one implementation for both, as matplotlib's pyplot wraps the Axes methods.
enum PyplotCalls {
    typealias Call = (PyplotState, PlotFigure, PlotFigure.Axes, Arguments) throws -> Value

    /// pyplot name → (Axes method name, call).
    static let calls: [(String, String, Call)] = [
        ("imshow", "imshow", imshow), ("plot", "plot", plot), ("scatter", "scatter", scatter), ("bar", "bar", bar(horizontal: false)),
        ("barh", "barh", bar(horizontal: true)), ("hist", "hist", hist),
        ("title", "set_title", text { $0.title = $1 }), ("xlabel", "set_xlabel", text { $0.xLabel = $1 }), ("ylabel", "set_ylabel", text { $0.yLabel = $1 }),
        ("xticks", "set_xticks", ticks(x: true)), ("yticks", "set_yticks", ticks(x: false)),
        ("xlim", "set_xlim", limits(x: true)), ("ylim", "set_ylim", limits(x: false)),
        ("grid", "grid", grid), ("legend", "legend", legend), ("axis", "axis", axis),
        ("axhline", "axhline", line(horizontal: true)), ("axvline", "axvline", line(horizontal: false)),
        ("xscale", "set_xscale", scale), ("yscale", "set_yscale", scale),
    ]

    static func doubles(_ value: Value, _ name: String) throws -> [Double] {
        try ValueConversion.array(value, name: name).array.doubles
    }

    static func colorMap(_ value: Value?) throws -> ColorMap? {
        guard let cmap = value, !cmap.isNone else { return nil }
        let name: String
        if case .str(let s) = cmap { name = s } else if case .object(let o as ColorMapObject) = cmap { name = o.name } else { name = cmap.repr }
        guard let chosen = ColorMap(name: name) else { throw ScriptError.valueError("'\(name)' is not a colour map lessons support (\(ColorMap.names))") }
        return chosen
    }

    static let imshow: Call = { state, figure, axes, args in
        let bound = try args.bind(["X", "cmap", "norm", "aspect", "interpolation", "alpha", "vmin", "vmax"], required: 1, allowExtraKeywords: true)
        let (array, _) = try ValueConversion.array(bound["X"] ?? .none, name: "X")
        let vmin = bound.has("vmin") ? try bound.double("vmin") : nil, vmax = bound.has("vmax") ? try bound.double("vmax") : nil
        let map = try colorMap(bound["cmap"]) ?? figure.colorMap ?? .viridis
        axes.image = try NumPyCall.run { try PlotFigure.Image.from(array, colorMap: map, vmin: vmin, vmax: vmax) }
        axes.imageSource = (array, vmin, vmax)
        axes.imageColorMap = array.ndim == 2 ? map : nil
        return state.artist("matplotlib.image.AxesImage")
    }

    static let plot: Call = { state, _, axes, args in
        let bound = try Arguments(functionName: "plot", positional: [], keywords: args.keywords).bind(["label", "color", "marker", "linestyle"], required: 0, allowExtraKeywords: true)
        var positional = args.positional
        var style: String?
        if case .str(let s)? = positional.last { style = s; positional.removeLast() }
        guard (1...2).contains(positional.count) else { throw ScriptError.typeError("plot() takes y or x, y (and an optional format string)") }
        let y = try doubles(positional[positional.count - 1], "y")
        let x = positional.count == 2 ? try doubles(positional[0], "x") : (0..<y.count).map(Double.init)
        guard x.count == y.count else { throw ScriptError.valueError("x and y must have same first dimension, but have shapes (\(x.count),) and (\(y.count),)") }
        let label = bound.has("label") ? try bound.string("label") : nil
        if bound.has("marker"), style == nil { style = "-" + (try bound.string("marker")) }
        axes.lines.append(PlotFigure.Line(x: x, y: y, label: label, style: style))
        return .list(ListStorage([state.artist("matplotlib.lines.Line2D")]))
    }

    static let scatter: Call = { state, _, axes, args in
        let bound = try args.bind(["x", "y", "s", "c"], required: 2, allowExtraKeywords: true)
        let x = try doubles(bound["x"] ?? .none, "x"), y = try doubles(bound["y"] ?? .none, "y")
        guard x.count == y.count else { throw ScriptError.valueError("x and y must be the same size") }
        let label = bound.extraKeywords.first { $0.0 == "label" }.flatMap { if case .str(let s) = $0.1 { return s } else { return nil } }
        axes.lines.append(PlotFigure.Line(x: x, y: y, label: label, style: "o"))
        return state.artist("matplotlib.collections.PathCollection")
    }

    static func bar(horizontal: Bool) -> Call {
        { state, _, axes, args in
            let bound = try args.bind(["x", "height", "width", "bottom"], required: 2, allowExtraKeywords: true)
            let (xValue, _) = (bound["x"] ?? .none, 0)
            var labels: [String]? = nil
            var x: [Double]
            if let items = xValue.sequenceElements, items.allSatisfy({ if case .str = $0 { return true } else { return false } }) {
                labels = items.map { PythonFormat.str($0) }
                x = (0..<items.count).map(Double.init)
            } else { x = try doubles(xValue, "x") }
            var heights = try doubles(bound["height"] ?? .none, "height")
            if heights.count == 1, x.count > 1 { heights = Array(repeating: heights[0], count: x.count) }
            if x.count == 1, heights.count > 1 { x = Array(repeating: x[0], count: heights.count) }
            guard x.count == heights.count else { throw ScriptError.valueError("shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape (\(x.count),) and arg 1 with shape (\(heights.count),).") }
            let width = try bound.double("width", default: 0.8), bottom = try bound.double("bottom", default: 0)
            let label = bound.extraKeywords.first { $0.0 == "label" }.map { PythonFormat.str($0.1) }
            let series = axes.series
            axes.series += 1
            for (i, (position, height)) in zip(x, heights).enumerated() {
                axes.bars.append(PlotFigure.Bar(x: position, height: height, width: width, bottom: bottom, horizontal: horizontal, label: i == 0 ? label : nil, series: series))
            }
            if let labels { axes.categoryLabels = labels }
            return state.artist("BarContainer object of \(x.count) artists")
        }
    }

    static let hist: Call = { state, _, axes, args in
        let bound = try args.bind(["x", "bins", "range"], required: 1, allowExtraKeywords: true)
        let values = try doubles(bound["x"] ?? .none, "x").filter(\.isFinite)
        let bins = try bound.int("bins", default: 10)
        guard bins > 0, bins <= 10_000 else { throw ScriptError.valueError("`bins` must be positive, when an integer") }
        var low = values.min() ?? 0, high = values.max() ?? 1
        if low == high { low -= 0.5; high += 0.5 }
        let width = (high - low) / Double(bins)
        var counts = [Double](repeating: 0, count: bins)
        for v in values { counts[min(bins - 1, max(0, Int((v - low) / width)))] += 1 }
        let series = axes.series
        axes.series += 1
        for (i, count) in counts.enumerated() {
            axes.bars.append(PlotFigure.Bar(x: low + (Double(i) + 0.5) * width, height: count, width: width, bottom: 0, horizontal: false, label: nil, series: series))
        }
        return .tuple([.list(ListStorage(counts.map { .float($0) })), .list(ListStorage((0...bins).map { .float(low + Double($0) * width) })), state.artist("BarContainer object of \(bins) artists")])
    }

    static func text(_ set: @escaping (PlotFigure.Axes, String) -> Void) -> Call {
        { _, _, axes, args in
            let bound = try args.bind(["label"], required: 1, allowExtraKeywords: true)
            let text = PythonFormat.str(bound["label"] ?? .none)
            set(axes, text)
            return .object(ReprObject("Text(0.5, 1.0, \(PythonFormat.repr(.str(text))))"))
        }
    }

    /// `xticks([])` hides the ticks; ticks given with labels are kept as category labels.
    static func ticks(x: Bool) -> Call {
        { _, _, axes, args in
            let bound = try args.bind(["ticks", "labels"], required: 0, allowExtraKeywords: true)
            if let ticks = bound["ticks"]?.sequenceElements, ticks.isEmpty {
                if x { axes.xTicksVisible = false } else { axes.yTicksVisible = false }
            }
            return .none
        }
    }

    static func limits(x: Bool) -> Call {
        { _, _, axes, args in
            var values = args.positional
            if values.count == 1, let pair = values[0].sequenceElements { values = pair }
            for (key, value) in args.keywords where ["left", "bottom", "xmin", "ymin"].contains(key) { values.insert(value, at: 0) }
            guard values.count == 2, let low = values[0].doubleValue, let high = values[1].doubleValue else { return .tuple([.float(0), .float(1)]) }
            if x { axes.xLimits = (low, high) } else { axes.yLimits = (low, high) }
            return .tuple([.float(low), .float(high)])
        }
    }

    static let grid: Call = { _, _, axes, args in
        let bound = try args.bind(["visible", "which", "axis"], required: 0, allowExtraKeywords: true)
        axes.grid = bound["visible"].map { (try? Interpreter.truthy($0)) ?? true } ?? !axes.grid
        return .none
    }

    static let legend: Call = { state, _, axes, args in
        _ = try args.bind(["labels"], required: 0, allowExtraKeywords: true)
        axes.legend = true
        return state.artist("matplotlib.legend.Legend")
    }

    static let axis: Call = { _, _, axes, args in
        let bound = try args.bind(["arg"], required: 0, allowExtraKeywords: true)
        if case .str(let s)? = bound["arg"], s == "off" { axes.axisOff = true }
        if case .bool(false)? = bound["arg"] { axes.axisOff = true }
        return .tuple([.float(0), .float(1), .float(0), .float(1)])
    }

    static func line(horizontal: Bool) -> Call {
        { state, _, axes, args in
            let bound = try args.bind([horizontal ? "y" : "x"], required: 0, allowExtraKeywords: true)
            let at = try bound.double(horizontal ? "y" : "x", default: 0)
            axes.referenceLines.append((at, horizontal))
            return state.artist("matplotlib.lines.Line2D")
        }
    }

    static let scale: Call = { _, _, _, args in
        let bound = try args.bind(["value"], required: 1, allowExtraKeywords: true)
        let value = try bound.string("value")
        guard ["linear", "log", "symlog", "logit"].contains(value) else { throw ScriptError.valueError("'\(value)' is not a valid value for scale; supported values are 'linear', 'log', 'symlog', 'logit'") }
        return .none
    }
}
