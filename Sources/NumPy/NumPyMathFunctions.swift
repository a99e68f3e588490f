import Foundation
import Script

/// `np.*` element-wise math, reductions, and choosing elements (where, clip, unique, sort...).
extension NumPyFunctions {
    static func unary(_ f: @escaping (Double) -> Double) -> NumPyFunction {
        { context, args in value(context, try array(try args.bind(["x"]), "x").mapFloats(f)) }
    }

    static func binary(_ op: NDOperator) -> NumPyFunction {
        { context, args in
            let bound = try args.bind(["x1", "x2"])
            let (a, aWeak) = try ValueConversion.array(bound["x1"] ?? .none, name: "x1")
            let (b, bWeak) = try ValueConversion.array(bound["x2"] ?? .none, name: "x2")
            return value(context, try NumPyCall.run { try a.combined(op, b, otherIsPythonScalar: bWeak && !aWeak, selfIsPythonScalar: aWeak && !bWeak, charging: context) })
        }
    }

    static func test(_ f: @escaping (Double) -> Bool) -> NumPyFunction {
        { context, args in
            let a = try array(try args.bind(["x"]), "x")
            return value(context, NDArray(doubles: a.doubles.map { f($0) ? 1 : 0 }, shape: a.shape, dtype: .bool))
        }
    }

    static let math: [String: NumPyFunction] = [
        "exp": unary(exp), "log": unary(log), "sqrt": unary { $0.squareRoot() }, "log2": unary(log2), "log10": unary(log10),
        "log1p": unary(log1p), "expm1": unary(expm1), "sin": unary(sin), "cos": unary(cos), "tan": unary(tan), "tanh": unary(tanh),
        "arctan": unary(atan), "arcsin": unary(asin), "arccos": unary(acos),
        "floor": keepInts(unary { $0.rounded(.down) }), "ceil": keepInts(unary { $0.rounded(.up) }),
        "abs": keepInts(unary(fabs)), "absolute": keepInts(unary(fabs)), "square": keepInts(unary { $0 * $0 }),
        "sign": keepInts(unary { $0 > 0 ? 1 : ($0 < 0 ? -1 : ($0.isNaN ? .nan : 0)) }), "negative": keepInts(unary { -$0 }),
        "isnan": test { $0.isNaN }, "isinf": test { $0.isInfinite }, "isfinite": test { $0.isFinite },
        "maximum": binary(.maximum), "minimum": binary(.minimum), "add": binary(.add), "subtract": binary(.subtract),
        "multiply": binary(.multiply), "divide": binary(.divide), "true_divide": binary(.divide), "power": binary(.power),
        "floor_divide": binary(.floorDivide), "mod": binary(.modulo), "remainder": binary(.modulo),
        "less": binary(.less), "less_equal": binary(.lessEqual), "greater": binary(.greater), "greater_equal": binary(.greaterEqual),
        "equal": binary(.equal), "not_equal": binary(.notEqual),
        "logical_and": logical(.and), "logical_or": logical(.or), "logical_xor": logical(.xor),
        "logical_not": { context, args in
            let a = try array(try args.bind(["x"]), "x")
            return value(context, NDArray(doubles: a.doubles.map { $0 == 0 ? 1 : 0 }, shape: a.shape, dtype: .bool))
        },
        "round": rounding, "around": rounding,
        "nan_to_num": { context, args in
            let bound = try args.bind(["x", "copy", "nan", "posinf", "neginf"], required: 1)
            let a = try array(bound, "x")
            let nan = try bound.double("nan", default: 0)
            let big = a.dtype == .float32 ? Double(Float.greatestFiniteMagnitude) : Double.greatestFiniteMagnitude
            let pos = try bound.double("posinf", default: big), neg = try bound.double("neginf", default: -big)
            return value(context, NDArray(doubles: a.doubles.map { $0.isNaN ? nan : ($0 == .infinity ? pos : ($0 == -.infinity ? neg : $0)) }, shape: a.shape, dtype: a.dtype))
        },
        "dot": product { try $0.dot($1, charging: $2) }, "matmul": product { try $0.matmul($1, charging: $2) }, "outer": product { try $0.outer($1, charging: $2) },
        "allclose": { _, args in
            let (a, b, close) = try closeness(args)
            _ = (a, b)
            return .bool(close.allSatisfy { $0 })
        },
        "isclose": { context, args in
            let (a, b, close) = try closeness(args)
            return value(context, NDArray(doubles: close.map { $0 ? 1 : 0 }, shape: try NDArray.broadcast(a.shape, b.shape), dtype: .bool))
        },
        "array_equal": { _, args in
            let bound = try args.bind(["a1", "a2", "equal_nan"], required: 2)
            let a = try array(bound, "a1"), b = try array(bound, "a2")
            return .bool(a.shape == b.shape && a.doubles == b.doubles)
        },
    ]

