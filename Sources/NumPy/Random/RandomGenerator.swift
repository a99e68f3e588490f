import Script

/// `np.random.default_rng(seed)`: a `Generator` on PCG64, drawing as NumPy 2's does
/// (53-bit doubles, Lemire's bounded integers, Fisher-Yates by masked rejection, the
/// ziggurat for normals and exponentials).
public final class RandomGenerator: HostObject {
    var bits: PCG64
    let context: RunContext?

    public init(seed: UInt64, context: RunContext?) {
        bits = PCG64(SeedSequence(entropy: SeedSequence.words(seed)))
        self.context = context
    }

    public var typeName: String { "numpy.random.Generator" }
    public func repr() -> String { "Generator(PCG64)" }

    static let names: Set<String> = ["random", "integers", "uniform", "choice", "permutation", "shuffle", "normal", "standard_normal", "exponential", "standard_exponential"]

    public func getAttribute(_ name: String) throws -> Value? {
        guard Self.names.contains(name) else { return nil }
        return .function(BuiltinFunction(name, isMethod: true) { [self] args in try self.call(name, args) })
    }

    /// `default_rng(seed)`: an int seed (None: the run's own), or a Generator passed through.
    static func make(_ args: Arguments, context: RunContext?, runSeed: Int) throws -> Value {
        let bound = try args.bind(["seed"], required: 0)
        guard let seed = bound["seed"], !seed.isNone else { return .object(RandomGenerator(seed: UInt64(truncatingIfNeeded: runSeed), context: context)) }
        if case .object(let generator as RandomGenerator) = seed { return .object(generator) }
        guard let i = seed.intValue else { throw ScriptError.typeError("SeedSequence expects int or sequence of ints for entropy not \(seed.repr)") }
        guard i >= 0 else { throw ScriptError.valueError("expected non-negative integer") }
        return .object(RandomGenerator(seed: UInt64(i), context: context))
    }

