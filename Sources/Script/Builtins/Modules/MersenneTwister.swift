import Foundation

/// CPython's `random` generator (MT19937 with `init_by_array` seeding), so a lesson's
/// `random.seed(42)` gives the numbers it gives in Python.
struct MersenneTwister {
    var state = [UInt32](repeating: 0, count: 624)
    var index = 625
    /// `gauss()` makes two numbers at a time and keeps one.
    var gaussNext: Double?

    init(seed: UInt64 = 0) { self.seed(seed) }

    mutating func initGenrand(_ s: UInt32) {
        state[0] = s
        for i in 1..<624 {
            state[i] = 1_812_433_253 &* (state[i - 1] ^ (state[i - 1] >> 30)) &+ UInt32(i)
        }
        index = 624
    }

    /// `random.seed(n)`: the absolute value's 32-bit words, least significant first.
    mutating func seed(_ n: UInt64) {
        var key: [UInt32] = [UInt32(truncatingIfNeeded: n)]
        if n >> 32 != 0 { key.append(UInt32(truncatingIfNeeded: n >> 32)) }
        seed(key: key)
    }

    /// `init_by_array`'s key of a big-endian unsigned integer: 32-bit words, least significant first.
    static func key(bigEndian bytes: [UInt8]) -> [UInt32] {
        var words: [UInt32] = []
        var i = bytes.count
        while i > 0 {
            var w: UInt32 = 0
            for j in max(0, i - 4)..<i { w = (w << 8) | UInt32(bytes[j]) }
            words.append(w)
            i -= 4
        }
        while words.count > 1, words.last == 0 { words.removeLast() }
        return words
    }

    mutating func seed(key: [UInt32]) {
        initGenrand(19_650_218)
        var i = 1, j = 0
        let keyLength = max(key.count, 1)
        for _ in 0..<max(624, keyLength) {
            state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) &* 1_664_525)) &+ (key.isEmpty ? 0 : key[j]) &+ UInt32(j)
            i += 1; j += 1
            if i >= 624 { state[0] = state[623]; i = 1 }
            if j >= keyLength { j = 0 }
        }
        for _ in 0..<623 {
            state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= 624 { state[0] = state[623]; i = 1 }
        }
        state[0] = 0x8000_0000
        gaussNext = nil
    }

    mutating func next32() -> UInt32 {
        if index >= 624 {
            for k in 0..<624 {
                let y = (state[k] & 0x8000_0000) | (state[(k + 1) % 624] & 0x7fff_ffff)
                state[k] = state[(k + 397) % 624] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : 0x9908_b0df)
            }
            index = 0
        }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    /// `random.random()`: 53 random bits in [0, 1).
    mutating func random() -> Double {
        let a = Double(next32() >> 5), b = Double(next32() >> 6)
        return (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` for k ≤ 64.
    mutating func bits(_ k: Int) -> UInt64 {
        if k <= 0 { return 0 }
        if k <= 32 { return UInt64(next32() >> UInt32(32 - k)) }
        let low = UInt64(next32())
        let high = UInt64(next32() >> UInt32(64 - k))
        return low | (high << 32)
    }

    /// `_randbelow(n)`: rejection sampling on `n.bit_length()` bits.
    mutating func below(_ n: Int) -> Int {
        guard n > 0 else { return 0 }
        let k = Int.bitWidth - n.leadingZeroBitCount
        var r = bits(k)
        while r >= UInt64(n) { r = bits(k) }
        return Int(r)
    }

    mutating func gauss(_ mu: Double, _ sigma: Double) -> Double {
        var z = gaussNext
        gaussNext = nil
        if z == nil {
            let x2pi = random() * 2 * Double.pi
            let g2rad = (-2.0 * Foundation.log(1.0 - random())).squareRoot()
            z = Foundation.cos(x2pi) * g2rad
            gaussNext = Foundation.sin(x2pi) * g2rad
        }
        return mu + (z ?? 0) * sigma
    }
}
