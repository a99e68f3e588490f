import NumPy
import Script

/// `text`, `fill_between`, `errorbar` and `colorbar`, with matplotlib's parameters and the
/// artists they return.
extension PyplotCalls {
    static let artistCalls: [(String, String, Call)] = [
        ("text", "text", text), ("fill_between", "fill_between", fillBetween), ("errorbar", "errorbar", errorbar),
    ]

    static let text: Call = { _, _, axes, args in
        let bound = try args.bind(["x", "y", "s", "fontdict"], required: 3, allowExtraKeywords: true)
        let x = try bound.double("x"), y = try bound.double("y"), s = PythonFormat.str(bound["s"] ?? .none)
        axes.texts.append((x, y, s))
        return .object(ReprObject("Text(\(PythonFormat.repr(bound["x"] ?? .none)), \(PythonFormat.repr(bound["y"] ?? .none)), \(PythonFormat.repr(.str(s))))"))
    }

    /// A scalar or a sequence as `count` values (matplotlib broadcasts y2=0 and scalar errors).
    static func broadcast(_ value: Value, _ name: String, count: Int) throws -> [Double] {
        let values = try doubles(value, name)
        if values.count == 1 { return Array(repeating: values[0], count: count) }
        guard values.count == count else { throw ScriptError.valueError("'\(name)' must be a scalar or a 1D array of the same size as x (\(count)), not \(values.count)") }
        return values
    }

    static let fillBetween: Call = { state, _, axes, args in
        let bound = try args.bind(["x", "y1", "y2", "where", "interpolate", "step"], required: 2, allowExtraKeywords: true)
        let x = try doubles(bound["x"] ?? .none, "x")
        let y1 = try broadcast(bound["y1"] ?? .none, "y1", count: x.count)
        let y2 = try broadcast(bound["y2"] ?? .int(0), "y2", count: x.count)
        let keyword = { (name: String) in bound.extraKeywords.first { $0.0 == name }?.1 }
        let alpha = keyword("alpha")?.doubleValue ?? 1
        let color = (keyword("color") ?? keyword("facecolor")).flatMap { if case .str(let s) = $0 { return s } else { return nil } }
        let label = keyword("label").map { PythonFormat.str($0) }
        axes.fills.append(PlotFigure.Fill(x: x, y1: y1, y2: y2, alpha: min(1, max(0, alpha)), color: color, label: label))
        return state.artist("matplotlib.collections.FillBetweenPolyCollection")
    }

    static let errorbar: Call = { state, _, axes, args in
        let bound = try args.bind(["x", "y", "yerr", "xerr", "fmt"], required: 2, allowExtraKeywords: true)
        let x = try doubles(bound["x"] ?? .none, "x"), y = try doubles(bound["y"] ?? .none, "y")
        guard x.count == y.count else { throw ScriptError.valueError("'x' and 'y' must have the same size") }
        let yError = bound.has("yerr") ? try broadcast(bound["yerr"] ?? .none, "yerr", count: x.count).map(abs) : nil
        let xError = bound.has("xerr") ? try broadcast(bound["xerr"] ?? .none, "xerr", count: x.count).map(abs) : nil
        let style = bound.has("fmt") ? try bound.string("fmt") : nil
        let label = bound.extraKeywords.first { $0.0 == "label" }.map { PythonFormat.str($0.1) }
        axes.errorBars.append(PlotFigure.ErrorBars(x: x, y: y, yError: yError, xError: xError, style: style, label: label))
        return state.artist("ErrorbarContainer object of 3 artists")
    }

    /// `plt.colorbar()` / `fig.colorbar(im, ax=ax)`: a bar beside the axes that holds an image.
    static func colorbar(_ figure: PlotFigure, _ args: Arguments, state: PyplotState) throws -> Value {
        _ = try args.bind(["mappable", "cax", "ax"], required: 0, allowExtraKeywords: true)
        let holder = figure.currentAxes.imageSource != nil ? figure.currentAxes
            : figure.axes.sorted(by: { $0.key < $1.key }).map(\.value).last { $0.imageSource != nil }
        guard let axes = holder, let source = axes.imageSource else {
            throw ScriptError.runtimeError("No mappable was found to use for colorbar creation. First define a mappable such as an image (with imshow) or a contour set (with contourf).")
        }
        let values = source.array.doubles.filter(\.isFinite)
        let low = source.vmin ?? values.min() ?? 0, high = source.vmax ?? values.max() ?? 1
        axes.colorBar = (low, high)
        return state.artist("matplotlib.colorbar.Colorbar")
    }
}
