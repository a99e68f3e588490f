import Foundation
import NumPy
import Script

/// `import matplotlib.pyplot as plt`: calls build a `PlotFigure`; `plt.show()` (or the end
/// of the cell, as Jupyter's inline backend does) hands it to the cell as a picture.
public final class PyplotState {
    public var figure: PlotFigure?
    /// Receives each finished figure.
    public var emit: (RenderedFigure) -> Void = { _ in }

    public init() {}
    var objectCount = 0

    var current: PlotFigure {
        if let figure { return figure }
        let new = PlotFigure()
        figure = new
        return new
    }

    public func show() {
        if let figure, !figure.isEmpty { emit(FigureSVG.render(figure)) }
        figure = nil
    }

    /// A stand-in object whose repr looks like matplotlib's (`<matplotlib.lines.Line2D at 0x7f…>`).
    func artist(_ type: String) -> Value {
        objectCount += 1
        return .object(ReprObject("<\(type) at 0x\(String(0x7f3a_2c40_0000 + objectCount * 0x90, radix: 16))>"))
    }

    public func makeModule() -> ModuleValue {
        let plt = ModuleValue(name: "matplotlib.pyplot")
        plt.addFunction("figure") { [unowned self] args in
            let bound = try args.bind(["num", "figsize", "dpi"], required: 0)
            self.show()
            let figure = self.current
            if bound.has("figsize") {
                guard let size = bound["figsize"]?.sequenceElements, size.count == 2,
                      let w = size[0].doubleValue, let h = size[1].doubleValue, w > 0, h > 0, w <= 40, h <= 40 else {
                    throw ScriptError.valueError("figsize must be (width, height) in inches, each between 0 and 40")
                }
                figure.size = (w, h)
            }
            return .object(ReprObject("<Figure size \(Int(figure.size.width * 100))x\(Int(figure.size.height * 100)) with 0 Axes>"))
        }
        plt.addFunction("subplot") { [unowned self] args in
            let bound = try args.bind(["nrows", "ncols", "index"], required: 1)
            if bound.has("ncols") {
                try NumPyCall.run { try self.current.subplot(rows: try bound.int("nrows"), columns: try bound.int("ncols"), index: try bound.int("index")) }
            } else {
                let code = try bound.int("nrows") // plt.subplot(331)
                try NumPyCall.run { try self.current.subplot(rows: code / 100, columns: (code / 10) % 10, index: code % 10) }
            }
            return self.artist("Axes")
        }
        plt.addFunction("imshow") { [unowned self] args in
            let bound = try args.bind(["X", "cmap", "norm", "aspect", "interpolation", "alpha", "vmin", "vmax"], required: 1, allowExtraKeywords: true)
            let (array, _) = try ValueConversion.array(bound["X"] ?? .none, name: "X")
            var map = ColorMap.viridis
            if let cmap = bound["cmap"], !cmap.isNone {
                let name: String
                if case .str(let s) = cmap { name = s } else if case .object(let o as ColorMapObject) = cmap { name = o.name } else { name = cmap.repr }
                guard let chosen = ColorMap(name: name) else {
                    throw ScriptError.valueError("'\(name)' is not a colour map lessons support (\(ColorMap.names))")
                }
                map = chosen
            }
            let vmin = bound.has("vmin") ? try bound.double("vmin") : nil, vmax = bound.has("vmax") ? try bound.double("vmax") : nil
            self.current.currentAxes.image = try NumPyCall.run { try PlotFigure.Image.from(array, colorMap: map, vmin: vmin, vmax: vmax) }
            return self.artist("matplotlib.image.AxesImage")
        }
        plt.addFunction("plot") { [unowned self] args in
            let bound = try Arguments(functionName: "plot", positional: [], keywords: args.keywords).bind(["label", "color", "marker", "linestyle"], required: 0, allowExtraKeywords: true)
            var positional = args.positional
            var style: String?
            if case .str(let s)? = positional.last { style = s; positional.removeLast() }
            guard (1...2).contains(positional.count) else { throw ScriptError.typeError("plot() takes y or x, y (and an optional format string)") }
            let y = try ValueConversion.array(positional[positional.count - 1], name: "y").array.doubles
            let x = positional.count == 2 ? try ValueConversion.array(positional[0], name: "x").array.doubles : (0..<y.count).map(Double.init)
            guard x.count == y.count else { throw ScriptError.valueError("x and y must have same first dimension, but have shapes (\(x.count),) and (\(y.count),)") }
            let label = bound.has("label") ? try bound.string("label") : nil
            self.current.currentAxes.lines.append(PlotFigure.Line(x: x, y: y, label: label, style: style ?? (bound.has("marker") ? "o" : nil)))
            return .list([self.artist("matplotlib.lines.Line2D")])
        }
        for (name, position) in [("title", "0.5, 1.0"), ("xlabel", "0.5, 0"), ("ylabel", "0, 0.5"), ("suptitle", "0.5, 0.98")] {
            plt.addFunction(name) { [unowned self] args in
                let bound = try args.bind(["label"], required: 1, allowExtraKeywords: true)
                let text = PythonFormat.str(bound["label"] ?? .none)
                let axes = self.current.currentAxes
                switch name {
                case "title": axes.title = text
                case "xlabel": axes.xLabel = text
                case "ylabel": axes.yLabel = text
                default: self.current.suptitle = text
                }
                return .object(ReprObject("Text(\(position), \(PythonFormat.repr(.str(text))))"))
            }
        }
        plt.addFunction("legend") { [unowned self] args in
            _ = try args.bind(["labels"], required: 0, allowExtraKeywords: true)
            self.current.currentAxes.legend = true
            return self.artist("matplotlib.legend.Legend")
        }
        plt.addFunction("axis") { [unowned self] args in
            let bound = try args.bind(["arg"], required: 0, allowExtraKeywords: true)
            if case .str(let s)? = bound["arg"], s == "off" { self.current.currentAxes.axisOff = true }
            return .tuple([.float(0), .float(1), .float(0), .float(1)])
        }
        plt.addFunction("show") { [unowned self] args in _ = try args.bind(["block"], required: 0); self.show(); return .none }
        plt.addFunction("close") { [unowned self] args in _ = try args.bind(["fig"], required: 0); self.figure = nil; return .none }
        for name in ["tight_layout", "grid", "xticks", "yticks", "colorbar", "xlim", "ylim"] {
            plt.addFunction(name) { args in _ = try args.bind([], required: 0, allowExtraKeywords: true); _ = args.positional; return .none }
        }
        plt.addFunction("savefig") { _ in
            throw ScriptError.notSupported("plt.savefig is not available: lessons cannot write files (figures are saved by `lesson run --out`)")
        }
        let cm = ModuleValue(name: "matplotlib.cm")
        for name in ["gray", "gray_r", "binary", "Greys", "viridis", "hot"] { cm.members[name] = .object(ColorMapObject(name)) }
        plt.members["cm"] = .module(cm)
        return plt
    }
}

/// `plt.cm.binary`: a colour map named by an attribute.
public final class ColorMapObject: HostObject {
    let name: String
    public init(_ name: String) { self.name = name }
    public var typeName: String { "matplotlib.colors.Colormap" }
    public func repr() -> String { "<matplotlib.colors.LinearSegmentedColormap object at 0x7f3a2c3f8d10>" }
}

/// An object that only prints (matplotlib's artists, Keras's History).
public final class ReprObject: HostObject {
    let text: String
    public init(_ text: String) { self.text = text }
    public var typeName: String { "object" }
    public func repr() -> String { text }
}
