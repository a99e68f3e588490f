import Foundation

/// A finished figure: PNG bytes, an SVG document, or both (LessonKit makes its `Figure` of it).
public struct RenderedFigure: Equatable {
    public var png: Data?
    public var svg: String?
    public var title: String?
    public init(png: Data? = nil, svg: String? = nil, title: String? = nil) { self.png = png; self.svg = svg; self.title = title }
}

/// Draws a `PlotFigure` as a self-contained SVG document: axes with ticks, lines in
/// matplotlib's default colour cycle, images as embedded PNG, titles and legends.
public enum FigureSVG {
    static let colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

    public static func render(_ figure: PlotFigure) -> RenderedFigure {
        let width = figure.size.width * 100, height = figure.size.height * 100
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"11\">\n"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        let top = figure.suptitle == nil ? 0.0 : 24
        if let suptitle = figure.suptitle {
            svg += "<text x=\"\(n(width / 2))\" y=\"18\" text-anchor=\"middle\" font-size=\"14\">\(escape(suptitle))</text>\n"
        }
        let cellWidth = width / Double(figure.columns), cellHeight = (height - top) / Double(figure.rows)
        for (index, axes) in figure.axes.sorted(by: { $0.key < $1.key }) {
            let row = (index - 1) / figure.columns, column = (index - 1) % figure.columns
            let frame = (x: Double(column) * cellWidth, y: top + Double(row) * cellHeight, w: cellWidth, h: cellHeight)
            svg += draw(axes, in: frame)
        }
        svg += "</svg>\n"
        // A figure that is exactly one image also gets a PNG, for notebooks and files.
        var png: Data?
        if figure.axes.count == 1, let image = figure.axes.values.first?.image, figure.axes.values.first?.lines.isEmpty ?? false {
            png = image.png()
        }
        let title = figure.suptitle ?? figure.axes.sorted(by: { $0.key < $1.key }).compactMap(\.value.title).first
        return RenderedFigure(png: png, svg: svg, title: title)
    }

