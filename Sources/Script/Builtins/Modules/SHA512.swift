import Foundation

/// SHA-512 (FIPS 180-4), for `random.seed(str)`: CPython's version-2 seeding appends the
/// SHA-512 digest of the string's bytes. Script has no dependencies, so it is here.
enum SHA512 {
    /// The round constants: the first 64 bits of the fractional parts of the cube roots of the
    /// first 80 primes (FIPS 180-4 §4.2.3), derived as the standard defines them rather than
    /// copied: ⌊∛(p·2¹⁹²)⌋ mod 2⁶⁴, the root found bit by bit (∛409 < 8, so 67 bits).
    static let k: [UInt64] = firstPrimes(80).map { p in
        let n = BigNum(p).shiftedLeft(192)
        var root = BigNum(0)
        for bit in stride(from: 66, through: 0, by: -1) {
            let candidate = root + BigNum(1).shiftedLeft(bit)
            if BigNum.compare(candidate * candidate * candidate, n) <= 0 { root = candidate }
        }
        return root.limbs.prefix(2).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (32 * UInt64($1.offset)) }
    }

    static func firstPrimes(_ count: Int) -> [Int] {
        var primes: [Int] = []
        var candidate = 2
        while primes.count < count {
            if primes.allSatisfy({ $0 * $0 > candidate || candidate % $0 != 0 }) { primes.append(candidate) }
            candidate += 1
        }
        return primes
    }

    static func digest(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt64] = [0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
                           0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179]
        var data = message
        let bitLength = UInt64(message.count).multipliedReportingOverflow(by: 8).partialValue
        data.append(0x80)
        while data.count % 128 != 112 { data.append(0) }
        data += [UInt8](repeating: 0, count: 8)
        for s in stride(from: 56, through: 0, by: -8) { data.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(s))) }
        func rotr(_ x: UInt64, _ n: UInt64) -> UInt64 { (x >> n) | (x << (64 - n)) }
        var w = [UInt64](repeating: 0, count: 80)
        for block in stride(from: 0, to: data.count, by: 128) {
            for t in 0..<16 {
                var v: UInt64 = 0
                for b in 0..<8 { v = (v << 8) | UInt64(data[block + t * 8 + b]) }
                w[t] = v
            }
            for t in 16..<80 {
                let s0 = rotr(w[t - 15], 1) ^ rotr(w[t - 15], 8) ^ (w[t - 15] >> 7)
                let s1 = rotr(w[t - 2], 19) ^ rotr(w[t - 2], 61) ^ (w[t - 2] >> 6)
                w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
            for t in 0..<80 {
                let t1 = hh &+ (rotr(e, 14) ^ rotr(e, 18) ^ rotr(e, 41)) &+ ((e & f) ^ (~e & g)) &+ k[t] &+ w[t]
                let t2 = (rotr(a, 28) ^ rotr(a, 34) ^ rotr(a, 39)) &+ ((a & b) ^ (a & c) ^ (b & c))
                (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
            }
            for (i, v) in [a, b, c, d, e, f, g, hh].enumerated() { h[i] = h[i] &+ v }
        }
        return h.flatMap { v in stride(from: 56, through: 0, by: -8).map { UInt8(truncatingIfNeeded: v >> UInt64($0)) } }
    }
}
