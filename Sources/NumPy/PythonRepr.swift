/// Python's `repr` of a float: the shortest text that reads back as the same number, in
/// Python's layout (`0.1`, `1e-05`, `1e+16`, `100.0`, `inf`, `nan`).
public enum PythonRepr {
    public static func float(_ x: Double, shortestAs dtype: DType = .float64) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        let decimal = ShortestDecimal(x, dtype: dtype)
        let sign = x.sign == .minus ? "-" : ""
        // Python uses positional notation for exponents in [-4, 16).
        if decimal.exponent >= -4 && decimal.exponent < 16 {
            let (int, fraction) = decimal.positional()
            return sign + int + "." + (fraction.isEmpty ? "0" : fraction)
        }
        let digits = decimal.digits
        let mantissa = digits.count > 1 ? String(digits.prefix(1)) + "." + String(digits.dropFirst()) : digits
        let e = decimal.exponent
        return sign + mantissa + "e" + (e < 0 ? "-" : "+") + (abs(e) < 10 ? "0" : "") + String(abs(e))
    }
}