    static func draw(_ axes: PlotFigure.Axes, in frame: (x: Double, y: Double, w: Double, h: Double)) -> String {
        var svg = ""
        let titleSpace = axes.title == nil ? 8.0 : 24
        let left = axes.axisOff || axes.image != nil ? 8.0 : 52, bottom = axes.xLabel == nil ? (axes.axisOff ? 8.0 : 26) : 40
        let plot = (x: frame.x + left, y: frame.y + titleSpace, w: max(10, frame.w - left - 12), h: max(10, frame.h - titleSpace - bottom))
        if let title = axes.title {
            svg += "<text x=\"\(n(plot.x + plot.w / 2))\" y=\"\(n(frame.y + 16))\" text-anchor=\"middle\" font-size=\"12\">\(escape(title))</text>\n"
        }
        if let image = axes.image {
            let scale = min(plot.w / Double(image.width), plot.h / Double(image.height))
            let w = Double(image.width) * scale, h = Double(image.height) * scale
            let x = plot.x + (plot.w - w) / 2, y = plot.y + (plot.h - h) / 2
            let data = PNGEncoder.encode(width: image.width, height: image.height, channels: 3, pixels: image.rgb).base64EncodedString()
            svg += "<image x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(h))\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" href=\"data:image/png;base64,\(data)\"/>\n"
            if !axes.axisOff { svg += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(h))\" fill=\"none\" stroke=\"black\" stroke-width=\"0.8\"/>\n" }
        }
        if !axes.lines.isEmpty {
            let xs = axes.lines.flatMap(\.x).filter(\.isFinite), ys = axes.lines.flatMap(\.y).filter(\.isFinite)
            var (x0, x1) = (xs.min() ?? 0, xs.max() ?? 1), (y0, y1) = (ys.min() ?? 0, ys.max() ?? 1)
            if x0 == x1 { x0 -= 0.5; x1 += 0.5 }
            if y0 == y1 { y0 -= 0.5; y1 += 0.5 }
            let margin = (y1 - y0) * 0.05
            y0 -= margin; y1 += margin
            func px(_ x: Double) -> Double { plot.x + (x - x0) / (x1 - x0) * plot.w }
            func py(_ y: Double) -> Double { plot.y + plot.h - (y - y0) / (y1 - y0) * plot.h }
            if !axes.axisOff {
                svg += "<rect x=\"\(n(plot.x))\" y=\"\(n(plot.y))\" width=\"\(n(plot.w))\" height=\"\(n(plot.h))\" fill=\"none\" stroke=\"black\" stroke-width=\"0.8\"/>\n"
                for tick in ticks(y0, y1) {
                    svg += "<line x1=\"\(n(plot.x - 4))\" x2=\"\(n(plot.x))\" y1=\"\(n(py(tick)))\" y2=\"\(n(py(tick)))\" stroke=\"black\"/>"
                    svg += "<text x=\"\(n(plot.x - 6))\" y=\"\(n(py(tick) + 4))\" text-anchor=\"end\">\(tickLabel(tick))</text>\n"
                }
                for tick in ticks(x0, x1) {
                    svg += "<line x1=\"\(n(px(tick)))\" x2=\"\(n(px(tick)))\" y1=\"\(n(plot.y + plot.h))\" y2=\"\(n(plot.y + plot.h + 4))\" stroke=\"black\"/>"
                    svg += "<text x=\"\(n(px(tick)))\" y=\"\(n(plot.y + plot.h + 16))\" text-anchor=\"middle\">\(tickLabel(tick))</text>\n"
                }
            }
            for (i, line) in axes.lines.enumerated() {
                let color = colors[i % colors.count]
                let points = zip(line.x, line.y).filter { $0.0.isFinite && $0.1.isFinite }.map { "\(n(px($0.0))),\(n(py($0.1)))" }
                svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.6\" points=\"\(points.joined(separator: " "))\"/>\n"
                if let style = line.style, style.contains("o") || style.contains(".") {
                    for (x, y) in zip(line.x, line.y) where x.isFinite && y.isFinite {
                        svg += "<circle cx=\"\(n(px(x)))\" cy=\"\(n(py(y)))\" r=\"3\" fill=\"\(color)\"/>"
                    }
                    svg += "\n"
                }
            }
            if axes.legend {
                let labelled = axes.lines.enumerated().filter { $0.element.label != nil }
                for (row, (i, line)) in labelled.enumerated() {
                    let y = plot.y + 14 + Double(row) * 16
                    svg += "<line x1=\"\(n(plot.x + plot.w - 120))\" x2=\"\(n(plot.x + plot.w - 100))\" y1=\"\(n(y - 4))\" y2=\"\(n(y - 4))\" stroke=\"\(colors[i % colors.count])\" stroke-width=\"2\"/>"
                    svg += "<text x=\"\(n(plot.x + plot.w - 95))\" y=\"\(n(y))\">\(escape(line.label ?? ""))</text>\n"
                }
            }
        }
        if let xLabel = axes.xLabel {
            svg += "<text x=\"\(n(plot.x + plot.w / 2))\" y=\"\(n(plot.y + plot.h + 32))\" text-anchor=\"middle\">\(escape(xLabel))</text>\n"
        }
        if let yLabel = axes.yLabel {
            let x = frame.x + 12, y = plot.y + plot.h / 2
            svg += "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"middle\" transform=\"rotate(-90 \(n(x)) \(n(y)))\">\(escape(yLabel))</text>\n"
        }
        return svg
    }

    /// About five round tick values between low and high.
    static func ticks(_ low: Double, _ high: Double) -> [Double] {
        let span = high - low
        guard span > 0, span.isFinite else { return [] }
        let raw = span / 5
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var ticks: [Double] = []
        var t = (low / step).rounded(.up) * step
        while t <= high + step * 1e-9 && ticks.count < 20 { ticks.append(t); t += step }
        return ticks
    }

    static func tickLabel(_ x: Double) -> String {
        let rounded = (x * 1e6).rounded() / 1e6
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%g", rounded)
    }

    static func n(_ x: Double) -> String { String(format: "%.1f", x) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
