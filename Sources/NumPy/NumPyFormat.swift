import Foundation

/// NumPy's `str()` of an array (numpy/_core/arrayprint.py with its defaults: line width 75,
/// precision 8, floatmode "maxprec", threshold 1000, edge items 3), so that
/// `print(y_test[:10])` and `print(X[0, 10:12, 10:14, 0])` read exactly as in Jupyter;
/// `np.set_printoptions` changes them through `options`.
public enum NumPyFormat {
    public static func string(_ array: NDArray, options: PrintOptions = PrintOptions()) -> String {
        if array.ndim == 0 { return scalarString(array.double(0), dtype: array.dtype) }
        return array2string(array, separator: " ", prefix: "", suffix: "", options: options)
    }

    /// `repr()`: `array([7, 2, 1], dtype=uint8)`, wrapped and indented as NumPy 2 does
    /// (with `shape=` when the elements are summarised).
    public static func repr(_ array: NDArray, options: PrintOptions = PrintOptions()) -> String {
        if array.ndim == 0 {
            guard array.isZeroDimensionalArray else { return scalarRepr(array.double(0), dtype: array.dtype) }
            let implied = array.dtype == .float64 || array.dtype == .int64 || array.dtype == .bool
            return "array(" + scalarString(array.double(0), dtype: array.dtype) + (implied ? "" : ", dtype=\(array.dtype.rawValue)") + ")"
        }
        let prefix = "array("
        let body = array.count == 0 ? "[]" : array2string(array, separator: ", ", prefix: prefix, suffix: ")", options: options)
        var extras: [String] = []
        if (array.count == 0 && array.shape != [0]) || Double(array.count) > options.threshold { extras.append("shape=\(formatShape(array.shape))") }
        let implied = array.dtype == .float64 || array.dtype == .int64 || array.dtype == .bool
        if !implied || array.count == 0 { extras.append("dtype=\(array.dtype.rawValue)") }
        if extras.isEmpty { return prefix + body + ")" }
        let text = prefix + body + ","
        let extra = extras.joined(separator: ", ") + ")"
        let lastLine = text.count - ((text.lastIndex(of: "\n").map { text.distance(from: text.startIndex, to: $0) + 1 }) ?? 0)
        let spacer = lastLine + extra.count + 1 > options.lineWidth ? "\n" + String(repeating: " ", count: prefix.count) : " "
        return text + spacer + extra
    }

    /// `repr()` of a NumPy scalar: `np.float64(0.5)`, `np.True_`.
    public static func scalarRepr(_ x: Double, dtype: DType) -> String {
        if dtype == .bool { return x != 0 ? "np.True_" : "np.False_" }
        return "np.\(dtype.rawValue)(\(scalarString(x, dtype: dtype)))"
    }

    static func array2string(_ array: NDArray, separator: String, prefix: String, suffix: String, options: PrintOptions) -> String {
        if array.count == 0 { return String(repeating: "[", count: array.ndim) + String(repeating: "]", count: array.ndim) }
        let summarize = Double(array.count) > options.threshold
        let edge = options.edgeItems
        let strides = array.strides
        // The elements shown decide the widths (NumPy measures the edge items only).
        var shown: [Int] = []
        collect(array, axis: 0, base: 0, strides: strides, summarize: summarize, edge: edge, into: &shown)
        let format = ElementFormat(values: shown.map { array.double($0) }, dtype: array.dtype, precision: options.precision, suppress: options.suppress)
        let indent = " " + String(repeating: " ", count: prefix.count)
        return recurse(array, axis: 0, base: 0, strides: strides, hangingIndent: indent, width: options.lineWidth - suffix.count,
                       summarize: summarize, edge: edge, format: format, separator: separator)
    }

    /// A NumPy scalar as `print` shows it (`np.float32(0.98)` prints `0.98`).
    public static func scalarString(_ x: Double, dtype: DType) -> String {
        switch dtype {
        case .bool: return x != 0 ? "True" : "False"
        case .uint8, .int32, .int64: return String(Int(x))
        case .float32: return PythonRepr.float(Double(Float(x)), shortestAs: .float32)
        case .float64: return PythonRepr.float(x, shortestAs: .float64)
        }
    }

    static func positions(_ size: Int, summarize: Bool, edge: Int) -> (leading: [Int], trailing: [Int], summary: Bool) {
        if summarize && 2 * edge < size {
            return (Array(0..<edge), Array((size - edge)..<size), true)
        }
        return (Array(0..<size), [], false)
    }

