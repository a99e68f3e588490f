import Script

/// A `np.*` function: it gets the run (arrays are charged to it) and the call's arguments.
/// Methods of the same name (`x.std(axis=0)`) call these with the array first.
public typealias NumPyFunction = (RunContext?, Arguments) throws -> Value

enum NumPyFunctions {
    /// Every function of the tables below, by name.
    static let table: [String: NumPyFunction] = creation.merging(shapes) { a, _ in a }.merging(math) { a, _ in a }
        .merging(reductions) { a, _ in a }.merging(selection) { a, _ in a }

    static func array(_ bound: BoundArguments, _ name: String) throws -> NDArray {
        try ValueConversion.array(bound[name] ?? .none, name: name).array
    }

    static func value(_ context: RunContext?, _ array: NDArray) -> Value { NDArrayObject.value(in: context, array) }

    static func dtype(_ bound: BoundArguments, default dtype: DType) throws -> DType {
        bound.has("dtype") ? try ValueConversion.dtype(bound["dtype"] ?? .none) : dtype
    }

    static func axis(_ bound: BoundArguments) throws -> Int? { bound.has("axis") ? try bound.int("axis") : nil }

    /// A list or tuple of arrays (`np.concatenate([a, b])`).
    static func arrays(_ value: Value?, _ name: String) throws -> [NDArray] {
        if case .object(let o as NDArrayObject)? = value, o.array.ndim >= 1 {
            return try (0..<o.array.shape[0]).map { try o.array.subscripted([.int($0)]) }
        }
        guard let items = value?.sequenceElements else { throw ScriptError.typeError("\(name) must be a sequence of arrays") }
        return try items.map { try ValueConversion.array($0, name: name).array }
    }

    // MARK: Creation

    static let creation: [String: NumPyFunction] = [
        "full": { context, args in
            let bound = try args.bind(["shape", "fill_value", "dtype"], required: 2)
            let (fill, weak) = try ValueConversion.array(bound["fill_value"] ?? .none, name: "fill_value")
            guard fill.count >= 1 else { throw ScriptError.valueError("could not broadcast input array from shape (0,) into the requested shape") }
            let dtype = try dtype(bound, default: weak || fill.ndim == 0 ? fill.dtype : fill.dtype)
            return value(context, try NumPyCall.run { try NDArray.filled(fill.double(0), shape: try ValueConversion.shape(bound["shape"] ?? .none), dtype: dtype, charging: context) })
        },
        "empty": { context, args in
            let bound = try args.bind(["shape", "dtype"], required: 1)
            return value(context, try NumPyCall.run { try NDArray.filled(0, shape: try ValueConversion.shape(bound["shape"] ?? .none), dtype: try dtype(bound, default: .float64), charging: context) })
        },
        "zeros_like": like(0), "ones_like": like(1), "empty_like": like(0),
        "full_like": { context, args in
            let bound = try args.bind(["a", "fill_value", "dtype"], required: 2)
            let a = try array(bound, "a")
            return value(context, try NumPyCall.run { try NDArray.filled(try bound.double("fill_value"), shape: a.shape, dtype: try dtype(bound, default: a.dtype), charging: context) })
        },
        "linspace": { context, args in
            let bound = try args.bind(["start", "stop", "num", "endpoint", "retstep", "dtype", "axis"], required: 2)
            let start = try bound.double("start"), stop = try bound.double("stop")
            let num = try bound.int("num", default: 50), endpoint = try bound.bool("endpoint", default: true)
            guard num >= 0 else { throw ScriptError.valueError("Number of samples, \(num), must be non-negative.") }
            _ = try NumPyCall.run { try NDArray.checkedCount([num], charging: context) }
            let div = endpoint ? num - 1 : num
            let delta = stop - start, step = div > 0 ? delta / Double(div) : .nan
            var values = (0..<num).map { i -> Double in
                guard div > 0 else { return Double(i) * delta + start }
                return step == 0 ? Double(i) / Double(div) * delta + start : Double(i) * step + start
            }
            if endpoint, num > 1 { values[num - 1] = stop }
            let result = NDArray(doubles: values, shape: [num], dtype: .float64).astype(try dtype(bound, default: .float64))
            if try bound.bool("retstep", default: false) { return .tuple([value(context, result), .float(step)]) }
            return value(context, result)
        },
        "eye": { context, args in
            let bound = try args.bind(["N", "M", "k", "dtype"], required: 1)
            let n = try bound.int("N"), m = bound.has("M") ? try bound.int("M") : n, k = try bound.int("k", default: 0)
            let count = try NumPyCall.run { try NDArray.checkedCount([n, m], charging: context) }
            var values = [Double](repeating: 0, count: count)
            if count > 0 { for i in 0..<n where i + k >= 0 && i + k < m { values[i * m + i + k] = 1 } }
            return value(context, NDArray(doubles: values, shape: [n, m], dtype: try dtype(bound, default: .float64)))
        },
        "identity": { context, args in
            let bound = try args.bind(["n", "dtype"], required: 1)
            let n = try bound.int("n")
            let count = try NumPyCall.run { try NDArray.checkedCount([n, n], charging: context) }
            var values = [Double](repeating: 0, count: count)
            for i in 0..<n { values[i * n + i] = 1 }
            return value(context, NDArray(doubles: values, shape: [n, n], dtype: try dtype(bound, default: .float64)))
        },
        "copy": { context, args in value(context, try array(try args.bind(["a"]), "a").copied()) },
    ]

