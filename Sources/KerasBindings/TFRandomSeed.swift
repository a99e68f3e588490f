import NumPy
import Script

/// TensorFlow's seeds of one run: `tf.random.set_seed`'s global seed, and the Python
/// `random.Random(global_seed)` that eager TensorFlow draws an op's seed from when the op has
/// none (`context.internal_operation_seed()`), so the n-th unseeded op gets TensorFlow's seed.
final class TFSeedState {
    private(set) var global: Int?
    private var opSeeds = MT19937(words: [0])
    /// Where TensorFlow would be nondeterministic (no seed at all), a lesson runs as if its own
    /// seed had been given to `tf.random.set_seed` before the run: repeatable, and TensorFlow's
    /// order under that seed.
    private let lessonSeed: Int
    private var lessonOpSeeds: MT19937

    init(lessonSeed: Int) {
        self.lessonSeed = lessonSeed
        lessonOpSeeds = Self.pythonRandom(lessonSeed)
    }

    /// CPython's `random.Random(seed)`: `init_by_array` on |seed|'s 32-bit words.
    private static func pythonRandom(_ seed: Int) -> MT19937 {
        let m = seed.magnitude
        return MT19937(words: m >> 32 == 0 ? [UInt32(m)] : [UInt32(truncatingIfNeeded: m), UInt32(truncatingIfNeeded: m >> 32)])
    }

    static let maxInt32 = 2_147_483_647
    /// `random_seed.DEFAULT_GRAPH_SEED`: the global seed of an op seeded without a global one.
    static let defaultGraphSeed = 87_654_321

    /// `tf.random.set_seed(seed)`: CPython seeds `random.Random` with |seed|'s 32-bit words.
    func setGlobal(_ seed: Int) {
        global = seed
        opSeeds = Self.pythonRandom(seed)
    }

    /// `tf.random.set_seed(seed)` (None clears it).
    func set(_ args: Arguments) throws {
        let b = try args.bind(["seed"])
        if b["seed"]?.isNone ?? true { global = nil } else { setGlobal(try b.int("seed")) }
    }

    /// `random_seed.get_seed(op_seed)`: nil when neither seed is set (TensorFlow is then
    /// nondeterministic).
    func seeds(op: Int?) -> (Int, Int)? {
        let pair: (Int, Int)
        if let global {
            pair = (Self.truncated(global), Self.truncated(op ?? internalOperationSeed()))
        } else if let op {
            pair = (Self.defaultGraphSeed, Self.truncated(op))
        } else {
            return nil
        }
        // (0, 0) means "nondeterministic" to TensorFlow's kernels.
        return pair == (0, 0) ? (0, Self.maxInt32) : pair
    }

    /// The seeds of an op with no seed and no global seed: those `tf.random.set_seed(lesson seed)`
    /// would give the n-th such op.
    func lessonSeeds() -> (Int, Int) {
        let pair = (Self.truncated(lessonSeed), Self.randint(&lessonOpSeeds))
        return pair == (0, 0) ? (0, Self.maxInt32) : pair
    }

    static func truncated(_ s: Int) -> Int { let r = s % maxInt32; return r < 0 ? r + maxInt32 : r }

    private func internalOperationSeed() -> Int { Self.randint(&opSeeds) }

    /// `random.Random.randint(0, 2**31 - 1)`: 32-bit draws until one is below 2**31.
    private static func randint(_ mt: inout MT19937) -> Int {
        while true {
            let r = mt.next32()
            if r < 0x8000_0000 { return Int(r) }
        }
    }
}
