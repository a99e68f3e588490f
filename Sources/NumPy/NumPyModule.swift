import Foundation
import Script

/// `import numpy as np`: the part of NumPy that Keras tutorials use.
public enum NumPyModule {
    /// `seed` starts `np.random`'s global state (NumPy seeds it from the OS; a lesson run is
    /// repeatable for its seed).
    public static func make(context: RunContext?, seed: Int = 0) -> ModuleValue {
        let np = ModuleValue(name: "numpy")
        for dtype in [DType.float32, .float64, .uint8, .int32, .int64, .bool] {
            np.members[dtype == .bool ? "bool_" : dtype.rawValue] = .object(DTypeObject(dtype))
        }
        np.members["newaxis"] = Value.none
        np.members["pi"] = .float(Double.pi)
        np.members["e"] = .float(M_E)
        np.members["nan"] = .float(.nan)
        np.members["inf"] = .float(.infinity)

        np.addFunction("array") { args in
            let bound = try args.bind(["object", "dtype"], required: 1)
            let (array, _) = try ValueConversion.array(bound["object"] ?? .none, name: "object")
            let result = bound.has("dtype") ? array.astype(try ValueConversion.dtype(bound["dtype"] ?? .none)) : array.copied()
            result.isZeroDimensionalArray = result.ndim == 0
            return NDArrayObject.value(in: context, result)
        }
        np.members["asarray"] = np.members["array"]
        for (name, fill) in [("zeros", 0.0), ("ones", 1.0)] {
            np.addFunction(name) { args in
                let bound = try args.bind(["shape", "dtype"], required: 1)
                let dtype = bound.has("dtype") ? try ValueConversion.dtype(bound["dtype"] ?? .none) : .float64
                return NDArrayObject.value(in: context, try NumPyCall.run { try NDArray.filled(fill, shape: try ValueConversion.shape(bound["shape"] ?? .none), dtype: dtype, charging: context) })
            }
        }
        np.addFunction("arange") { args in
            let bound = try args.bind(["start", "stop", "step", "dtype"], required: 1)
            var start = try bound.double("start"), stop = 0.0
            if bound.has("stop") { stop = try bound.double("stop") } else { (start, stop) = (0, start) }
            let step = bound.has("step") ? try bound.double("step") : 1
            let allInts = [bound["start"], bound["stop"], bound["step"]].allSatisfy { $0 == nil || $0?.intValue != nil || ($0?.isNone ?? true) }
            let dtype = bound.has("dtype") ? try ValueConversion.dtype(bound["dtype"] ?? .none) : (allInts ? .int64 : .float64)
            return NDArrayObject.value(in: context, try NumPyCall.run { try NDArray.arange(start: start, stop: stop, step: step, dtype: dtype, charging: context) })
        }
        for name in ["argmax", "argmin", "max", "min", "amax", "amin", "mean", "sum"] {
            np.addFunction(name) { args in
                let bound = try args.bind(["a", "axis"], required: 1)
                let (array, _) = try ValueConversion.array(bound["a"] ?? .none)
                return try NumPyCall.reduce(array, name, axis: bound.has("axis") ? try bound.int("axis") : nil, context: context)
            }
        }
        np.addFunction("expand_dims") { args in
            let bound = try args.bind(["a", "axis"])
            let (array, _) = try ValueConversion.array(bound["a"] ?? .none)
            return NDArrayObject.value(in: context, try NumPyCall.run { try array.expandedDims(try bound.int("axis")) })
        }
        np.addFunction("reshape") { args in
            let bound = try args.bind(["a", "newshape"])
            let (array, _) = try ValueConversion.array(bound["a"] ?? .none)
            return NDArrayObject.value(in: context, try NumPyCall.run { try array.reshaped(try ValueConversion.shape(bound["newshape"] ?? .none)) })
        }
        np.addFunction("squeeze") { args in
            let bound = try args.bind(["a"])
            let (array, _) = try ValueConversion.array(bound["a"] ?? .none)
            return NDArrayObject.value(in: context, try NumPyCall.run { try array.reshaped(array.shape.filter { $0 != 1 }) })
        }
        for (name, function) in [("exp", exp), ("log", log), ("sqrt", sqrt), ("abs", fabs)] as [(String, (Double) -> Double)] {
            np.addFunction(name) { args in
                let bound = try args.bind(["x"])
                let (array, weak) = try ValueConversion.array(bound["x"] ?? .none)
                let dtype: DType = array.dtype == .float32 ? .float32 : (name == "abs" && !array.dtype.isFloat ? array.dtype : .float64)
                let result = NDArray(doubles: array.doubles.map(function), shape: array.shape, dtype: dtype)
                return weak ? NDArrayObject.value(in: context, result) : NDArrayObject.value(in: context, result)
            }
        }
        np.addFunction("unique") { args in
            let bound = try args.bind(["ar", "return_counts"], required: 1)
            let (array, _) = try ValueConversion.array(bound["ar"] ?? .none)
            var counts: [Double: Int] = [:]
            for x in array.doubles { counts[x, default: 0] += 1 }
            let keys = counts.keys.sorted()
            let values = NDArrayObject.value(in: context, NDArray(doubles: keys, shape: [keys.count], dtype: array.dtype))
            guard bound.has("return_counts"), try bound.bool("return_counts") else { return values }
            return .tuple([values, NDArrayObject.value(in: context, NDArray(doubles: keys.map { Double(counts[$0] ?? 0) }, shape: [keys.count], dtype: .int64))])
        }
        for (name, function) in NumPyFunctions.table { np.addFunction(name) { args in try function(context, args) } }
        np.members["linalg"] = .module(NumPyFunctions.linalgModule(context: context))
        np.members["random"] = .module(randomModule(context: context, seed: seed))
        PrintOptions.install(in: np, context: context)
        np.dynamicAttribute = ExpiredAttributes.lookup
        return np
    }

    /// `np.random`: the legacy global RandomState's functions, and the classes.
    public static func randomModule(context: RunContext?, seed: Int) -> ModuleValue {
        let random = ModuleValue(name: "numpy.random")
        let global = LegacyRandomState(seed: UInt32(truncatingIfNeeded: seed), context: context)
        global.install(in: random)
        random.addFunction("default_rng") { args in try RandomGenerator.make(args, context: context, runSeed: seed) }
        random.addFunction("RandomState") { args in
            let bound = try args.bind(["seed"], required: 0)
            let state = LegacyRandomState(seed: 0, context: context)
            try state.reseed(bound["seed"] ?? .none)
            return .object(state)
        }
        return random
    }
}

extension NDArray {
    public func copied() -> NDArray { NDArray(shape: shape, dtype: dtype, storage: storage) }
}