    static func collect(_ a: NDArray, axis: Int, base: Int, strides: [Int], summarize: Bool, edge: Int, into out: inout [Int]) {
        let (leading, trailing, _) = positions(a.shape[axis], summarize: summarize, edge: edge)
        for i in leading + trailing {
            let index = base + i * strides[axis]
            if axis == a.ndim - 1 { out.append(index) } else { collect(a, axis: axis + 1, base: index, strides: strides, summarize: summarize, edge: edge, into: &out) }
        }
    }

    static func recurse(_ a: NDArray, axis: Int, base: Int, strides: [Int], hangingIndent: String, width: Int, summarize: Bool,
                        edge: Int, format: ElementFormat, separator: String) -> String {
        let axesLeft = a.ndim - axis
        let nextIndent = hangingIndent + " "
        let nextWidth = width - 1
        let (leading, trailing, summary) = positions(a.shape[axis], summarize: summarize, edge: edge)
        let items = leading + trailing
        func element(_ i: Int) -> String {
            let index = base + i * strides[axis]
            if axesLeft == 1 { return format.string(a.double(index)) }
            return recurse(a, axis: axis + 1, base: index, strides: strides, hangingIndent: nextIndent, width: nextWidth,
                           summarize: summarize, edge: edge, format: format, separator: separator)
        }
        var s = ""
        if axesLeft == 1 {
            let elementWidth = width - 1 // room for the separator or the closing bracket
            var line = hangingIndent
            func extend(_ word: String) {
                if line.count + word.count > elementWidth && line.count > hangingIndent.count {
                    s += line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
                    line = hangingIndent
                }
                line += word
            }
            for (n, i) in items.enumerated() {
                if summary && n == leading.count { extend("..."); line += separator }
                extend(element(i))
                if n < items.count - 1 { line += separator }
            }
            s += line
        } else {
            let trimmedSeparator = separator.replacingOccurrences(of: " ", with: "")
            let lineSeparator = trimmedSeparator + String(repeating: "\n", count: axesLeft - 1)
            for (n, i) in items.enumerated() {
                if summary && n == leading.count { s += hangingIndent + "..." + lineSeparator }
                s += hangingIndent + element(i) + (n < items.count - 1 ? lineSeparator : "")
            }
        }
        return "[" + String(s.dropFirst(hangingIndent.count)) + "]"
    }
}

/// How each element of one array is written: all elements share widths.
struct ElementFormat {
    enum Mode { case integer(width: Int), bool, positional(left: Int, right: Int), scientific(left: Int, right: Int, exponent: Int) }
    let mode: Mode
    let dtype: DType
    let precision: Int

    init(values: [Double], dtype: DType, precision: Int = 8, suppress: Bool = false) {
        self.dtype = dtype
        self.precision = precision
        switch dtype {
        case .bool:
            mode = .bool
        case .uint8, .int32, .int64:
            mode = .integer(width: values.map { String(Int($0)).count }.max() ?? 1)
        case .float32, .float64:
            let finite = values.filter(\.isFinite)
            let nonZero = finite.map(abs).filter { $0 != 0 }
            let maxValue = nonZero.max() ?? 0, minValue = nonZero.min() ?? 0
            // NumPy 2 switches float32 to scientific from 1e6 (its 6 significant digits).
            let cutoff = dtype == .float32 ? 1e6 : 1e8
            let scientific = !nonZero.isEmpty && (maxValue >= cutoff || (!suppress && (minValue < 1e-4 || maxValue / minValue > 1e3)))
            let nonFiniteWidth = values.filter { !$0.isFinite }.map { Self.nonFinite($0).count }.max() ?? 0
            if scientific {
                let parts = finite.map { Self.scientificParts($0, dtype: dtype, precision: precision) }
                let left = parts.map { $0.int.count }.max() ?? 1
                let right = parts.map { $0.fraction.count }.max() ?? 0
                let exponent = max(2, parts.map { String(abs($0.exponent)).count }.max() ?? 2)
                mode = .scientific(left: left, right: right, exponent: exponent)
            } else {
                let parts = finite.map { Self.positionalParts($0, dtype: dtype, precision: precision) }
                var left = parts.map { $0.int.count }.max() ?? 1
                let right = parts.map { $0.fraction.count }.max() ?? 0
                // nan/inf align to the whole width.
                left = max(left, nonFiniteWidth - right - 1)
                mode = .positional(left: left, right: right)
            }
        }
    }