    func call(_ name: String, _ args: Arguments) throws -> Value {
        switch name {
        case "random":
            let bound = try args.bind(["size", "dtype", "out"], required: 0)
            try refuseOut(bound, name)
            let shape = try LegacyRandomState.size(bound["size"])
            // float32 takes 24 bits of a 32-bit draw (NumPy's next_float), so its stream differs.
            switch try floatDType(bound, name) {
            case .float32: return try floats32(shape) { $0.nextFloat() }
            default: return try floats(shape) { $0.nextDouble() }
            }
        case "uniform":
            let bound = try args.bind(["low", "high", "size"], required: 0)
            let low = try bound.double("low", default: 0), high = try bound.double("high", default: 1)
            return try floats(try LegacyRandomState.size(bound["size"])) { low + (high - low) * $0.nextDouble() }
        case "integers":
            let bound = try args.bind(["low", "high", "size", "dtype", "endpoint"], required: 1)
            var low = try bound.int("low"), high = 0
            if bound.has("high") { high = try bound.int("high") } else { (low, high) = (0, low) }
            let closed = try bound.bool("endpoint", default: false)
            guard closed ? low <= high : low < high else { throw ScriptError.valueError(closed ? "low > high" : "high <= low") }
            let range = UInt64(bitPattern: Int64(closed ? high : high &- 1)) &- UInt64(bitPattern: Int64(low))
            let offset = UInt64(bitPattern: Int64(low))
            let shape = try LegacyRandomState.size(bound["size"])
            let count = try NumPyCall.run { try NDArray.checkedCount(shape ?? [], charging: context) }
            var values = [Int](repeating: 0, count: count)
            for i in 0..<count { values[i] = Int(Int64(bitPattern: offset &+ bits.bounded(range: range))) }
            return NDArrayObject.value(in: context, NDArray(shape: shape ?? [], dtype: .int64, storage: .int64(values)))
        case "permutation":
            let bound = try args.bind(["x", "axis"], required: 1)
            let x = bound["x"] ?? .none
            let array: NDArray
            if let n = x.intValue {
                array = try NumPyCall.run { try NDArray.arange(start: 0, stop: Double(n), step: 1, dtype: .int64, charging: context) }
            } else {
                array = try ValueConversion.array(x, name: "x").array
            }
            return NDArrayObject.value(in: context, shuffled(array))
        case "shuffle":
            let bound = try args.bind(["x", "axis"], required: 1)
            switch bound["x"] ?? .none {
            case .list(let storage):
                var items = storage.items
                for i in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(i, Int(bits.interval(UInt64(i)))) }
                storage.items = items
            case .object(let object as NDArrayObject):
                object.array.replaceStorage(shuffled(object.array).storage)
            case let other:
                throw ScriptError.typeError("shuffle() argument must be a list or an array, not \(other.typeName)")
            }
            return .none
        case "choice":
            return try choice(args)
        default: // normal, standard_normal, exponential, standard_exponential
            return try distribution(name, args)
        }
    }

    /// `choice(a, size=None, replace=True, p=None, axis=0, shuffle=True)` as Generator draws it.
    func choice(_ args: Arguments) throws -> Value {
        let bound = try args.bind(["a", "size", "replace", "p", "axis", "shuffle"], required: 1)
        guard try bound.int("axis", default: 0) == 0 else { throw ScriptError.notSupported("Generator.choice with axis other than 0 is not available in lessons") }
        let a = bound["a"] ?? .none
        let population: NDArray? = a.intValue == nil ? try ValueConversion.array(a, name: "a").array : nil
        if let population, population.ndim == 0 { throw ScriptError.valueError("a must be a sequence or an integer, not \(a.typeName)") }
        let size = a.intValue ?? population?.shape.first ?? 0
        let shape = try LegacyRandomState.size(bound["size"])
        let total = try NumPyCall.run { try NDArray.checkedCount(shape ?? [], charging: context) }
        if size <= 0 && total != 0 {
            throw ScriptError.valueError(population == nil ? "a must be a positive integer unless no samples are taken" : "a cannot be empty unless no samples are taken")
        }
        var weights: [Double]?
        if bound.has("p") {
            let p = try ValueConversion.array(bound["p"] ?? .none, name: "p").array
            guard p.ndim == 1 else { throw ScriptError.valueError("p must be 1-dimensional") }
            guard p.count == size else { throw ScriptError.valueError("a and p must have same size") }
            let values = p.doubles, sum = RandomChoice.kahanSum(values)
            guard !sum.isNaN else { throw ScriptError.valueError("Probabilities contain NaN") }
            guard values.allSatisfy({ $0 >= 0 }) else { throw ScriptError.valueError("Probabilities are not non-negative") }
            guard abs(sum - 1) <= 1.4901161193847656e-08 else {
                throw ScriptError.valueError("Probabilities do not sum to 1. See Notes section of docstring for more information.")
            }
            weights = values
        }
        let indices: [Int]
        if try bound.bool("replace", default: true) {
            if let weights {
                indices = RandomChoice.weighted(weights, count: total) { bits.nextDouble() }
            } else {
                indices = (0..<total).map { _ in Int(bits.bounded(range: UInt64(size - 1))) }
            }
        } else {
            guard total <= size else { throw ScriptError.valueError("Cannot take a larger sample than population when replace is False") }
            if let weights {
                indices = try RandomChoice.weightedDistinct(weights, count: total) { bits.nextDouble() }
            } else {
                _ = try NumPyCall.run { try NDArray.checkedCount([size], charging: context) }
                indices = RandomChoice.distinct(population: size, count: total, shuffle: try bound.bool("shuffle", default: true), bits: &bits)
            }
        }
        guard let population else {
            guard let shape else { return .int(indices.first ?? 0) }
            return NDArrayObject.value(in: context, NDArray(shape: shape, dtype: .int64, storage: .int64(indices)))
        }
        let inner = size > 0 ? population.count / size : 0
        let picked = NDArray(shape: (shape ?? []) + population.shape.dropFirst(), dtype: population.dtype,
                             storage: population.gather(blocks: indices.map { $0 * inner }, length: inner))
        return NDArrayObject.value(in: context, picked)
    }

    func floats(_ shape: [Int]?, _ draw: (inout PCG64) -> Double) throws -> Value {
        guard let shape else { return .float(draw(&bits)) }
        let count = try NumPyCall.run { try NDArray.checkedCount(shape, charging: context) }
        var values = [Double](repeating: 0, count: count)
        for i in 0..<count { values[i] = draw(&bits) }
        return NDArrayObject.value(in: context, NDArray(shape: shape, dtype: .float64, storage: .float64(values)))
    }

    func shuffled(_ array: NDArray) -> NDArray {
        array.shuffledRows { i in Int(bits.interval(UInt64(i))) }
    }
}
