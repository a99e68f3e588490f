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
        .object(ReprObject(type.hasPrefix("BarContainer") ? "<\(type)>" : "<\(type) at \(nextAddress())>"))
    }

    func nextAddress() -> String {
        objectCount += 1
        return "0x" + String(0x7f3a_2c40_0000 + objectCount * 0x90, radix: 16)
    }

    /// `subplot(2, 5, 3)` or `subplot(253)`: makes that position current and returns its Axes.
    func subplot(_ args: Arguments, in figure: PlotFigure) throws -> Value {
        let bound = try args.bind(["nrows", "ncols", "index"], required: 1, allowExtraKeywords: true)
        if bound.has("ncols") {
            try NumPyCall.run { try figure.subplot(rows: try bound.int("nrows"), columns: try bound.int("ncols"), index: try bound.int("index")) }
        } else {
            let code = try bound.int("nrows")
            try NumPyCall.run { try figure.subplot(rows: code / 100, columns: (code / 10) % 10, index: code % 10) }
        }
        return .object(AxesObject(state: self, figure: figure, axes: figure.currentAxes))
    }

    static func figureSize(_ value: Value?) throws -> (Double, Double)? {
        guard let value, !value.isNone else { return nil }
        guard let size = value.sequenceElements, size.count == 2, let w = size[0].doubleValue, let h = size[1].doubleValue, w > 0, h > 0, w <= 40, h <= 40 else {
            throw ScriptError.valueError("figsize must be (width, height) in inches, each between 0 and 40")
        }
        return (w, h)
    }

    public func makeModule() -> ModuleValue {
        let plt = ModuleValue(name: "matplotlib.pyplot")
        plt.addFunction("figure") { [unowned self] args in
            let bound = try args.bind(["num", "figsize", "dpi"], required: 0, allowExtraKeywords: true)
            self.show()
            let figure = self.current
            if let size = try Self.figureSize(bound["figsize"]) { figure.size = size }
            return .object(FigureObject(state: self, figure: figure))
        }
        plt.addFunction("subplot") { [unowned self] args in try self.subplot(args, in: self.current) }
        plt.addFunction("subplots") { [unowned self] args in
            let bound = try args.bind(["nrows", "ncols"], required: 0, allowExtraKeywords: true)
            let rows = try bound.int("nrows", default: 1), columns = try bound.int("ncols", default: 1)
            self.show()
            let figure = self.current
            for (key, value) in bound.extraKeywords where key == "figsize" { if let size = try Self.figureSize(value) { figure.size = size } }
            try NumPyCall.run { try figure.subplot(rows: rows, columns: columns, index: 1) }
            let axes = (1...(rows * columns)).map { AxesObject(state: self, figure: figure, axes: figure.axes(at: $0)) }
            let fig = Value.object(FigureObject(state: self, figure: figure))
            if rows * columns == 1 { return .tuple([fig, .object(axes[0])]) }
            let shape = rows == 1 || columns == 1 ? [rows * columns] : [rows, columns]
            return .tuple([fig, .object(AxesArray(axes, shape: shape))])
        }
        for (name, _, call) in PyplotCalls.calls + PyplotCalls.artistCalls {
            plt.addFunction(name) { [unowned self] args in try call(self, self.current, self.current.currentAxes, args) }
        }
        plt.addFunction("gca") { [unowned self] _ in .object(AxesObject(state: self, figure: self.current, axes: self.current.currentAxes)) }
        plt.addFunction("gcf") { [unowned self] _ in .object(FigureObject(state: self, figure: self.current)) }
        plt.addFunction("suptitle") { [unowned self] args in
            let text = PythonFormat.str(try args.bind(["t"], required: 1, allowExtraKeywords: true)["t"] ?? .none)
            self.current.suptitle = text
            return .object(ReprObject("Text(0.5, 0.98, \(PythonFormat.repr(.str(text))))"))
        }
        // `plt.gray()`: the figure's images (drawn and to come) in grey.
        plt.addFunction("gray") { [unowned self] args in
            _ = try args.bind([])
            let figure = self.current
            figure.colorMap = .gray
            for axes in figure.axes.values {
                if let source = axes.imageSource {
                    axes.image = try NumPyCall.run { try PlotFigure.Image.from(source.array, colorMap: .gray, vmin: source.vmin, vmax: source.vmax) }
                    if axes.imageColorMap != nil { axes.imageColorMap = .gray }
                }
            }
            return .none
        }
        plt.addFunction("show") { [unowned self] args in _ = try args.bind(["block"], required: 0); self.show(); return .none }
        plt.addFunction("close") { [unowned self] args in _ = try args.bind(["fig"], required: 0); self.figure = nil; return .none }
        plt.addFunction("colorbar") { [unowned self] args in try PyplotCalls.colorbar(self.current, args, state: self) }
        for name in ["tight_layout", "subplots_adjust", "margins", "ion", "ioff"] {
            plt.addFunction(name) { _ in .none } // layout is the renderer's; interactive mode means nothing here
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
