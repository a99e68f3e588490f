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
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"13.9\">\n"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        let top = figure.suptitle == nil ? 0.0 : 24
        if let suptitle = figure.suptitle {
            svg += "<text class=\"suptitle\" x=\"\(n(width / 2))\" y=\"18\" text-anchor=\"middle\" font-size=\"16.7\">\(escape(suptitle))</text>\n"
        }
        let cellWidth = width / Double(figure.columns), cellHeight = (height - top) / Double(figure.rows)
        for (index, axes) in figure.axes.sorted(by: { $0.key < $1.key }) {
            let row = (index - 1) / figure.columns, column = (index - 1) % figure.columns
            let frame = (x: Double(column) * cellWidth, y: top + Double(row) * cellHeight, w: cellWidth, h: cellHeight)
            svg += draw(axes, in: frame, id: "cbar\(index)")
        }
        svg += "</svg>\n"
        // A figure that is exactly one image also gets a PNG, for notebooks and files.
        var png: Data?
        // (Not when it has a colour bar or text over it: those are drawn in the SVG only.)
        if figure.axes.count == 1, let only = figure.axes.values.first, let image = only.image, !only.hasData, only.colorBar == nil, only.texts.isEmpty {
            png = image.png()
        }
        let title = figure.suptitle ?? figure.axes.sorted(by: { $0.key < $1.key }).compactMap(\.value.title).first
        return RenderedFigure(png: png, svg: svg, title: title)
    }

    static func draw(_ axes: PlotFigure.Axes, in frame: (x: Double, y: Double, w: Double, h: Double), id: String = "cbar") -> String {
        var svg = ""
        let titleSpace = axes.title == nil ? 8.0 : 24
        let left = axes.axisOff || axes.image != nil ? 8.0 : 62, bottom = axes.xLabel == nil ? (axes.axisOff ? 8.0 : 30) : 46
        // A colour bar takes matplotlib's fraction (0.15) of the width beside the axes.
        let barRoom = axes.colorBar == nil ? 0 : frame.w * 0.15
        let plot = (x: frame.x + left, y: frame.y + titleSpace, w: max(10, frame.w - left - 12 - barRoom), h: max(10, frame.h - titleSpace - bottom))
        if let title = axes.title {
            svg += "<text class=\"title\" x=\"\(n(plot.x + plot.w / 2))\" y=\"\(n(frame.y + 16))\" text-anchor=\"middle\" font-size=\"16.7\">\(escape(title))</text>\n"
        }
        if let image = axes.image {
            let scale = min(plot.w / Double(image.width), plot.h / Double(image.height))
            let w = Double(image.width) * scale, h = Double(image.height) * scale
            let x = plot.x + (plot.w - w) / 2, y = plot.y + (plot.h - h) / 2
            let data = PNGEncoder.encode(width: image.width, height: image.height, channels: 3, pixels: image.rgb).base64EncodedString()
            svg += "<image x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(h))\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" href=\"data:image/png;base64,\(data)\"/>\n"
            if !axes.axisOff { svg += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(h))\" fill=\"none\" stroke=\"black\" stroke-width=\"0.8\"/>\n" }
            // imshow's data coordinates: pixel centres at whole numbers, rows downwards.
            svg += drawTexts(axes, { x + ($0 + 0.5) * scale }, { y + ($0 + 0.5) * scale })
            svg += drawColorBar(axes, beside: (x, y, w, h), id: id)
        }
        if axes.hasData {
            svg += drawData(axes, plot: plot)
        }
        if let xLabel = axes.xLabel {
            svg += "<text class=\"xlabel\" x=\"\(n(plot.x + plot.w / 2))\" y=\"\(n(plot.y + plot.h + 38))\" text-anchor=\"middle\">\(escape(xLabel))</text>\n"
        }
        if let yLabel = axes.yLabel {
            let x = frame.x + 12, y = plot.y + plot.h / 2
            svg += "<text class=\"ylabel\" x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"middle\" transform=\"rotate(-90 \(n(x)) \(n(y)))\">\(escape(yLabel))</text>\n"
        }
        return svg
    }

    /// Lines, markers and bars in data coordinates, with the frame, ticks, grid and legend.
    static func drawData(_ axes: PlotFigure.Axes, plot: (x: Double, y: Double, w: Double, h: Double)) -> String {
        var svg = ""
        var xs = axes.lines.flatMap(\.x), ys = axes.lines.flatMap(\.y)
        for bar in axes.bars {
            let positions = [bar.x - bar.width / 2, bar.x + bar.width / 2], extent = [bar.bottom, bar.bottom + bar.height]
            if bar.horizontal { ys += positions; xs += extent } else { xs += positions; ys += extent }
        }
        let extents = artistExtents(axes)
        xs += extents.xs; ys += extents.ys
        xs = xs.filter(\.isFinite); ys = ys.filter(\.isFinite)
        var (x0, x1) = (xs.min() ?? 0, xs.max() ?? 1), (y0, y1) = (ys.min() ?? 0, ys.max() ?? 1)
        if x0 == x1 { x0 -= 0.5; x1 += 0.5 }
        if y0 == y1 { y0 -= 0.5; y1 += 0.5 }
        // matplotlib's default margins: 5 % of the data range on each side (bars start at 0).
        let mx = (x1 - x0) * 0.05, my = (y1 - y0) * 0.05
        let barsFromZeroY = axes.bars.contains { !$0.horizontal && $0.bottom == 0 } && y0 == 0
        let barsFromZeroX = axes.bars.contains { $0.horizontal && $0.bottom == 0 } && x0 == 0
        x0 -= barsFromZeroX ? 0 : mx; x1 += mx
        y0 -= barsFromZeroY ? 0 : my; y1 += my
        if let (low, high) = axes.xLimits, high != low { (x0, x1) = (low, high) }
        if let (low, high) = axes.yLimits, high != low { (y0, y1) = (low, high) }
        func px(_ x: Double) -> Double { plot.x + (x - x0) / (x1 - x0) * plot.w }
        func py(_ y: Double) -> Double { plot.y + plot.h - (y - y0) / (y1 - y0) * plot.h }
        if !axes.axisOff {
            svg += "<g class=\"axes\"><rect x=\"\(n(plot.x))\" y=\"\(n(plot.y))\" width=\"\(n(plot.w))\" height=\"\(n(plot.h))\" fill=\"none\" stroke=\"black\" stroke-width=\"0.8\"/>\n"
            if axes.yTicksVisible {
                let yTicks = ticks(y0, y1, length: plot.h, horizontal: false), yLabels = tickLabels(yTicks)
                for (k, tick) in yTicks.enumerated() {
                    if axes.grid { svg += "<line class=\"grid\" x1=\"\(n(plot.x))\" x2=\"\(n(plot.x + plot.w))\" y1=\"\(n(py(tick)))\" y2=\"\(n(py(tick)))\" stroke=\"#b0b0b0\" stroke-width=\"0.8\"/>" }
                    svg += "<line class=\"ytick\" x1=\"\(n(plot.x - 3.5))\" x2=\"\(n(plot.x))\" y1=\"\(n(py(tick)))\" y2=\"\(n(py(tick)))\" stroke=\"black\" stroke-width=\"0.8\"/>"
                    svg += "<text class=\"yticklabel\" x=\"\(n(plot.x - 6))\" y=\"\(n(py(tick) + 3.5))\" text-anchor=\"end\" font-size=\"13.9\">\(yLabels[k])</text>\n"
                }
            }
            if axes.xTicksVisible {
                let categories = axes.categoryLabels
                let xTicks = categories.map { labels in (0..<labels.count).map(Double.init) } ?? ticks(x0, x1, length: plot.w)
                let xLabels = tickLabels(xTicks)
                for (k, tick) in xTicks.enumerated() {
                    if axes.grid { svg += "<line class=\"grid\" x1=\"\(n(px(tick)))\" x2=\"\(n(px(tick)))\" y1=\"\(n(plot.y))\" y2=\"\(n(plot.y + plot.h))\" stroke=\"#b0b0b0\" stroke-width=\"0.8\"/>" }
                    svg += "<line class=\"xtick\" x1=\"\(n(px(tick)))\" x2=\"\(n(px(tick)))\" y1=\"\(n(plot.y + plot.h))\" y2=\"\(n(plot.y + plot.h + 3.5))\" stroke=\"black\" stroke-width=\"0.8\"/>"
                    let label = categories.map { escape($0[k]) } ?? xLabels[k]
                    svg += "<text class=\"xticklabel\" x=\"\(n(px(tick)))\" y=\"\(n(plot.y + plot.h + 17))\" text-anchor=\"middle\" font-size=\"13.9\">\(label)</text>\n"
                }
            }
            svg += "</g>\n"
        }
        svg += drawFills(axes, px, py)
        for bar in axes.bars {
            let color = colors[bar.series % colors.count]
            let rect: (Double, Double, Double, Double)
            if bar.horizontal {
                let a = px(bar.bottom), b = px(bar.bottom + bar.height), top = py(bar.x + bar.width / 2), bottom = py(bar.x - bar.width / 2)
                rect = (min(a, b), top, abs(b - a), bottom - top)
            } else {
                let left = px(bar.x - bar.width / 2), right = px(bar.x + bar.width / 2), a = py(bar.bottom), b = py(bar.bottom + bar.height)
                rect = (left, min(a, b), right - left, abs(a - b))
            }
            svg += "<rect class=\"bar\" x=\"\(n(rect.0))\" y=\"\(n(rect.1))\" width=\"\(n(rect.2))\" height=\"\(n(rect.3))\" fill=\"\(color)\"/>\n"
        }
        for (at, horizontal) in axes.referenceLines {
            svg += horizontal ? "<line x1=\"\(n(plot.x))\" x2=\"\(n(plot.x + plot.w))\" y1=\"\(n(py(at)))\" y2=\"\(n(py(at)))\" stroke=\"\(colors[0])\" stroke-width=\"1.5\"/>\n"
                : "<line x1=\"\(n(px(at)))\" x2=\"\(n(px(at)))\" y1=\"\(n(plot.y))\" y2=\"\(n(plot.y + plot.h))\" stroke=\"\(colors[0])\" stroke-width=\"1.5\"/>\n"
        }
        let series = axes.bars.isEmpty ? 0 : (axes.bars.map(\.series).max() ?? 0) + 1
        for (i, line) in axes.lines.enumerated() {
            let color = lineColor(line.style) ?? colors[(i + series) % colors.count]
            let style = line.style ?? "-"
            let marker = style.contains("o") || style.contains(".") || style.contains("s") || style.contains("x") || style.contains("^")
            // A format with a marker and no line style ("o", "r.") draws markers only, as matplotlib.
            let drawsLine = !marker || style.contains("-") || style.contains(":")
            if drawsLine {
                let points = zip(line.x, line.y).filter { $0.0.isFinite && $0.1.isFinite }.map { "\(n(px($0.0))),\(n(py($0.1)))" }
                let dash = style.contains("--") ? " stroke-dasharray=\"5.6,2.4\"" : (style.contains(":") ? " stroke-dasharray=\"1.5,2.5\"" : "")
                svg += "<polyline class=\"line\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\"\(dash) points=\"\(points.joined(separator: " "))\"/>\n"
            }
            if marker {
                for (x, y) in zip(line.x, line.y) where x.isFinite && y.isFinite {
                    svg += "<circle class=\"marker\" cx=\"\(n(px(x)))\" cy=\"\(n(py(y)))\" r=\"\(style.contains(".") ? "1.5" : "3")\" fill=\"\(color)\"/>"
                }
                svg += "\n"
            }
        }
        svg += drawErrorBars(axes, lineSeries: series, px, py)
        if axes.image == nil { svg += drawTexts(axes, px, py) }
        if axes.legend {
            var entries: [(String, String)] = axes.lines.enumerated().compactMap { i, line in line.label.map { (lineColor(line.style) ?? colors[(i + series) % colors.count], $0) } }
            entries = axes.bars.compactMap { bar in bar.label.map { (colors[bar.series % colors.count], $0) } } + entries
            entries += axes.errorBars.indices.compactMap { k in axes.errorBars[k].label.map { (errorColor(axes, k, lineSeries: series), $0) } }
            entries += axes.fills.indices.compactMap { k in axes.fills[k].label.map { (fillColor(axes, k), $0) } }
            if !entries.isEmpty {
                let width = 40 + Double(entries.map(\.1.count).max() ?? 0) * 6.5
                let x = plot.x + plot.w - width - 8, y = plot.y + 8
                svg += "<g class=\"legend\"><rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(Double(entries.count) * 17 + 6))\" fill=\"white\" fill-opacity=\"0.8\" stroke=\"#cccccc\" rx=\"2\"/>"
                for (row, entry) in entries.enumerated() {
                    let ly = y + 14 + Double(row) * 17
                    svg += "<line x1=\"\(n(x + 6))\" x2=\"\(n(x + 26))\" y1=\"\(n(ly - 4))\" y2=\"\(n(ly - 4))\" stroke=\"\(entry.0)\" stroke-width=\"2\"/>"
                    svg += "<text x=\"\(n(x + 32))\" y=\"\(n(ly))\" font-size=\"13.9\">\(escape(entry.1))</text>"
                }
                svg += "</g>\n"
            }
        }
        return svg
    }

    /// The colour letter of a format string (`"r--"`, `"bo"`), as matplotlib's base colours.
    static func lineColor(_ style: String?) -> String? {
        guard let style else { return nil }
        let base: [Character: String] = ["b": "#0000ff", "g": "#008000", "r": "#ff0000", "c": "#00bfbf", "m": "#bf00bf", "y": "#bfbf00", "k": "#000000", "w": "#ffffff"]
        return style.compactMap { base[$0] }.first
    }

    /// matplotlib's default locator (MaxNLocator, nbins 'auto', steps 1, 2, 2.5, 5, 10): as
    /// many bins as the axis has room for (a tick label about every 3 font sizes across, 2
    /// up), at most 9, and the smallest round step that fits them.
    static func ticks(_ low: Double, _ high: Double, length: Double = 335, horizontal: Bool = true) -> [Double] {
        let span = high - low
        guard span > 0, span.isFinite else { return [] }
        let points = length * 0.72, room = points / (10 * (horizontal ? 3 : 2))
        let bins = max(1, min(9, room.rounded(.down)))
        let raw = span / bins
        let magnitude = pow(10, log10(raw).rounded(.down))
        let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw * (1 - 1e-12) } ?? raw
        var ticks: [Double] = []
        var t = (low / step - 1e-9).rounded(.up) * step
        while t <= high + step * 1e-9 && ticks.count < 20 { ticks.append(abs(t) < step * 1e-9 ? 0 : t); t += step }
        return ticks
    }

    /// matplotlib's ScalarFormatter: every label with the decimals the finest tick needs,
    /// and the Unicode minus sign.
    static func tickLabels(_ ticks: [Double]) -> [String] {
        func decimals(_ t: Double) -> Int {
            for d in 0...6 {
                let scaled: Double = t * pow(10.0, Double(d))
                if abs(scaled - scaled.rounded()) < 1e-6 { return d }
            }
            return 6
        }
        let decimals = ticks.map(decimals).max() ?? 0
        return ticks.map { t in
            let text = String(format: "%.\(decimals)f", abs(t) < 1e-12 ? 0 : t)
            return text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
        }
    }

    static func n(_ x: Double) -> String { String(format: "%.1f", x) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
