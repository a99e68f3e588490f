import Foundation
import Script

/// `np.where`, `clip`, `unique`, `sort`, `argsort`, `histogram`, `bincount`, `percentile`,
/// `meshgrid`, `digitize`, `nonzero`, `linalg.norm`.
extension NumPyFunctions {
    static let selection: [String: NumPyFunction] = [
        "where": { context, args in
            let bound = try args.bind(["condition", "x", "y"], required: 1)
            let condition = try array(bound, "condition")
            guard bound["x"] != nil || bound["y"] != nil else { return try nonzero(context, condition) }
            guard let xv = bound["x"], let yv = bound["y"] else { throw ScriptError.valueError("either both or neither of x and y should be given") }
            let (x, xWeak) = try ValueConversion.array(xv, name: "x"), (y, yWeak) = try ValueConversion.array(yv, name: "y")
            return value(context, try NumPyCall.run { try NDArray.choose(condition, x, y, xWeak: xWeak, yWeak: yWeak, charging: context) })
        },
        "nonzero": { context, args in try nonzero(context, try array(try args.bind(["a"]), "a")) },
        "clip": { context, args in
            let bound = try args.bind(["a", "a_min", "a_max"], required: 1)
            let a = try array(bound, "a")
            let low = bound.has("a_min") ? try bound.double("a_min") : nil, high = bound.has("a_max") ? try bound.double("a_max") : nil
            guard low != nil || high != nil else { throw ScriptError.valueError("One of max or min must be given") }
            return value(context, a.clipped(low: low, high: high))
        },
        "unique": { context, args in
            let bound = try args.bind(["ar", "return_index", "return_inverse", "return_counts", "axis"], required: 1)
            let a = try array(bound, "ar")
            var counts: [Double: Int] = [:]
            for x in a.doubles { counts[x, default: 0] += 1 }
            let keys = counts.keys.sorted()
            let values = value(context, NDArray(doubles: keys, shape: [keys.count], dtype: a.dtype))
            guard try bound.bool("return_counts", default: false) else { return values }
            return .tuple([values, value(context, NDArray(doubles: keys.map { Double(counts[$0] ?? 0) }, shape: [keys.count], dtype: .int64))])
        },
        "sort": { context, args in
            let bound = try args.bind(["a", "axis", "kind", "order"], required: 1)
            let a = try array(bound, "a")
            return value(context, try NumPyCall.run { try sortedLanes(a, axis: bound["axis"], indices: false) })
        },
        "argsort": { context, args in
            let bound = try args.bind(["a", "axis", "kind", "order"], required: 1)
            let a = try array(bound, "a")
            return value(context, try NumPyCall.run { try sortedLanes(a, axis: bound["axis"], indices: true) })
        },
        "bincount": { context, args in
            let bound = try args.bind(["x", "weights", "minlength"], required: 1)
            let x = try array(bound, "x")
            guard x.ndim == 1, !x.dtype.isFloat else { throw ScriptError.typeError("Cannot cast array data from dtype('float64') to dtype('int64') according to the rule 'safe'") }
            let values = x.doubles
            guard values.allSatisfy({ $0 >= 0 }) else { throw ScriptError.valueError("'list' argument must have no negative elements") }
            let top = values.max() ?? -1, minimum = try bound.int("minlength", default: 0)
            guard top < Double(NDArray.maximumElements), minimum <= NDArray.maximumElements else {
                throw ScriptError.memoryError("bincount of values up to \(top) is too large for a lesson")
            }
            let length = max(Int(top) + 1, minimum)
            _ = try NumPyCall.run { try NDArray.checkedCount([length], charging: context) }
            var out = [Double](repeating: 0, count: length)
            let weights = bound.has("weights") ? try array(bound, "weights").doubles : nil
            if let weights, weights.count != values.count { throw ScriptError.valueError("The weights and list don't have the same length.") }
            for (i, v) in values.enumerated() { out[Int(v)] += weights?[i] ?? 1 }
            return value(context, NDArray(doubles: out, shape: [length], dtype: weights == nil ? .int64 : .float64))
        },
        "histogram": { context, args in
            let bound = try args.bind(["a", "bins", "range", "density", "weights"], required: 1)
            let a = try array(bound, "a").doubles
            let bins = try bound.int("bins", default: 10)
            guard bins > 0 else { throw ScriptError.valueError("`bins` must be positive, when an integer") }
            var low = a.min() ?? 0, high = a.max() ?? 1
            if let range = bound["range"]?.sequenceElements, range.count == 2, let l = range[0].doubleValue, let h = range[1].doubleValue { (low, high) = (l, h) }
            if low == high { low -= 0.5; high += 0.5 }
            guard low.isFinite, high.isFinite, (high - low).isFinite, low < high else {
                throw ScriptError.valueError("supplied range of [\(low), \(high)] is not finite")
            }
            _ = try NumPyCall.run { try NDArray.checkedCount([bins, 2], charging: context) }
            let edges = (0...bins).map { i in i == bins ? high : low + Double(i) * (high - low) / Double(bins) }
            var counts = [Double](repeating: 0, count: bins)
            for x in a where x >= low && x <= high {
                var k = Int(((x - low) / (high - low) * Double(bins)).rounded(.down))
                k = min(max(k, 0), bins - 1)
                if x < edges[k] { k -= 1 } else if k + 1 < bins, x >= edges[k + 1] { k += 1 }
                counts[min(max(k, 0), bins - 1)] += 1
            }
            return .tuple([value(context, NDArray(doubles: counts, shape: [bins], dtype: .int64)), value(context, NDArray(doubles: edges, shape: [bins + 1], dtype: .float64))])
        },
        "percentile": { context, args in
            let bound = try args.bind(["a", "q", "axis"], required: 2)
            let a = try array(bound, "a").doubles.sorted()
            let (q, _) = try ValueConversion.array(bound["q"] ?? .none, name: "q")
            guard !a.isEmpty else { throw ScriptError.indexError("index -1 is out of bounds for axis 0 with size 0") }
            let results = try q.doubles.map { p -> Double in
                guard p >= 0, p <= 100 else { throw ScriptError.valueError("Percentiles must be in the range [0, 100]") }
                let position = p / 100 * Double(a.count - 1), below = Int(position.rounded(.down))
                let above = min(below + 1, a.count - 1), t = position - Double(below)
                return a[below] + (a[above] - a[below]) * t
            }
            return value(context, NDArray(doubles: results, shape: q.shape, dtype: .float64))
        },
        "meshgrid": { context, args in
            guard args.positional.count == 2 else { throw ScriptError.notSupported("meshgrid takes two arrays in lessons") }
            let x = try ValueConversion.array(args.positional[0], name: "x").array, y = try ValueConversion.array(args.positional[1], name: "y").array
            let total = try NumPyCall.run { try NDArray.checkedCount([y.count, x.count], charging: context) }
            let xs = (0..<total).map { x.double($0 % x.count) }, ys = (0..<total).map { y.double($0 / x.count) }
            return .tuple([value(context, NDArray(doubles: xs, shape: [y.count, x.count], dtype: x.dtype)), value(context, NDArray(doubles: ys, shape: [y.count, x.count], dtype: y.dtype))])
        },
        "digitize": { context, args in
            let bound = try args.bind(["x", "bins", "right"], required: 2)
            let x = try array(bound, "x"), bins = try array(bound, "bins").doubles, right = try bound.bool("right", default: false)
            let increasing = bins.count < 2 || bins[0] <= bins[bins.count - 1]
            let out = x.doubles.map { v -> Double in
                let k = increasing ? bins.filter { right ? $0 < v : $0 <= v }.count : bins.filter { right ? $0 >= v : $0 > v }.count
                return Double(k)
            }
            return value(context, NDArray(doubles: out, shape: x.shape, dtype: .int64))
        },
    ]

