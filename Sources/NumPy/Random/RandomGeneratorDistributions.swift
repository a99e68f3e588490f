import Script

/// `Generator.standard_normal`, `normal`, `standard_exponential` and `exponential` as NumPy 2
/// draws them: the ziggurat (Ziggurat.swift), float32 by its own 32-bit ziggurat, and
/// `loc`/`scale` that broadcast as arrays, drawn element by element in C order.
extension RandomGenerator {
    func distribution(_ name: String, _ args: Arguments) throws -> Value {
        switch name {
        case "standard_normal":
            let bound = try args.bind(["size", "dtype", "out"], required: 0)
            try refuseOut(bound, name)
            let shape = try LegacyRandomState.size(bound["size"])
            switch try floatDType(bound, name) {
            case .float32: return try floats32(shape) { $0.standardNormalFloat() }
            default: return try floats(shape) { $0.standardNormal() }
            }
        case "standard_exponential":
            let bound = try args.bind(["size", "dtype", "method", "out"], required: 0)
            try refuseOut(bound, name)
            let shape = try LegacyRandomState.size(bound["size"])
            // NumPy takes any method other than 'zig' as inversion.
            let ziggurat = try bound.string("method", default: "zig") == "zig"
            switch try floatDType(bound, name) {
            case .float32: return try floats32(shape) { ziggurat ? $0.standardExponentialFloat() : $0.inverseExponentialFloat() }
            default: return try floats(shape) { ziggurat ? $0.standardExponential() : $0.inverseExponential() }
            }
        case "normal":
            let bound = try args.bind(["loc", "scale", "size"], required: 0)
            let loc = try parameter(bound["loc"], default: 0), scale = try parameter(bound["scale"], default: 1)
            try requireNonNegative(scale, "scale")
            return try broadcastDraws([loc, scale], size: try LegacyRandomState.size(bound["size"])) { bits, p in
                p[0] + p[1] * bits.standardNormal()
            }
        default: // exponential
            let bound = try args.bind(["scale", "size"], required: 0)
            let scale = try parameter(bound["scale"], default: 1)
            try requireNonNegative(scale, "scale")
            return try broadcastDraws([scale], size: try LegacyRandomState.size(bound["size"])) { bits, p in
                p[0] * bits.standardExponential()
            }
        }
    }

    func refuseOut(_ bound: BoundArguments, _ name: String) throws {
        if bound.has("out"), !(bound["out"] ?? .none).isNone {
            throw ScriptError.notSupported("Generator.\(name) with out= is not available in lessons")
        }
    }

    /// float64 (the default) or float32; NumPy refuses every other dtype by name.
    func floatDType(_ bound: BoundArguments, _ name: String) throws -> DType {
        guard bound.has("dtype") else { return .float64 }
        let dtype = try ValueConversion.dtype(bound["dtype"] ?? .none)
        guard dtype.isFloat else { throw ScriptError.typeError("Unsupported dtype dtype('\(dtype.rawValue)') for \(name)") }
        return dtype
    }

    /// A distribution's parameter as float64 (NumPy converts with `float`'s rules).
    func parameter(_ value: Value?, default fallback: Double) throws -> NDArray {
        guard let value else { return NDArray.scalar(fallback, dtype: .float64) }
        switch value {
        case .str(let text): throw ScriptError.valueError("could not convert string to float: \(Value.str(text).repr)")
        case .none: throw ScriptError.typeError("must be real number, not NoneType")
        default:
            let array = try ValueConversion.array(value, name: "parameter").array
            return array.dtype == .float64 ? array : NDArray(doubles: array.doubles, shape: array.shape, dtype: .float64)
        }
    }

    /// NumPy's CONS_NON_NEGATIVE: a negative sign bit fails (so -0.0 does), NaN passes.
    func requireNonNegative(_ array: NDArray, _ name: String) throws {
        if array.doubles.contains(where: { !$0.isNaN && $0.sign == .minus }) { throw ScriptError.valueError("\(name) < 0") }
    }

    /// One draw per element of the broadcast of the parameters (and of `size`, which must be
    /// that broadcast shape); all-scalar parameters with no size give a Python float.
    func broadcastDraws(_ parameters: [NDArray], size: [Int]?, _ draw: (inout PCG64, [Double]) -> Double) throws -> Value {
        let scalars = parameters.allSatisfy { $0.ndim == 0 }
        if scalars, size == nil { return .float(draw(&bits, parameters.map { $0.doubles.first ?? 0 })) }
        var shapes = parameters.map(\.shape)
        if let size { shapes.insert(size, at: 0) }
        let shape = try Self.broadcastShape(shapes)
        if let size, size != shape {
            throw ScriptError.valueError("Output size \(formatShape(size)) is not compatible with broadcast dimensions of inputs \(formatShape(shape)).")
        }
        let count = try NumPyCall.run { try NDArray.checkedCount(shape, charging: context) }
        let values = parameters.map { $0.doubles }
        let lookups = parameters.map { $0.broadcastIndex(from: $0.shape, to: shape) }
        var row = [Double](repeating: 0, count: parameters.count)
        var out = [Double](repeating: 0, count: count)
        for i in 0..<count {
            for p in 0..<parameters.count { row[p] = values[p][lookups[p](i)] }
            out[i] = draw(&bits, row)
        }
        return NDArrayObject.value(in: context, NDArray(shape: shape, dtype: .float64, storage: .float64(out)))
    }

    /// `np.broadcast` of several shapes, with its message naming the first pair that clashes.
    static func broadcastShape(_ shapes: [[Int]]) throws -> [Int] {
        let rank = shapes.map(\.count).max() ?? 0
        var result = [Int](repeating: 1, count: rank)
        for axis in 0..<rank {
            var source = 0
            for (j, shape) in shapes.enumerated() {
                let k = axis + shape.count - rank
                guard k >= 0, shape[k] != 1 else { continue }
                if result[axis] == 1 {
                    result[axis] = shape[k]; source = j
                } else if result[axis] != shape[k] {
                    throw ScriptError.valueError("shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg \(source) with shape \(formatShape(shapes[source])) and arg \(j) with shape \(formatShape(shape)).")
                }
            }
        }
        return result
    }

    func floats32(_ shape: [Int]?, _ draw: (inout PCG64) -> Float) throws -> Value {
        guard let shape else { return .float(Double(draw(&bits))) }
        let count = try NumPyCall.run { try NDArray.checkedCount(shape, charging: context) }
        var values = [Float](repeating: 0, count: count)
        for i in 0..<count { values[i] = draw(&bits) }
        return NDArrayObject.value(in: context, NDArray(shape: shape, dtype: .float32, storage: .float32(values)))
    }
}
