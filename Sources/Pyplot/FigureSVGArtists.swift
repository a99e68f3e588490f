import Foundation

/// The SVG of `fill_between`, `errorbar`, `text` and `colorbar`, in matplotlib's default
/// style: bands in the patch colour cycle, error segments in their line's colour, 10 pt text
/// anchored at its data point, a colour bar 1/20 as wide as it is tall beside its image.
extension FigureSVG {
    typealias Project = (Double) -> Double

    /// Data extents of the bands and error bars, so the autoscaled axes hold them.
    static func artistExtents(_ axes: PlotFigure.Axes) -> (xs: [Double], ys: [Double]) {
        var xs: [Double] = [], ys: [Double] = []
        for fill in axes.fills { xs += fill.x; ys += fill.y1 + fill.y2 }
        for bars in axes.errorBars {
            for (i, (x, y)) in zip(bars.x, bars.y).enumerated() {
                let dy = bars.yError.map { $0[i] } ?? 0, dx = bars.xError.map { $0[i] } ?? 0
                xs += [x - dx, x + dx]; ys += [y - dy, y + dy]
            }
        }
        return (xs, ys)
    }

    static func fillColor(_ axes: PlotFigure.Axes, _ k: Int) -> String {
        let series = axes.bars.isEmpty ? 0 : (axes.bars.map(\.series).max() ?? 0) + 1
        return axes.fills[k].color.map { lineColor($0) ?? escape($0) } ?? colors[(k + series) % colors.count]
    }

    static func errorColor(_ axes: PlotFigure.Axes, _ k: Int, lineSeries: Int) -> String {
        lineColor(axes.errorBars[k].style) ?? colors[(axes.lines.count + k + lineSeries) % colors.count]
    }

    static func drawFills(_ axes: PlotFigure.Axes, _ px: Project, _ py: Project) -> String {
        var svg = ""
        for (k, fill) in axes.fills.enumerated() {
            let upper = zip(fill.x, fill.y1).filter { $0.0.isFinite && $0.1.isFinite }.map { "\(n(px($0.0))),\(n(py($0.1)))" }
            let lower = zip(fill.x, fill.y2).filter { $0.0.isFinite && $0.1.isFinite }.reversed().map { "\(n(px($0.0))),\(n(py($0.1)))" }
            guard !upper.isEmpty else { continue }
            svg += "<polygon class=\"fill\" points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(fillColor(axes, k))\" fill-opacity=\"\(n2(fill.alpha))\" stroke=\"none\"/>\n"
        }
        return svg
    }

    static func drawErrorBars(_ axes: PlotFigure.Axes, lineSeries: Int, _ px: Project, _ py: Project) -> String {
        var svg = ""
        for (k, bars) in axes.errorBars.enumerated() {
            let color = errorColor(axes, k, lineSeries: lineSeries), style = bars.style ?? "-"
            let points = zip(bars.x, bars.y).filter { $0.0.isFinite && $0.1.isFinite }
            let marker = style.contains("o") || style.contains(".") || style.contains("s") || style.contains("^")
            if style != "none" && (!marker || style.contains("-")) {
                svg += "<polyline class=\"line\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\" points=\"\(points.map { "\(n(px($0.0))),\(n(py($0.1)))" }.joined(separator: " "))\"/>\n"
            }
            svg += "<g class=\"errorbar\" stroke=\"\(color)\" stroke-width=\"1.5\">"
            for (i, (x, y)) in zip(bars.x, bars.y).enumerated() where x.isFinite && y.isFinite {
                if let dy = bars.yError?[i], dy.isFinite {
                    svg += "<line x1=\"\(n(px(x)))\" x2=\"\(n(px(x)))\" y1=\"\(n(py(y - dy)))\" y2=\"\(n(py(y + dy)))\"/>"
                }
                if let dx = bars.xError?[i], dx.isFinite {
                    svg += "<line x1=\"\(n(px(x - dx)))\" x2=\"\(n(px(x + dx)))\" y1=\"\(n(py(y)))\" y2=\"\(n(py(y)))\"/>"
                }
            }
            svg += "</g>\n"
            if marker {
                for (x, y) in points { svg += "<circle class=\"marker\" cx=\"\(n(px(x)))\" cy=\"\(n(py(y)))\" r=\"3\" fill=\"\(color)\"/>" }
                svg += "\n"
            }
        }
        return svg
    }

    static func drawTexts(_ axes: PlotFigure.Axes, _ px: Project, _ py: Project) -> String {
        axes.texts.filter { $0.x.isFinite && $0.y.isFinite }.map {
            "<text class=\"text\" x=\"\(n(px($0.x)))\" y=\"\(n(py($0.y)))\" font-size=\"13.9\">\(escape($0.text))</text>\n"
        }.joined()
    }

    /// The colour bar to the right of `plot` (its room was taken from the plot's width).
    static func drawColorBar(_ axes: PlotFigure.Axes, beside plot: (x: Double, y: Double, w: Double, h: Double), id: String) -> String {
        guard let bar = axes.colorBar, let map = axes.imageColorMap else { return "" }
        let height = plot.h, width = max(4, height / 20), x = plot.x + plot.w + 12, y = plot.y
        var svg = "<g class=\"colorbar\"><defs><linearGradient id=\"\(id)\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">"
        for step in 0...16 {
            let (r, g, b) = map.rgb(Double(step) / 16)
            svg += "<stop offset=\"\(n2(Double(step) / 16))\" stop-color=\"rgb(\(r),\(g),\(b))\"/>"
        }
        svg += "</linearGradient></defs>"
        svg += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"url(#\(id))\" stroke=\"black\" stroke-width=\"0.8\"/>"
        let (low, high) = bar.high > bar.low ? (bar.low, bar.high) : (bar.low - 0.5, bar.low + 0.5)
        let ticks = ticks(low, high, length: height, horizontal: false), labels = tickLabels(ticks)
        for (k, tick) in ticks.enumerated() {
            let ty = y + height - (tick - low) / (high - low) * height
            svg += "<line class=\"cbartick\" x1=\"\(n(x + width))\" x2=\"\(n(x + width + 3.5))\" y1=\"\(n(ty))\" y2=\"\(n(ty))\" stroke=\"black\" stroke-width=\"0.8\"/>"
            svg += "<text class=\"cbarticklabel\" x=\"\(n(x + width + 6))\" y=\"\(n(ty + 3.5))\" font-size=\"13.9\">\(labels[k])</text>"
        }
        return svg + "</g>\n"
    }

    static func n2(_ x: Double) -> String { String(format: "%.3g", x) }
}
