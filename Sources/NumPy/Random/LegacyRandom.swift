import Script

/// `np.random.*` and `np.random.RandomState`: NumPy's legacy generator, one per run (the
/// module's functions share the run's global state, as NumPy's share one RandomState).
public final class LegacyRandomState: HostObject {
    var mt: MT19937
    let context: RunContext?

    public init(seed: UInt32, context: RunContext?) { mt = MT19937(seed: seed); self.context = context }

    public var typeName: String { "numpy.random.mtrand.RandomState" }
    public func repr() -> String { "RandomState(MT19937)" }

    public func getAttribute(_ name: String) throws -> Value? {
        guard Self.names.contains(name) else { return nil }
        return .function(BuiltinFunction(name, isMethod: true) { [self] args in try self.call(name, args) })
    }

    static let names = ["seed", "rand", "randn", "randint", "random", "random_sample", "sample", "ranf", "standard_normal",
                        "normal", "uniform", "choice", "permutation", "shuffle"]

    /// Adds the functions to `np.random`.
    func install(in module: ModuleValue) {
        for name in Self.names { module.addFunction(name) { [self] args in try self.call(name, args) } }
    }

    func call(_ name: String, _ args: Arguments) throws -> Value {
        switch name {
        case "seed":
            let bound = try args.bind(["seed"], required: 0)
            try reseed(bound["seed"] ?? .none)
            return .none
        case "rand", "randn":
            guard args.keywords.isEmpty else { throw ScriptError.typeError("\(name)() got an unexpected keyword argument '\(args.keywords[0].0)'") }
            let shape = try args.positional.map { v -> Int in
                guard let i = v.intValue else { throw ScriptError.typeError("'\(v.typeName)' object cannot be interpreted as an integer") }
                return i
            }
            return try floats(args.positional.isEmpty ? nil : shape) { name == "rand" ? $0.nextDouble() : $0.nextGauss() }
        case "random", "random_sample", "sample", "ranf":
            let bound = try args.bind(["size"], required: 0)
            return try floats(try Self.size(bound["size"])) { $0.nextDouble() }
        case "standard_normal":
            let bound = try args.bind(["size"], required: 0)
            return try floats(try Self.size(bound["size"])) { $0.nextGauss() }
        case "normal":
            let bound = try args.bind(["loc", "scale", "size"], required: 0)
            let loc = try bound.double("loc", default: 0), scale = try bound.double("scale", default: 1)
            guard scale >= 0 else { throw ScriptError.valueError("scale < 0") }
            return try floats(try Self.size(bound["size"])) { loc + scale * $0.nextGauss() }
        case "uniform":
            let bound = try args.bind(["low", "high", "size"], required: 0)
            let low = try bound.double("low", default: 0), high = try bound.double("high", default: 1)
            let range = high - low
            guard range.isFinite else { throw ScriptError(ScriptError.Kind(rawValue: "OverflowError"), "Range exceeds valid bounds") }
            return try floats(try Self.size(bound["size"])) { low + range * $0.nextDouble() }
        case "randint":
            let bound = try args.bind(["low", "high", "size", "dtype"], required: 1)
            var low = try bound.int("low"), high = 0
            if bound.has("high") { high = try bound.int("high") } else { (low, high) = (0, low) }
            guard low < high else { throw ScriptError.valueError("low >= high") }
            return try integers(low: low, high: high, size: try Self.size(bound["size"]))
        case "choice": return try choice(args)
        case "permutation":
            let bound = try args.bind(["x"])
            let x = bound["x"] ?? .none
            if let n = x.intValue {
                guard n >= 0 else { throw ScriptError.valueError("negative dimensions are not allowed") }
                let array = try NumPyCall.run { try NDArray.arange(start: 0, stop: Double(n), step: 1, dtype: .int64, charging: context) }
                return NDArrayObject.value(in: context, shuffled(array))
            }
            let (array, _) = try ValueConversion.array(x, name: "x")
            guard array.ndim >= 1 else { throw ScriptError.indexError("x must be an integer or at least 1-dimensional") }
            return NDArrayObject.value(in: context, shuffled(array))
        case "shuffle":
            let bound = try args.bind(["x"])
            switch bound["x"] ?? .none {
            case .list(let storage):
                var items = storage.items
                for i in stride(from: items.count - 1, to: 0, by: -1) {
                    let j = Int(mt.interval(UInt64(i)))
                    items.swapAt(i, j)
                }
                storage.items = items
            case .object(let object as NDArrayObject):
                object.array.replaceStorage(shuffled(object.array).storage)
            case let other:
                throw ScriptError.typeError("shuffle() argument must be a list or an array, not \(other.typeName)")
            }
            return .none
        default:
            return .none
        }
    }

    func reseed(_ seed: Value) throws {
        if seed.isNone { mt = MT19937(seed: 0); return }
        if let i = seed.intValue {
            guard i >= 0, i <= 0xffff_ffff else { throw ScriptError.valueError("Seed must be between 0 and 2**32 - 1") }
            mt = MT19937(seed: UInt32(i))
            return
        }
        let (array, _) = try ValueConversion.array(seed, name: "seed")
        guard array.count > 0 else { throw ScriptError.valueError("Seed must be non-empty") }
        guard !array.dtype.isFloat else { throw ScriptError.typeError("Cannot cast array data from dtype('float64') to dtype('int64') according to the rule 'safe'") }
        guard array.ndim == 1 else { throw ScriptError.valueError("Seed array must be 1-d") }
        let words = try array.doubles.map { x -> UInt32 in
            guard x >= 0, x <= 0xffff_ffff else { throw ScriptError.valueError("Seed must be between 0 and 2**32 - 1") }
            return UInt32(x)
        }
        mt = MT19937(words: words)
    }

