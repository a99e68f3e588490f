/// TensorFlow's Philox4x32-10 counter-based generator (`random::PhiloxRandom`) read one 32-bit
/// number at a time as its `SingleSampleAdapter` reads it: `tf.data`'s shuffle draws from it,
/// so a seeded shuffle gives TensorFlow's order.
struct TFPhilox {
    private var key: (UInt32, UInt32)
    private var counter: (UInt32, UInt32, UInt32, UInt32)
    private var block: [UInt32] = []
    private var used = 4

    /// `PhiloxRandom(seed_lo, seed_hi)`: the key is `seed`, the counter's high half `seed2`.
    init(seed: UInt64, seed2: UInt64) {
        key = (UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
        counter = (0, 0, UInt32(truncatingIfNeeded: seed2), UInt32(truncatingIfNeeded: seed2 >> 32))
    }

    mutating func next() -> UInt32 {
        if used == 4 { block = nextBlock(); used = 0 }
        defer { used += 1 }
        return block[used]
    }

    /// Ten rounds on the counter, then the counter steps by one (a 128-bit increment).
    private mutating func nextBlock() -> [UInt32] {
        var c = counter, k = key
        for _ in 0..<10 {
            let p0 = UInt32(0xD251_1F53).multipliedFullWidth(by: c.0), p1 = UInt32(0xCD9E_8D57).multipliedFullWidth(by: c.2)
            c = (p1.high ^ c.1 ^ k.0, p1.low, p0.high ^ c.3 ^ k.1, p0.low)
            k = (k.0 &+ 0x9E37_79B9, k.1 &+ 0xBB67_AE85)
        }
        counter.0 &+= 1
        if counter.0 == 0 {
            counter.1 &+= 1
            if counter.1 == 0 { counter.2 &+= 1; if counter.2 == 0 { counter.3 &+= 1 } }
        }
        return [c.0, c.1, c.2, c.3]
    }
}
