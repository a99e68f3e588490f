import Script

/// `np.random.default_rng(seed)`: a `Generator` on PCG64, drawing as NumPy 2's does
/// (53-bit doubles, Lemire's bounded integers, Fisher-Yates by masked rejection).
public final class RandomGenerator: HostObject {
    var bits: PCG64
    let context: RunContext?

    public init(seed: UInt64, context: RunContext?) {
        bits = PCG64(SeedSequence(entropy: SeedSequence.words(seed)))
        self.context = context
    }

    public var typeName: String { "numpy.random.Generator" }
    public func repr() -> String { "Generator(PCG64)" }

    static let names: Set<String> = ["random", "integers", "uniform", "choice", "permutation", "shuffle", "normal", "standard_normal"]

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
            return try floats(try LegacyRandomState.size(bound["size"])) { $0.nextDouble() }
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
            let bound = try args.bind(["a", "size", "replace", "p", "axis", "shuffle"], required: 1)
            guard try bound.bool("replace", default: true), !bound.has("p") else {
                throw ScriptError.notSupported("Generator.choice with replace=False or p= is not available in lessons yet (np.random.choice has them)")
            }
            let a = bound["a"] ?? .none
            let population: NDArray? = a.intValue == nil ? try ValueConversion.array(a, name: "a").array : nil
            let count = a.intValue ?? population?.count ?? 0
            guard count > 0 else { throw ScriptError.valueError("a must be a positive integer unless no samples are taken") }
            let shape = try LegacyRandomState.size(bound["size"])
            let total = try NumPyCall.run { try NDArray.checkedCount(shape ?? [], charging: context) }
            let indices = (0..<total).map { _ in Int(bits.bounded(range: UInt64(count - 1))) }
            if let population {
                return NDArrayObject.value(in: context, NDArray(shape: shape ?? [], dtype: population.dtype, storage: population.gather(blocks: indices, length: 1)))
            }
            return NDArrayObject.value(in: context, NDArray(shape: shape ?? [], dtype: .int64, storage: .int64(indices)))
        default:
            // NumPy's ziggurat tables are not reproduced here; a stream that differs would mislead.
            throw ScriptError.notSupported("Generator.\(name) is not available in lessons yet; np.random.\(name == "normal" ? "normal" : "standard_normal") (the legacy generator) gives NumPy's stream")
        }
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
