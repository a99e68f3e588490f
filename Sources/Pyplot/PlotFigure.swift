import Foundation
import NumPy

/// What `plt.*` calls build: a figure of subplots, each with images, lines and labels.
/// `plt.show()` (or the end of the cell) turns it into a `Figure` (SVG, and PNG for images).
public final class PlotFigure {
    public struct Line {
        public var x: [Double]
        public var y: [Double]
        public var label: String?
        public var style: String?
    }

    public struct Image {
        public var width: Int
        public var height: Int
        /// RGB bytes, rows top to bottom, after the colour map.
        public var rgb: [UInt8]
    }

    /// A bar of `bar`/`barh`/`hist`: from `bottom` to `bottom + height` at `x` (± width/2).
    public struct Bar {
        public var x: Double, height: Double, width: Double, bottom: Double
        public var horizontal: Bool
        public var label: String?
        /// Which colour of the cycle (a `bar` call's bars share one).
        public var series: Int
    }

    /// `fill_between(x, y1, y2)`: the band between two curves, in the patch colour cycle.
    public struct Fill {
        public var x: [Double], y1: [Double], y2: [Double]
        public var alpha: Double
        public var color: String?
        public var label: String?
    }

    /// `errorbar(x, y, yerr, xerr)`: points joined by a line, with an error segment at each.
    public struct ErrorBars {
        public var x: [Double], y: [Double]
        public var yError: [Double]?, xError: [Double]?
        public var style: String?
        public var label: String?
    }

    public final class Axes {
        public var title: String?
        public var xLabel: String?
        public var yLabel: String?
        public var lines: [Line] = []
        public var bars: [Bar] = []
        public var series = 0
        public var image: Image?
        /// What `imshow` drew, kept so that `plt.gray()` can map it again.
        public var imageSource: (array: NDArray, vmin: Double?, vmax: Double?)?
        public var legend = false
        public var axisOff = false
        public var grid = false
        public var xTicksVisible = true, yTicksVisible = true
        public var xLimits: (Double, Double)?, yLimits: (Double, Double)?
        /// `bar(["a", "b"], ...)`: the categories under the bars.
        public var categoryLabels: [String]?
        /// `axhline`/`axvline`: where, and whether horizontal.
        public var referenceLines: [(Double, Bool)] = []
        /// `text(x, y, s)`, in data coordinates.
        public var texts: [(x: Double, y: Double, text: String)] = []
        public var fills: [Fill] = []
        public var errorBars: [ErrorBars] = []
        /// `colorbar()`: the colour map and value range of the axes' image.
        public var colorBar: (low: Double, high: Double)?
        /// The colour map the image was drawn with (nil for RGB images).
        public var imageColorMap: ColorMap?
        init() {}

        /// Whether anything is drawn in data coordinates (so the axes get a frame and ticks).
        var hasData: Bool { !lines.isEmpty || !bars.isEmpty || !fills.isEmpty || !errorBars.isEmpty || (!texts.isEmpty && image == nil) }
    }

    public var rows = 1, columns = 1
    /// Axes by subplot position (1-based, row-major).
    public private(set) var axes: [Int: Axes] = [:]
    public var current = 1
    public var size: (width: Double, height: Double) = (6.4, 4.8)
    public var suptitle: String?

    public init() {}

    public var currentAxes: Axes {
        if let axes = axes[current] { return axes }
        let new = Axes()
        axes[current] = new
        return new
    }

    public func subplot(rows: Int, columns: Int, index: Int) throws {
        guard rows >= 1, columns >= 1, rows * columns <= 400, index >= 1, index <= rows * columns else {
            throw NumPyError.value("num must be an integer with 1 <= num <= \(max(1, rows * columns)), not \(index)")
        }
        self.rows = rows
        self.columns = columns
        current = index
    }

    public var isEmpty: Bool { axes.values.allSatisfy { !$0.hasData && $0.texts.isEmpty && $0.image == nil && $0.title == nil } }

    /// The colour map `plt.gray()` chose for the figure's images.
    public var colorMap: ColorMap?

    /// The axes at a subplot position (made when first asked for).
    public func axes(at index: Int) -> Axes {
        if let axes = axes[index] { return axes }
        let new = Axes()
        axes[index] = new
        return new
    }
}

/// Matplotlib's colour maps that lessons name, as RGB for a value in 0...1.
public enum ColorMap {
    case gray, grayReversed, viridis, hot

