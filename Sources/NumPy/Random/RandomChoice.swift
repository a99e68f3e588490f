import Script

/// The sampling steps of `choice` that NumPy's two generators share or that only
/// `Generator` has (Floyd's algorithm, the tail shuffle), written after
/// numpy/random/_generator.pyx and mtrand.pyx so the same seed picks the same items.
enum RandomChoice {
    /// `replace=True, p=`: the cumulative sum scaled to end at 1, searched (side='right')
    /// for one uniform draw per sample.
    static func weighted(_ p: [Double], count: Int, uniform: () -> Double) -> [Int] {
        let cdf = cumulative(p)
        return (0..<count).map { _ in searchRight(cdf, uniform()) }
    }

    /// `replace=False, p=`: draw a batch, keep the new distinct indices in the order they
    /// first came, zero their weights and draw again for the rest.
    static func weightedDistinct(_ weights: [Double], count: Int, uniform: () -> Double) throws -> [Int] {
        guard weights.filter({ $0 > 0 }).count >= count else { throw ScriptError.valueError("Fewer non-zero entries in p than size") }
        var p = weights, found: [Int] = []
        found.reserveCapacity(count)
        while found.count < count {
            let draws = (0..<(count - found.count)).map { _ in uniform() }
            for i in found { p[i] = 0 }
            let cdf = cumulative(p)
            var seen = Set<Int>()
            for u in draws {
                let index = searchRight(cdf, u)
                if seen.insert(index).inserted { found.append(index) }
            }
        }
        return found
    }

    /// `np.cumsum(p) / cdf[-1]`, summed left to right as NumPy's add.accumulate.
    static func cumulative(_ p: [Double]) -> [Double] {
        var running = 0.0
        let sums = p.map { running += $0; return running }
        let last = sums.last ?? 1
        return sums.map { $0 / last }
    }

    /// The first position whose value is above `u` (an index within the array).
    static func searchRight(_ cdf: [Double], _ u: Double) -> Int {
        var lo = 0, hi = cdf.count
        while lo < hi { let mid = lo + (hi - lo) / 2; if cdf[mid] <= u { lo = mid + 1 } else { hi = mid } }
        return min(lo, max(cdf.count - 1, 0))
    }

    /// `Generator.choice(n, k, replace=False)` without p: a tail shuffle of `0..<n` when k
    /// is a large part of a large population, else Floyd's algorithm over a hash set;
    /// then (shuffle=True) the k picks are shuffled.
    static func distinct(population n: Int, count k: Int, shuffle: Bool, bits: inout PCG64) -> [Int] {
        func swapDown(_ data: inout [Int], from first: Int) {
            for i in stride(from: data.count - 1, through: first, by: -1) {
                let j = Int(bits.bounded(range: UInt64(i)))
                data.swapAt(i, j)
            }
        }
        let cutoff = shuffle ? 50 : 20
        if n > 10000 && k > n / cutoff {
            var all = Array(0..<n)
            swapDown(&all, from: max(n - k, 1))
            return Array(all[(n - k)...])
        }
        let mask = Int(MT19937.mask(UInt64(Double(k) * 1.2)))
        let empty = -1
        var set = [Int](repeating: empty, count: mask + 1), picks = [Int](repeating: 0, count: k)
        for j in (n - k)..<n {
            let value = Int(bits.bounded(range: UInt64(j)))
            var slot = value & mask
            while set[slot] != empty && set[slot] != value { slot = (slot + 1) & mask }
            if set[slot] == empty {
                set[slot] = value
                picks[j - n + k] = value
            } else {
                slot = j & mask
                while set[slot] != empty { slot = (slot + 1) & mask }
                set[slot] = j
                picks[j - n + k] = j
            }
        }
        if shuffle && k > 1 { swapDown(&picks, from: 1) }
        return picks
    }

    /// Kahan's compensated sum, as Generator checks that p sums to 1.
    static func kahanSum(_ values: [Double]) -> Double {
        var sum = 0.0, compensation = 0.0
        for x in values {
            let y = x - compensation, t = sum + y
            compensation = (t - sum) - y
            sum = t
        }
        return sum
    }
}