    func string(_ x: Double) -> String {
        switch mode {
        case .bool: return x != 0 ? " True" : "False"
        case .integer(let width): return pad(String(Int(x)), width)
        case .positional(let left, let right):
            guard x.isFinite else { return pad(Self.nonFinite(x), left + right + 1) }
            let parts = Self.positionalParts(x, dtype: dtype, precision: precision)
            return pad(parts.int, left) + "." + parts.fraction.padding(toLength: right, withPad: " ", startingAt: 0)
        case .scientific(let left, let right, let exponentWidth):
            guard x.isFinite else { return pad(Self.nonFinite(x), left + right + exponentWidth + 3) }
            let parts = Self.scientificParts(x, dtype: dtype, precision: precision)
            let exponent = String(abs(parts.exponent))
            let exponentText = (parts.exponent < 0 ? "-" : "+") + String(repeating: "0", count: max(0, exponentWidth - exponent.count)) + exponent
            // Scientific elements share their digit count, padded with zeros (NumPy's trim='k').
            return pad(parts.int, left) + "." + parts.fraction.padding(toLength: right, withPad: "0", startingAt: 0) + "e" + exponentText
        }
    }

    func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s : String(repeating: " ", count: width - s.count) + s }

    static func nonFinite(_ x: Double) -> String { x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }

    /// Digits of the shortest round-trip form, rounded to at most `precision` decimals (NumPy's
    /// dragon4 with unique=True): ("-0", "25") for -0.25, ("1", "") for 1.0.
    static func positionalParts(_ x: Double, dtype: DType, precision: Int = 8) -> (int: String, fraction: String) {
        let decimal = ShortestDecimal(x, dtype: dtype)
        var (int, fraction) = decimal.positional()
        if fraction.count > precision {
            let rounded = String(format: "%.\(precision)f", dtype == .float32 ? Double(Float(x)) : x)
            let pieces = rounded.split(separator: ".", maxSplits: 1)
            int = String(pieces.first ?? "0")
            fraction = String(pieces.count > 1 ? pieces[1] : "")
            while fraction.hasSuffix("0") { fraction.removeLast() }
            if int.hasPrefix("-") { int = String(int.dropFirst()) }
        }
        return ((x.sign == .minus ? "-" : "") + int, fraction)
    }

    static func scientificParts(_ x: Double, dtype: DType, precision: Int = 8) -> (int: String, fraction: String, exponent: Int) {
        let decimal = ShortestDecimal(x, dtype: dtype)
        var digits = decimal.digits
        var exponent = decimal.exponent
        if digits.count > precision + 1 {
            let formatted = String(format: "%.\(precision)e", abs(dtype == .float32 ? Double(Float(x)) : x))
            let pieces = formatted.split(separator: "e")
            digits = (pieces.first ?? "0").replacingOccurrences(of: ".", with: "")
            exponent = Int(pieces.count > 1 ? pieces[1] : "0") ?? 0
            while digits.count > 1 && digits.hasSuffix("0") { digits.removeLast() }
        }
        let int = String(digits.prefix(1)), fraction = String(digits.dropFirst())
        return ((x.sign == .minus ? "-" : "") + int, fraction, exponent)
    }
}

/// The shortest decimal that reads back as the same Float or Double: digits and the
/// exponent of the first digit (0.25 → "25", -1).
struct ShortestDecimal {
    var digits: String
    var exponent: Int

    init(_ x: Double, dtype: DType) {
        let text = dtype == .float32 ? "\(abs(Float(x)))" : "\(abs(x))"
        let lower = text.lowercased()
        let mantissa: Substring, exponentPart: Int
        if let e = lower.firstIndex(of: "e") {
            mantissa = lower[..<e]
            exponentPart = Int(lower[lower.index(after: e)...]) ?? 0
        } else {
            mantissa = Substring(lower)
            exponentPart = 0
        }
        let pieces = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let intDigits = String(pieces.first ?? "0"), fracDigits = pieces.count > 1 ? String(pieces[1]) : ""
        var all = intDigits + fracDigits
        var pointPosition = intDigits.count + exponentPart // digits before the decimal point
        while all.count > 1 && all.hasPrefix("0") { all.removeFirst(); pointPosition -= 1 }
        while all.count > 1 && all.hasSuffix("0") { all.removeLast() }
        digits = all
        exponent = all == "0" ? 0 : pointPosition - 1
    }

    /// Integer and fraction digits, without trailing zeros in the fraction.
    func positional() -> (String, String) {
        if digits == "0" { return ("0", "") }
        let point = exponent + 1
        if point <= 0 { return ("0", String(repeating: "0", count: -point) + digits) }
        if point >= digits.count { return (digits + String(repeating: "0", count: point - digits.count), "") }
        let index = digits.index(digits.startIndex, offsetBy: point)
        return (String(digits[..<index]), String(digits[index...]))
    }
}