    public init?(name: String) {
        switch name {
        case "gray", "grey", "Greys_r": self = .gray
        case "gray_r", "grey_r", "binary", "Greys": self = .grayReversed
        case "viridis": self = .viridis
        case "hot": self = .hot
        default: return nil
        }
    }

    static let names = "gray, gray_r, binary, Greys, viridis, hot"

    // Viridis sampled at nine points; linear interpolation between them is within a few
    // levels of matplotlib's 256-entry table.
    static let viridisStops: [(Double, Double, Double)] = [
        (68, 1, 84), (71, 44, 122), (59, 81, 139), (44, 113, 142), (33, 144, 141),
        (39, 173, 129), (92, 200, 99), (170, 220, 50), (253, 231, 37),
    ]

    public func rgb(_ t: Double) -> (UInt8, UInt8, UInt8) {
        let v = t.isFinite ? min(1, max(0, t)) : 0
        switch self {
        case .gray: let g = UInt8((v * 255).rounded()); return (g, g, g)
        case .grayReversed: let g = UInt8(((1 - v) * 255).rounded()); return (g, g, g)
        case .hot:
            let r = min(1, v / 0.365), g = min(1, max(0, (v - 0.365) / 0.381)), b = min(1, max(0, (v - 0.746) / 0.254))
            return (UInt8(r * 255), UInt8(g * 255), UInt8(b * 255))
        case .viridis:
            let position = v * Double(Self.viridisStops.count - 1)
            let i = min(Int(position), Self.viridisStops.count - 2)
            let f = position - Double(i)
            let a = Self.viridisStops[i], b = Self.viridisStops[i + 1]
            return (UInt8((a.0 + (b.0 - a.0) * f).rounded()), UInt8((a.1 + (b.1 - a.1) * f).rounded()), UInt8((a.2 + (b.2 - a.2) * f).rounded()))
        }
    }
}

extension PlotFigure.Image {
    /// An image from a 2-D array (colour-mapped between its min and max, as imshow does)
    /// or an (h, w, 3) array of RGB values (0...1 floats or 0...255 bytes).
    public static func from(_ array: NDArray, colorMap: ColorMap, vmin: Double? = nil, vmax: Double? = nil) throws -> PlotFigure.Image {
        var shape = array.shape
        if shape.count == 3 && shape[2] == 1 { shape = [shape[0], shape[1]] }
        guard shape.count == 2 || (shape.count == 3 && shape[2] == 3) else {
            throw NumPyError.type("Invalid shape \(formatShape(array.shape)) for image data")
        }
        let height = shape[0], width = shape[1]
        guard width > 0, height > 0, width * height <= 4_000_000 else { throw NumPyError.value("image of \(width)x\(height) pixels is too large to draw") }
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        if shape.count == 2 {
            let values = array.doubles
            let finite = values.filter(\.isFinite)
            let low = vmin ?? finite.min() ?? 0, high = vmax ?? finite.max() ?? 1
            let span = high > low ? high - low : 1
            for i in 0..<(width * height) {
                let (r, g, b) = colorMap.rgb((values[i] - low) / span)
                rgb[3 * i] = r; rgb[3 * i + 1] = g; rgb[3 * i + 2] = b
            }
        } else {
            let values = array.doubles
            let bytes = !array.dtype.isFloat
            for i in 0..<(width * height * 3) {
                let v = values[i]
                rgb[i] = bytes ? UInt8(max(0, min(255, v))) : UInt8((max(0, min(1, v.isFinite ? v : 0)) * 255).rounded())
            }
        }
        return PlotFigure.Image(width: width, height: height, rgb: rgb)
    }

    /// PNG, scaled up by whole pixels (nearest neighbour) so a 28x28 digit is not a speck.
    public func png(minimumSide: Int = 224) -> Data {
        let scale = max(1, minimumSide / max(1, max(width, height)))
        let w = width * scale, h = height * scale
        var pixels = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<h {
            for x in 0..<w {
                let source = ((y / scale) * width + x / scale) * 3, target = (y * w + x) * 3
                pixels[target] = rgb[source]; pixels[target + 1] = rgb[source + 1]; pixels[target + 2] = rgb[source + 2]
            }
        }
        return PNGEncoder.encode(width: w, height: h, channels: 3, pixels: pixels)
    }
}