    /// Integer arrays stay integers under abs, floor, sign... (NumPy's loops for ints).
    static func keepInts(_ f: @escaping NumPyFunction) -> NumPyFunction {
        { context, args in
            let result = try f(context, args)
            guard case .object(let o as NDArrayObject) = result, let input = try? array(try args.bind(["x"]), "x"), !input.dtype.isFloat else { return result }
            return value(context, o.array.astype(input.dtype == .bool ? .int64 : input.dtype))
        }
    }

    static func logical(_ op: NDOperator) -> NumPyFunction {
        { context, args in
            let bound = try args.bind(["x1", "x2"])
            let a = try array(bound, "x1").astype(.bool), b = try array(bound, "x2").astype(.bool)
            return value(context, try NumPyCall.run { try a.combined(op, b, charging: context) })
        }
    }

    static func product(_ f: @escaping (NDArray, NDArray, RunContext?) throws -> NDArray) -> NumPyFunction {
        { context, args in
            let bound = try args.bind(["a", "b"])
            return value(context, try NumPyCall.run { try f(try array(bound, "a"), try array(bound, "b"), context) })
        }
    }

    /// `np.round(a, decimals)`: NumPy rounds half to even, scaling by 10**decimals.
    static let rounding: NumPyFunction = { context, args in
        let bound = try args.bind(["a", "decimals"], required: 1)
        let a = try array(bound, "a"), decimals = try bound.int("decimals", default: 0)
        guard a.dtype.isFloat else { return value(context, a.copied()) }
        let scale = pow(10.0, Double(abs(decimals)))
        let values = a.doubles.map { x -> Double in
            decimals >= 0 ? (x * scale).rounded(.toNearestOrEven) / scale : (x / scale).rounded(.toNearestOrEven) * scale
        }
        return value(context, NDArray(doubles: values, shape: a.shape, dtype: a.dtype))
    }

    static func closeness(_ args: Arguments) throws -> (NDArray, NDArray, [Bool]) {
        let bound = try args.bind(["a", "b", "rtol", "atol", "equal_nan"], required: 2)
        let a = try array(bound, "a"), b = try array(bound, "b")
        let rtol = try bound.double("rtol", default: 1e-05), atol = try bound.double("atol", default: 1e-08)
        let equalNaN = try bound.bool("equal_nan", default: false)
        let shape = try NumPyCall.run { try NDArray.broadcast(a.shape, b.shape) }
        let count = try NumPyCall.run { try NDArray.checkedCount(shape) }
        let ia = a.broadcastIndex(from: a.shape, to: shape), ib = b.broadcastIndex(from: b.shape, to: shape)
        let close = (0..<count).map { i -> Bool in
            let x = a.double(ia(i)), y = b.double(ib(i))
            if x.isNaN || y.isNaN { return equalNaN && x.isNaN && y.isNaN }
            if x.isInfinite || y.isInfinite { return x == y }
            return abs(x - y) <= atol + rtol * abs(y)
        }
        return (a, b, close)
    }

    // MARK: Reductions

    static func reduction(_ kind: NDArray.Statistic) -> NumPyFunction {
        { context, args in
            let names = kind == .std || kind == .var ? ["a", "axis", "dtype", "out", "ddof", "keepdims"] : ["a", "axis", "dtype", "out", "keepdims"]
            let bound = try args.bind(names, required: 1)
            var a = try array(bound, "a")
            if bound.has("dtype") { a = a.astype(try ValueConversion.dtype(bound["dtype"] ?? .none)) }
            return value(context, try NumPyCall.run {
                try a.statistic(kind, axis: try axis(bound), keepdims: try bound.bool("keepdims", default: false), ddof: try bound.int("ddof", default: 0), charging: context)
            })
        }
    }

    static let reductions: [String: NumPyFunction] = [
        "sum": reduction(.sum), "mean": reduction(.mean), "std": reduction(.std), "var": reduction(.var), "min": reduction(.min),
        "max": reduction(.max), "amin": reduction(.min), "amax": reduction(.max), "argmin": reduction(.argmin), "argmax": reduction(.argmax),
        "prod": reduction(.prod), "all": reduction(.all), "any": reduction(.any), "count_nonzero": reduction(.count_nonzero),
        "median": reduction(.median), "ptp": reduction(.ptp),
        "cumsum": cumulative(product: false), "cumprod": cumulative(product: true),
    ]

    static func cumulative(product: Bool) -> NumPyFunction {
        { context, args in
            let bound = try args.bind(["a", "axis", "dtype"], required: 1)
            return value(context, try NumPyCall.run { try array(bound, "a").cumulative(product: product, axis: try axis(bound)) })
        }
    }
}
