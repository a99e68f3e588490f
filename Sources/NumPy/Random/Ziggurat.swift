import Foundation

/// NumPy 2's ziggurat draws (`random_standard_normal`, `random_standard_exponential` and their
/// float32 forms), on the tables `scripts/ziggurat-tables` derives. A draw that misses its
/// layer's rectangle takes further draws (the wedge test, or the tail past r), so the order
/// of bits consumed here is the order NumPy consumes them in; one difference and a stream
/// diverges for good.
extension PCG64 {
    /// `next_float`: 24 bits of a 32-bit draw.
    public mutating func nextFloat() -> Float { Float(next32() >> 8) * (1.0 / 16_777_216.0) }

    public mutating func standardNormal() -> Double {
        typealias T = ZigguratNormalTables
        while true {
            // One 64-bit draw: the layer in the low 8 bits, then the sign, then 52 bits.
            let bits = next64()
            let layer = Int(bits & 0xff)
            let rest = bits >> 8
            let magnitude = (rest >> 1) & 0x000f_ffff_ffff_ffff
            var x = Double(magnitude) * T.wDouble[layer]
            if rest & 1 == 1 { x = -x }
            if magnitude < T.kDouble[layer] { return x }
            if layer == 0 {
                // The tail past r (Marsaglia's), with 1 - U so log never sees 0.
                while true {
                    let xx = -T.inverseR * log1p(-nextDouble())
                    let yy = -log1p(-nextDouble())
                    if yy + yy > xx * xx { return (magnitude >> 8) & 1 == 1 ? -(T.r + xx) : T.r + xx }
                }
            }
            if (T.fDouble[layer - 1] - T.fDouble[layer]) * nextDouble() + T.fDouble[layer] < exp(-0.5 * x * x) { return x }
        }
    }

    public mutating func standardNormalFloat() -> Float {
        typealias T = ZigguratNormalTables
        while true {
            // One 32-bit draw: layer in 8 bits, the sign, then 23 bits.
            let bits = next32()
            let layer = Int(bits & 0xff)
            let magnitude = (bits >> 9) & 0x007f_ffff
            var x = Float(magnitude) * T.wFloat[layer]
            if (bits >> 8) & 1 == 1 { x = -x }
            if magnitude < T.kFloat[layer] { return x }
            if layer == 0 {
                while true {
                    let xx = -T.inverseRFloat * log1pf(-nextFloat())
                    let yy = -log1pf(-nextFloat())
                    if yy + yy > xx * xx { return (magnitude >> 8) & 1 == 1 ? -(T.rFloat + xx) : T.rFloat + xx }
                }
            }
            // NumPy compares in double here: exp(-0.5 * x * x) with x widened.
            let wedge = (T.fFloat[layer - 1] - T.fFloat[layer]) * nextFloat() + T.fFloat[layer]
            let wide = Double(x)
            if Double(wedge) < exp(-0.5 * wide * wide) { return x }
        }
    }

    public mutating func standardExponential() -> Double {
        typealias T = ZigguratExponentialTables
        while true {
            // 61 bits of a 64-bit draw: the layer in the low 8, then 53.
            let bits = next64() >> 3
            let layer = Int(bits & 0xff)
            let magnitude = bits >> 8
            let x = Double(magnitude) * T.wDouble[layer]
            if magnitude < T.kDouble[layer] { return x }
            if layer == 0 { return T.r - log1p(-nextDouble()) }
            if (T.fDouble[layer - 1] - T.fDouble[layer]) * nextDouble() + T.fDouble[layer] < exp(-x) { return x }
        }
    }

    public mutating func standardExponentialFloat() -> Float {
        typealias T = ZigguratExponentialTables
        while true {
            let bits = next32() >> 1
            let layer = Int(bits & 0xff)
            let magnitude = bits >> 8
            let x = Float(magnitude) * T.wFloat[layer]
            if magnitude < T.kFloat[layer] { return x }
            if layer == 0 { return T.rFloat - log1pf(-nextFloat()) }
            if (T.fFloat[layer - 1] - T.fFloat[layer]) * nextFloat() + T.fFloat[layer] < expf(-x) { return x }
        }
    }

    /// `method='inv'`: -log(1 - U), in double for both dtypes as NumPy does.
    public mutating func inverseExponential() -> Double { -log1p(-nextDouble()) }
    public mutating func inverseExponentialFloat() -> Float { Float(-log1p(Double(-nextFloat()))) }
}
