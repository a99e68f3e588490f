/// The Mersenne Twister behind NumPy's legacy `RandomState`, seeded as NumPy seeds it
/// (`mt19937_seed` for an integer, `init_by_array` for a sequence), with its
/// 53-bit doubles, its polar Box-Muller gauss (the second value cached) and its
/// masked-rejection bounded integers, so `np.random.seed(n)` gives NumPy's streams.
public struct MT19937 {
    static let n = 624, m = 397
    var key = [UInt32](repeating: 0, count: 624)
    var position = 624
    /// Legacy gauss keeps the second value of each pair.
    var gauss: Double?

    public init(seed: UInt32) {
        var s = seed
        for i in 0..<Self.n {
            key[i] = s
            s = 1_812_433_253 &* (s ^ (s >> 30)) &+ UInt32(i + 1)
        }
        position = Self.n
    }

    /// `init_by_array`: a seed given as a sequence of 32-bit words.
    public init(words: [UInt32]) {
        self.init(seed: 19_650_218)
        var i = 1, j = 0
        let length = max(1, words.count)
        for _ in 0..<max(Self.n, length) {
            key[i] = (key[i] ^ ((key[i - 1] ^ (key[i - 1] >> 30)) &* 1_664_525)) &+ (words.isEmpty ? 0 : words[j]) &+ UInt32(j)
            i += 1; j += 1
            if i >= Self.n { key[0] = key[Self.n - 1]; i = 1 }
            if j >= length { j = 0 }
        }
        for _ in 0..<(Self.n - 1) {
            key[i] = (key[i] ^ ((key[i - 1] ^ (key[i - 1] >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= Self.n { key[0] = key[Self.n - 1]; i = 1 }
        }
        key[0] = 0x8000_0000
        position = Self.n
    }

    mutating func generate() {
        let upper: UInt32 = 0x8000_0000, lower: UInt32 = 0x7fff_ffff
        for i in 0..<Self.n {
            let y = (key[i] & upper) | (key[(i + 1) % Self.n] & lower)
            key[i] = key[(i + Self.m) % Self.n] ^ (y >> 1) ^ ((y & 1) == 1 ? 0x9908_b0df : 0)
        }
        position = 0
    }

    public mutating func next32() -> UInt32 {
        if position >= Self.n { generate() }
        var y = key[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    public mutating func next64() -> UInt64 { (UInt64(next32()) << 32) | UInt64(next32()) }

    /// `random_sample`: 53 random bits from two draws.
    public mutating func nextDouble() -> Double {
        let a = Double(next32() >> 5), b = Double(next32() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// `legacy_gauss`: polar Box-Muller, returning the second of each pair first time round.
    public mutating func nextGauss() -> Double {
        if let cached = gauss { gauss = nil; return cached }
        var x1 = 0.0, x2 = 0.0, r2 = 0.0
        repeat {
            x1 = 2 * nextDouble() - 1
            x2 = 2 * nextDouble() - 1
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1 || r2 == 0
        let f = (-2 * Foundation.log(r2) / r2).squareRoot()
        gauss = f * x1
        return f * x2
    }

    /// `random_interval`: uniform in 0...max by masked rejection (shuffle, permutation).
    public mutating func interval(_ max: UInt64) -> UInt64 {
        if max == 0 { return 0 }
        let mask = Self.mask(max)
        if max <= 0xffff_ffff {
            while true { let v = UInt64(next32()) & mask; if v <= max { return v } }
        }
        while true { let v = next64() & mask; if v <= max { return v } }
    }

    /// Legacy `randint`'s `random_bounded_uint64` with `use_masked`: `off + [0, range]`.
    public mutating func bounded(range: UInt64) -> UInt64 {
        if range == 0 { return 0 }
        if range == 0xffff_ffff { return UInt64(next32()) }
        if range < 0xffff_ffff {
            let mask = Self.mask(range)
            while true { let v = UInt64(next32()) & mask; if v <= range { return v } }
        }
        if range == UInt64.max { return next64() }
        let mask = Self.mask(range)
        while true { let v = next64() & mask; if v <= range { return v } }
    }

    /// The smallest all-ones mask at least `x`.
    static func mask(_ x: UInt64) -> UInt64 {
        var m = x
        m |= m >> 1; m |= m >> 2; m |= m >> 4; m |= m >> 8; m |= m >> 16; m |= m >> 32
        return m
    }
}

import Foundation