    static func like(_ fill: Double) -> NumPyFunction {
        { context, args in
            let bound = try args.bind(["a", "dtype"], required: 1)
            let a = try array(bound, "a")
            return value(context, try NumPyCall.run { try NDArray.filled(fill, shape: a.shape, dtype: try dtype(bound, default: a.dtype), charging: context) })
        }
    }

    // MARK: Shape

    static let shapes: [String: NumPyFunction] = [
        "ravel": { context, args in value(context, try NumPyCall.run { try array(try args.bind(["a"]), "a").reshaped([-1]) }) },
        "transpose": { context, args in
            let bound = try args.bind(["a", "axes"], required: 1)
            let axes = bound.has("axes") ? try ValueConversion.shape(bound["axes"] ?? .none, name: "axes") : nil
            return value(context, try NumPyCall.run { try array(bound, "a").transposed(axes) })
        },
        "swapaxes": { context, args in
            let bound = try args.bind(["a", "axis1", "axis2"])
            return value(context, try NumPyCall.run { try array(bound, "a").swappedAxes(try bound.int("axis1"), try bound.int("axis2")) })
        },
        "squeeze": { context, args in
            let bound = try args.bind(["a", "axis"], required: 1)
            let a = try array(bound, "a")
            if let axis = try axis(bound) {
                let n = try NumPyCall.run { try a.normalizedAxis(axis) }
                guard a.shape[n] == 1 else { throw ScriptError.valueError("cannot select an axis to squeeze out which has size not equal to one") }
                var shape = a.shape
                shape.remove(at: n)
                return value(context, try NumPyCall.run { try a.reshaped(shape) })
            }
            return value(context, try NumPyCall.run { try a.reshaped(a.shape.filter { $0 != 1 }) })
        },
        "concatenate": { context, args in
            let bound = try args.bind(["arrays", "axis"], required: 1)
            let arrays = try arrays(bound["arrays"], "arrays")
            if case .none? = bound["axis"] { return value(context, try NumPyCall.run { try NDArray.concatenate(try arrays.map { try $0.reshaped([-1]) }, axis: 0, charging: context) }) }
            return value(context, try NumPyCall.run { try NDArray.concatenate(arrays, axis: try bound.int("axis", default: 0), charging: context) })
        },
        "stack": { context, args in
            let bound = try args.bind(["arrays", "axis"], required: 1)
            return value(context, try NumPyCall.run { try NDArray.stack(try arrays(bound["arrays"], "arrays"), axis: try bound.int("axis", default: 0), charging: context) })
        },
        "vstack": { context, args in
            let bound = try args.bind(["tup"])
            let rows = try arrays(bound["tup"], "tup").map { $0.ndim == 0 ? try $0.reshaped([1, 1]) : ($0.ndim == 1 ? try $0.reshaped([1, $0.count]) : $0) }
            return value(context, try NumPyCall.run { try NDArray.concatenate(rows, axis: 0, charging: context) })
        },
        "hstack": { context, args in
            let bound = try args.bind(["tup"])
            let parts = try arrays(bound["tup"], "tup").map { $0.ndim == 0 ? try $0.reshaped([1]) : $0 }
            return value(context, try NumPyCall.run { try NDArray.concatenate(parts, axis: parts.first?.ndim == 1 ? 0 : 1, charging: context) })
        },
        "split": { context, args in
            let bound = try args.bind(["ary", "indices_or_sections", "axis"], required: 2)
            let parts = try NumPyCall.run { try array(bound, "ary").split(try bound.int("indices_or_sections"), axis: try bound.int("axis", default: 0)) }
            return .list(ListStorage(parts.map { value(context, $0) }))
        },
        "tile": { context, args in
            let bound = try args.bind(["A", "reps"])
            return value(context, try NumPyCall.run { try array(bound, "A").tiled(try ValueConversion.shape(bound["reps"] ?? .none, name: "reps"), charging: context) })
        },
        "repeat": { context, args in
            let bound = try args.bind(["a", "repeats", "axis"], required: 2)
            return value(context, try NumPyCall.run { try array(bound, "a").repeated(try bound.int("repeats"), axis: try axis(bound), charging: context) })
        },
    ]
}
