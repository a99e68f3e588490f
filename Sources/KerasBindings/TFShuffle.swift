/// `Dataset.shuffle` as TensorFlow's ShuffleDatasetOp runs it. The dataset holds a seed
/// generator made from `random_seed.get_seed`'s pair: with `reshuffle_each_iteration=True` a
/// Philox stream that gives each new iterator two fresh 32-bit seeds, otherwise the pair itself.
/// Each iterator draws from its own Philox stream on those seeds.
final class TFShuffleSeeds {
    let reshuffle: Bool
    private let seed: UInt64, seed2: UInt64
    private var parent: TFPhilox

    init(seed: UInt64, seed2: UInt64, reshuffle: Bool) {
        self.seed = seed; self.seed2 = seed2; self.reshuffle = reshuffle
        parent = TFPhilox(seed: seed, seed2: seed2)
    }

    /// The seeds of the next iterator (RandomSeedGenerator / FixedSeedGenerator::GenerateSeeds).
    func next() -> TFPhilox {
        guard reshuffle else { return TFPhilox(seed: seed, seed2: seed2) }
        let a = parent.next(), b = parent.next()
        return TFPhilox(seed: UInt64(a), seed2: UInt64(b))
    }

    /// One pass through the shuffle buffer, a ring of `buffer` slots: while input remains the
    /// buffer is topped up; an element is drawn at `random() % count` after the ring's start,
    /// the start's element moves into its slot, and the start advances.
    static func shuffled<T>(_ items: [T], buffer: Int, rng: inout TFPhilox) -> [T] {
        let size = Swift.min(buffer, items.count)
        guard size > 0 else { return [] }
        var ring = [T?](repeating: nil, count: size), out: [T] = []
        out.reserveCapacity(items.count)
        var start = 0, end = 0, next = 0
        while true {
            while next < items.count && end - start < size { ring[end % size] = items[next]; end += 1; next += 1 }
            guard end > start else { return out }
            let index = (start + Int(UInt64(rng.next()) % UInt64(end - start))) % size
            if let item = ring[index] { out.append(item) }
            ring[index] = ring[start % size]
            start += 1
        }
    }
}