    static func nonzero(_ context: RunContext?, _ a: NDArray) throws -> Value {
        let flat = (0..<a.count).filter { a.double($0) != 0 }
        let strides = a.strides
        return .tuple((0..<max(a.ndim, 1)).map { axis in
            let positions = flat.map { a.ndim == 0 ? 0.0 : Double(($0 / strides[axis]) % a.shape[axis]) }
            return value(context, NDArray(doubles: positions, shape: [positions.count], dtype: .int64))
        })
    }

    /// Sorted lanes along `axis` (default the last; None flattens), or the positions that sort them.
    static func sortedLanes(_ a: NDArray, axis axisValue: Value?, indices: Bool) throws -> NDArray {
        var source = a
        var axis = a.ndim - 1
        if case .none? = axisValue { source = try a.reshaped([-1]); axis = 0 } else if let v = axisValue?.intValue { axis = try a.normalizedAxis(v) }
        guard source.ndim > 0 else { return source }
        guard source.count > 0 else { return indices ? NDArray(doubles: [], shape: source.shape, dtype: .int64) : source }
        let (outer, size, inner) = try source.lanes(axis: axis)
        var out = [Double](repeating: 0, count: source.count)
        for o in 0..<outer { for i in 0..<inner {
            let lane = (0..<size).map { source.double((o * size + $0) * inner + i) }
            // NaN sorts last, as in NumPy; ties keep their order (a stable sort).
            let order = lane.indices.sorted { l, r in
                let x = lane[l], y = lane[r]
                if x.isNaN || y.isNaN { return !x.isNaN && y.isNaN || (x.isNaN && y.isNaN && l < r) }
                return x < y || (x == y && l < r)
            }
            for (k, p) in order.enumerated() { out[(o * size + k) * inner + i] = indices ? Double(p) : lane[p] }
        } }
        return NDArray(doubles: out, shape: source.shape, dtype: indices ? .int64 : source.dtype)
    }

    /// `np.linalg`: `norm` (Frobenius / 2-norm, or along an axis).
    static func linalgModule(context: RunContext?) -> ModuleValue {
        let linalg = ModuleValue(name: "numpy.linalg")
        linalg.addFunction("norm") { args in
            let bound = try args.bind(["x", "ord", "axis", "keepdims"], required: 1)
            let a = try array(bound, "x").astype(.float64)
            let squares = try a.combined(.multiply, a)
            let summed = try NumPyCall.run { try squares.statistic(.sum, axis: try axis(bound), keepdims: try bound.bool("keepdims", default: false), charging: context) }
            return value(context, summed.mapFloats { $0.squareRoot() })
        }
        return linalg
    }
}
