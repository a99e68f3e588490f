import Foundation

/// An integer beyond 64 bits (`2**100`), as a sign and 32-bit limbs (least significant
/// first). Small on purpose: lessons need `+ - * // % **` and printing, within a size cap.
struct BigNum: Equatable {
    var negative: Bool
    var limbs: [UInt32]

    /// Largest integer a lesson may build (CPython has no cap; the step and memory limits need one).
    static let maxLimbs = 4096

    init(negative: Bool = false, limbs: [UInt32]) {
        var l = limbs
        while l.last == 0 { l.removeLast() }
        self.limbs = l
        self.negative = l.isEmpty ? false : negative
    }

    init(_ i: Int) {
        var m = i.magnitude
        var l: [UInt32] = []
        while m > 0 { l.append(UInt32(truncatingIfNeeded: m)); m >>= 32 }
        self.init(negative: i < 0, limbs: l)
    }

    var isZero: Bool { limbs.isEmpty }
    var bitLength: Int { limbs.isEmpty ? 0 : (limbs.count - 1) * 32 + (32 - (limbs.last ?? 0).leadingZeroBitCount) }

    /// The value as an Int when it fits.
    var asInt: Int? {
        guard limbs.count <= 2 else { return nil }
        var m: UInt64 = 0
        for (i, l) in limbs.enumerated() { m |= UInt64(l) << (32 * UInt64(i)) }
        if negative { return m <= UInt64(Int.max) + 1 ? Int(truncatingIfNeeded: 0 &- m) : nil }
        return m <= UInt64(Int.max) ? Int(m) : nil
    }

    var asDouble: Double {
        var d = 0.0
        for l in limbs.reversed() { d = d * 4_294_967_296.0 + Double(l) }
        return negative ? -d : d
    }

    static func compareMagnitude(_ a: [UInt32], _ b: [UInt32]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for i in stride(from: a.count - 1, through: 0, by: -1) where a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
        return 0
    }

    static func compare(_ a: BigNum, _ b: BigNum) -> Int {
        if a.negative != b.negative { return a.negative ? -1 : 1 }
        let c = compareMagnitude(a.limbs, b.limbs)
        return a.negative ? -c : c
    }

    static func addMagnitude(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(max(a.count, b.count) + 1)
        var carry: UInt64 = 0
        for i in 0..<max(a.count, b.count) {
            let s = UInt64(i < a.count ? a[i] : 0) + UInt64(i < b.count ? b[i] : 0) + carry
            out.append(UInt32(truncatingIfNeeded: s))
            carry = s >> 32
        }
        if carry > 0 { out.append(UInt32(carry)) }
        return out
    }

    /// |a| - |b| for |a| ≥ |b|.
    static func subtractMagnitude(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var out: [UInt32] = []
        var borrow: Int64 = 0
        for i in 0..<a.count {
            var d = Int64(a[i]) - Int64(i < b.count ? b[i] : 0) - borrow
            borrow = d < 0 ? 1 : 0
            if d < 0 { d += 1 << 32 }
            out.append(UInt32(d))
        }
        return out
    }

    static func + (a: BigNum, b: BigNum) -> BigNum {
        if a.negative == b.negative { return BigNum(negative: a.negative, limbs: addMagnitude(a.limbs, b.limbs)) }
        if compareMagnitude(a.limbs, b.limbs) >= 0 { return BigNum(negative: a.negative, limbs: subtractMagnitude(a.limbs, b.limbs)) }
        return BigNum(negative: b.negative, limbs: subtractMagnitude(b.limbs, a.limbs))
    }

    static prefix func - (a: BigNum) -> BigNum { BigNum(negative: !a.negative, limbs: a.limbs) }
    static func - (a: BigNum, b: BigNum) -> BigNum { a + (-b) }

    static func * (a: BigNum, b: BigNum) -> BigNum {
        if a.isZero || b.isZero { return BigNum(0) }
        var out = [UInt32](repeating: 0, count: a.limbs.count + b.limbs.count)
        for (i, x) in a.limbs.enumerated() {
            var carry: UInt64 = 0
            for (j, y) in b.limbs.enumerated() {
                let t = UInt64(x) * UInt64(y) + UInt64(out[i + j]) + carry
                out[i + j] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
            }
            var k = i + b.limbs.count
            while carry > 0 {
                let t = UInt64(out[k]) + carry
                out[k] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
                k += 1
            }
        }
        return BigNum(negative: a.negative != b.negative, limbs: out)
    }

    /// Magnitude division by one limb: quotient and remainder.
    static func divideMagnitude(_ a: [UInt32], by d: UInt32) -> ([UInt32], UInt32) {
        var q = [UInt32](repeating: 0, count: a.count)
        var r: UInt64 = 0
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            let cur = (r << 32) | UInt64(a[i])
            q[i] = UInt32(cur / UInt64(d))
            r = cur % UInt64(d)
        }
        return (q, UInt32(r))
    }

    /// Magnitude division (shift and subtract, bit by bit: the operands are small).
    static func divideMagnitude(_ a: [UInt32], _ b: [UInt32]) -> ([UInt32], [UInt32]) {
        if b.count == 1 {
            let (q, r) = divideMagnitude(a, by: b[0])
            return (q, [r])
        }
        var q = [UInt32](repeating: 0, count: a.count)
        var r = BigNum(0)
        let bn = BigNum(limbs: b)
        for bit in stride(from: a.count * 32 - 1, through: 0, by: -1) {
            r = r.shiftedLeft(1)
            if (a[bit / 32] >> UInt32(bit % 32)) & 1 == 1 { r = r + BigNum(1) }
            if compareMagnitude(r.limbs, bn.limbs) >= 0 {
                r = BigNum(limbs: subtractMagnitude(r.limbs, bn.limbs))
                q[bit / 32] |= 1 << UInt32(bit % 32)
            }
        }
        return (q, r.limbs)
    }

    func shiftedLeft(_ n: Int) -> BigNum {
        let words = n / 32, bits = n % 32
        var out = [UInt32](repeating: 0, count: words) + limbs + [0]
        if bits > 0 {
            var carry: UInt32 = 0
            for i in words..<out.count {
                let v = out[i]
                out[i] = (v << UInt32(bits)) | carry
                carry = v >> UInt32(32 - bits)
            }
        }
        return BigNum(negative: negative, limbs: out)
    }

    /// Python's floor division and modulo (the remainder takes the divisor's sign).
    static func floorDivMod(_ a: BigNum, _ b: BigNum) -> (BigNum, BigNum) {
        let (q0, r0) = divideMagnitude(a.limbs, b.limbs)
        var q = BigNum(negative: a.negative != b.negative, limbs: q0)
        var r = BigNum(negative: a.negative, limbs: r0)
        if !r.isZero && a.negative != b.negative {
            q = q - BigNum(1)
            r = r + b
        }
        return (q, r)
    }

    /// Decimal digits.
    var decimal: String {
        if isZero { return "0" }
        var chunks: [UInt32] = []
        var m = limbs
        while !m.isEmpty {
            let (q, r) = BigNum.divideMagnitude(m, by: 1_000_000_000)
            chunks.append(r)
            m = q
            while m.last == 0 { m.removeLast() }
        }
        var s = negative ? "-" : ""
        s += String(chunks.last ?? 0)
        for c in chunks.dropLast().reversed() { s += String(c).leftPadded(to: 9) }
        return s
    }
}
