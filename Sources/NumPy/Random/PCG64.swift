/// NumPy's `SeedSequence` (its hash mixing of the entropy into a pool of four words) and
/// the `PCG64` bit generator it seeds (128-bit LCG, XSL-RR output, 32-bit draws taken from
/// halves of a 64-bit one), so `np.random.default_rng(seed)` gives NumPy's streams.
public struct SeedSequence {
    static let initA: UInt32 = 0x43b0_d7e5, multA: UInt32 = 0x931e_8875
    static let initB: UInt32 = 0x8b51_f9dd, multB: UInt32 = 0x58f3_8ded
    static let mixL: UInt32 = 0xca01_f9dd, mixR: UInt32 = 0x4973_f715
    public private(set) var pool = [UInt32](repeating: 0, count: 4)

    /// `entropy` as 32-bit words, least significant first (an int seed split up).
    public init(entropy: [UInt32]) {
        var hashConst = Self.initA
        func hashmix(_ v: UInt32) -> UInt32 {
            var value = v ^ hashConst
            hashConst = hashConst &* Self.multA
            value = value &* hashConst
            return value ^ (value >> 16)
        }
        func mix(_ x: UInt32, _ y: UInt32) -> UInt32 {
            let r = Self.mixL &* x &- Self.mixR &* y
            return r ^ (r >> 16)
        }
        for i in 0..<pool.count { pool[i] = hashmix(i < entropy.count ? entropy[i] : 0) }
        for source in 0..<pool.count { for target in 0..<pool.count where source != target { pool[target] = mix(pool[target], hashmix(pool[source])) } }
        if entropy.count > pool.count {
            for source in pool.count..<entropy.count { for target in 0..<pool.count { pool[target] = mix(pool[target], hashmix(entropy[source])) } }
        }
    }

    /// An int seed's words: 0 is `[0]`, larger numbers take as many 32-bit words as they need.
    public static func words(_ seed: UInt64) -> [UInt32] {
        var words: [UInt32] = [], rest = seed
        repeat { words.append(UInt32(truncatingIfNeeded: rest)); rest >>= 32 } while rest > 0
        return words
    }

    /// `generate_state(n, np.uint64)`: pairs of 32-bit words, low word first.
    public func generate64(_ count: Int) -> [UInt64] {
        var hashConst = Self.initB
        var words: [UInt32] = []
        for i in 0..<(count * 2) {
            var value = pool[i % pool.count] ^ hashConst
            hashConst = hashConst &* Self.multB
            value = value &* hashConst
            words.append(value ^ (value >> 16))
        }
        return (0..<count).map { UInt64(words[2 * $0]) | (UInt64(words[2 * $0 + 1]) << 32) }
    }
}

public struct PCG64 {
    var stateHigh: UInt64 = 0, stateLow: UInt64 = 0
    var incHigh: UInt64 = 0, incLow: UInt64 = 0
    var spare: UInt32?
    static let multHigh: UInt64 = 0x2360_ED05_1FC6_5DA4, multLow: UInt64 = 0x4385_DF64_9FCC_F645

    public init(_ seeds: SeedSequence) {
        let v = seeds.generate64(4)
        // pcg64_set_seed: state (v0 high, v1 low), sequence (v2 high, v3 low).
        incHigh = (v[2] << 1) | (v[3] >> 63)
        incLow = (v[3] << 1) | 1
        step()
        let (low, carry) = stateLow.addingReportingOverflow(v[1])
        stateLow = low
        stateHigh = stateHigh &+ v[0] &+ (carry ? 1 : 0)
        step()
    }

    /// state = state * multiplier + increment, modulo 2^128.
    mutating func step() {
        let low = stateLow.multipliedFullWidth(by: Self.multLow)
        let high = low.high &+ stateHigh &* Self.multLow &+ stateLow &* Self.multHigh
        let (sumLow, carry) = low.low.addingReportingOverflow(incLow)
        stateLow = sumLow
        stateHigh = high &+ incHigh &+ (carry ? 1 : 0)
    }

    public mutating func next64() -> UInt64 {
        step()
        let x = stateHigh ^ stateLow, rotation = stateHigh >> 58
        return (x >> rotation) | (x << ((64 - rotation) & 63))
    }

    public mutating func next32() -> UInt32 {
        if let spare { self.spare = nil; return spare }
        let next = next64()
        spare = UInt32(truncatingIfNeeded: next >> 32)
        return UInt32(truncatingIfNeeded: next)
    }

    public mutating func nextDouble() -> Double { Double(next64() >> 11) * (1.0 / 9_007_199_254_740_992.0) }

    /// `random_interval`: masked rejection, as Generator's shuffle uses.
    public mutating func interval(_ max: UInt64) -> UInt64 {
        if max == 0 { return 0 }
        let mask = MT19937.mask(max)
        if max <= 0xffff_ffff { while true { let v = UInt64(next32()) & mask; if v <= max { return v } } }
        while true { let v = next64() & mask; if v <= max { return v } }
    }

    /// Lemire's bounded integers in `0...range`, as `Generator.integers` draws them.
    public mutating func bounded(range: UInt64) -> UInt64 {
        if range == 0 { return 0 }
        if range == 0xffff_ffff { return UInt64(next32()) }
        if range < 0xffff_ffff {
            let rng = UInt32(range), excl = rng &+ 1
            var m = UInt64(next32()) &* UInt64(excl)
            var leftover = UInt32(truncatingIfNeeded: m)
            if leftover < excl {
                let threshold = (UInt32.max &- rng) % excl
                while leftover < threshold { m = UInt64(next32()) &* UInt64(excl); leftover = UInt32(truncatingIfNeeded: m) }
            }
            return m >> 32
        }
        if range == UInt64.max { return next64() }
        let excl = range &+ 1
        var m = next64().multipliedFullWidth(by: excl)
        if m.low < excl {
            let threshold = (UInt64.max &- range) % excl
            while m.low < threshold { m = next64().multipliedFullWidth(by: excl) }
        }
        return m.high
    }
}