    /// `size=None` is nil (a scalar), an int is one axis, a tuple is a shape.
    static func size(_ value: Value?) throws -> [Int]? {
        guard let value, !value.isNone else { return nil }
        return try ValueConversion.shape(value, name: "size")
    }

    func floats(_ shape: [Int]?, _ draw: (inout MT19937) -> Double) throws -> Value {
        guard let shape else { return .float(draw(&mt)) }
        let count = try NumPyCall.run { try NDArray.checkedCount(shape, charging: context) }
        var values = [Double](repeating: 0, count: count)
        for i in 0..<count { values[i] = draw(&mt) }
        return NDArrayObject.value(in: context, NDArray(shape: shape, dtype: .float64, storage: .float64(values)))
    }

    func integers(low: Int, high: Int, size: [Int]?) throws -> Value {
        // high - 1 - low, in unsigned arithmetic as NumPy's `rng`.
        let range = UInt64(bitPattern: Int64(high &- 1)) &- UInt64(bitPattern: Int64(low))
        let offset = UInt64(bitPattern: Int64(low))
        guard let size else { return .int(Int(Int64(bitPattern: offset &+ mt.bounded(range: range)))) }
        let count = try NumPyCall.run { try NDArray.checkedCount(size, charging: context) }
        var values = [Int](repeating: 0, count: count)
        for i in 0..<count { values[i] = Int(Int64(bitPattern: offset &+ mt.bounded(range: range))) }
        return NDArrayObject.value(in: context, NDArray(shape: size, dtype: .int64, storage: .int64(values)))
    }

    /// A copy with its first axis in NumPy's Fisher-Yates order.
    func shuffled(_ array: NDArray) -> NDArray {
        array.shuffledRows { i in Int(mt.interval(UInt64(i))) }
    }

    /// `choice(a, size=None, replace=True, p=None)` as legacy NumPy draws it.
    func choice(_ args: Arguments) throws -> Value {
        let bound = try args.bind(["a", "size", "replace", "p"], required: 1)
        let a = bound["a"] ?? .none
        let population: NDArray?
        let count: Int
        if let n = a.intValue {
            guard n > 0 else { throw ScriptError.valueError("a must be a positive integer unless no samples are taken") }
            population = nil; count = n
        } else {
            let (array, _) = try ValueConversion.array(a, name: "a")
            guard array.ndim == 1 else { throw ScriptError.valueError("a must be 1-dimensional") }
            guard array.count > 0 else { throw ScriptError.valueError("a cannot be empty unless no samples are taken") }
            population = array; count = array.count
        }
        let shape = try Self.size(bound["size"])
        let replace = try bound.bool("replace", default: true)
        var indices: [Int]
        let total = try NumPyCall.run { try NDArray.checkedCount(shape ?? [], charging: context) }
        if bound.has("p") {
            let p = try ValueConversion.array(bound["p"] ?? .none, name: "p").array.doubles
            guard p.count == count else { throw ScriptError.valueError("'a' and 'p' must have same size") }
            let sum = RandomChoice.kahanSum(p)
            guard !sum.isNaN else { throw ScriptError.valueError("probabilities contain NaN") }
            guard p.allSatisfy({ $0 >= 0 }) else { throw ScriptError.valueError("probabilities are not non-negative") }
            guard abs(sum - 1) <= 1.4901161193847656e-08 else { throw ScriptError.valueError("probabilities do not sum to 1") }
            if replace {
                indices = RandomChoice.weighted(p, count: total) { mt.nextDouble() }
            } else {
                guard total <= count else { throw ScriptError.valueError("Cannot take a larger sample than population when 'replace=False'") }
                indices = try RandomChoice.weightedDistinct(p, count: total) { mt.nextDouble() }
            }
        } else if replace {
            let range = UInt64(count - 1)
            indices = (0..<total).map { _ in Int(mt.bounded(range: range)) }
        } else {
            guard total <= count else { throw ScriptError.valueError("Cannot take a larger sample than population when 'replace=False'") }
            _ = try NumPyCall.run { try NDArray.checkedCount([count], charging: context) }
            var order = Array(0..<count)
            for i in stride(from: count - 1, to: 0, by: -1) { order.swapAt(i, Int(mt.interval(UInt64(i)))) }
            indices = Array(order.prefix(total))
        }
        if let population {
            let picked = NDArray(shape: shape ?? [], dtype: population.dtype, storage: population.gather(blocks: indices, length: 1))
            return NDArrayObject.value(in: context, picked)
        }
        guard let shape else { return .int(indices.first ?? 0) }
        return NDArrayObject.value(in: context, NDArray(shape: shape, dtype: .int64, storage: .int64(indices)))
    }
}

extension NDArray {
    /// A copy with its first axis in NumPy's Fisher-Yates order (both generators shuffle so):
    /// from the last row down, row i swaps with row `partner(i)`, a draw in 0...i.
    func shuffledRows(_ partner: (Int) -> Int) -> NDArray {
        guard let rows = shape.first, rows > 1 else { return copied() }
        var order = Array(0..<rows)
        for i in stride(from: rows - 1, to: 0, by: -1) { order.swapAt(i, partner(i)) }
        let inner = count / rows
        return NDArray(shape: shape, dtype: dtype, storage: gather(blocks: order.map { $0 * inner }, length: inner))
    }
}
