import Foundation

/// CPython's hash of numbers: the value modulo the Mersenne prime 2**61 - 1, so that equal
/// numbers hash equal whatever their type (`hash(2**100) == hash(2.0**100)`, `hash(True) == 1`).
enum NumericHash {
    /// 2**61 - 1 (`sys.hash_info.modulus`).
    static let modulus: UInt64 = (1 << 61) - 1

    /// -1 is CPython's error return, so a hash of -1 is -2.
    static func signed(_ magnitude: UInt64, negative: Bool) -> Int {
        let h = negative ? -Int(magnitude) : Int(magnitude)
        return h == -1 ? -2 : h
    }

    /// Multiplies `x` (< modulus) by 2**n modulo 2**61 - 1: a rotation of its 61 bits.
    static func rotate(_ x: UInt64, by n: Int) -> UInt64 {
        let k = UInt64(n % 61)
        if k == 0 { return x }
        return ((x << k) & modulus) | (x >> (61 - k))
    }

    static func int(_ i: Int) -> Int { signed(UInt64(i.magnitude) % modulus, negative: i < 0) }

    static func big(_ b: BigNum) -> Int {
        var x: UInt64 = 0
        for limb in b.limbs.reversed() {
            x = rotate(x, by: 32) + UInt64(limb)
            if x >= modulus { x -= modulus }
        }
        return signed(x, negative: b.negative)
    }

    /// `_Py_HashDouble`: an integral float hashes as the int it equals.
    static func float(_ d: Double) -> Int {
        if d.isInfinite { return d > 0 ? 314_159 : -314_159 }
        if d.isNaN { return 0 }
        var m = frexp(abs(d)).0, e = frexp(abs(d)).1
        var x: UInt64 = 0
        while m != 0 {
            x = rotate(x, by: 28)
            m *= 268_435_456.0  // 2**28
            e -= 28
            let y = UInt64(m)
            m -= Double(y)
            x += y
            if x >= modulus { x -= modulus }
        }
        let shift = e >= 0 ? e % 61 : 61 - 1 - ((-1 - e) % 61)
        return signed(rotate(x, by: shift), negative: d < 0)
    }
}

extension BigNum {
    /// The integer an integral, finite double equals, exactly (nil for fractions, inf, nan).
    init?(exactly d: Double) {
        guard d.isFinite, d.rounded(.towardZero) == d else { return nil }
        if let i = Int(exactly: d) { self.init(i); return }
        // |d| ≥ 2**63: a 53-bit significand shifted left by exponent - 52 (≥ 11) bits.
        let significand = Int(d.significandBitPattern | (1 << 52))
        let shifted = BigNum(significand).shiftedLeft(Int(d.exponent) - 52)
        self.init(negative: d < 0, limbs: shifted.limbs)
    }
}
