import Foundation
import Script

/// Element-wise arithmetic with NumPy's broadcasting, reductions and conversions.
public enum NDOperator: String {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//", modulo = "%", power = "**"
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">=", equal = "==", notEqual = "!="
    case maximum, minimum, and = "&", or = "|", xor = "^"

    var isBitwise: Bool { self == .and || self == .or || self == .xor }

    var isComparison: Bool { [.less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual].contains(self) }

    func apply(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return a / b
        case .floorDivide: return (a / b).rounded(.down)
        case .modulo: return b == 0 ? .nan : a - b * (a / b).rounded(.down)
        case .power: return pow(a, b)
        case .less: return a < b ? 1 : 0
        case .lessEqual: return a <= b ? 1 : 0
        case .greater: return a > b ? 1 : 0
        case .greaterEqual: return a >= b ? 1 : 0
        case .equal: return a == b ? 1 : 0
        case .notEqual: return a != b ? 1 : 0
        // NumPy's maximum and minimum propagate NaN.
        case .maximum: return a.isNaN || b.isNaN ? .nan : Swift.max(a, b)
        case .minimum: return a.isNaN || b.isNaN ? .nan : Swift.min(a, b)
        case .and: return Double(Int(a) & Int(b))
        case .or: return Double(Int(a) | Int(b))
        case .xor: return Double(Int(a) ^ Int(b))
        }
    }
}

extension NDArray {
    /// A scalar as an array, with the dtype NumPy gives a Python number next to an array
    /// (it adopts the array's kind: `uint8_array / 255.0` is float64, `* 2` stays uint8).
    public static func scalar(_ value: Double, dtype: DType) -> NDArray {
        NDArray(doubles: [value], shape: [], dtype: dtype)
    }

    /// `self op other`. Python scalars are passed with `otherIsPythonScalar` so that
    /// NumPy 2's weak scalar promotion applies.
    public func combined(_ op: NDOperator, _ other: NDArray, otherIsPythonScalar: Bool = false, selfIsPythonScalar: Bool = false, charging run: RunContext? = nil) throws -> NDArray {
        let shape = try Self.broadcast(self.shape, other.shape)
        let count = try Self.checkedCount(shape, charging: run)
        var dtype: DType
        if otherIsPythonScalar { dtype = Self.weakPromote(self.dtype, scalar: other.dtype) }
        else if selfIsPythonScalar { dtype = Self.weakPromote(other.dtype, scalar: self.dtype) }
        else { dtype = DType.promote(self.dtype, other.dtype) }
        if op == .divide || (op == .power && dtype != .float32 && dtype != .float64 && (other.doubles.contains { $0 < 0 })) {
            if !dtype.isFloat { dtype = .float64 }
        }
        if op.isComparison { dtype = .bool }
        if op.isBitwise, dtype.isFloat {
            throw NumPyError.type("ufunc 'bitwise_\(op == .and ? "and" : op == .or ? "or" : "xor")' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''")
        }

        // `X / 255.0` on images: stay bytes (see NDStorage).
        if other.shape.isEmpty, let result = byteTableResult(op, other.double(0), dtype: dtype) { return result }

        var values = [Double](repeating: 0, count: count)
        if self.shape == shape && other.shape == shape {
            for i in 0..<count { values[i] = op.apply(double(i), other.double(i)) }
        } else if other.count == 1 && self.shape == shape {
            let b = other.double(0)
            for i in 0..<count { values[i] = op.apply(double(i), b) }
        } else if self.count == 1 && other.shape == shape {
            let a = double(0)
            for i in 0..<count { values[i] = op.apply(a, other.double(i)) }
        } else {
            let aIndex = broadcastIndex(from: self.shape, to: shape), bIndex = broadcastIndex(from: other.shape, to: shape)
            for i in 0..<count { values[i] = op.apply(double(aIndex(i)), other.double(bIndex(i))) }
        }
        if dtype == .uint8 { values = values.map { Double(UInt8(truncatingIfNeeded: Int($0.clamped(-1e18, 1e18)))) } }
        return NDArray(doubles: values, shape: shape, dtype: dtype)
    }

    /// Byte images combined with a number stay bytes: only the 256-entry table changes.
    func byteTableResult(_ op: NDOperator, _ s: Double, dtype: DType) -> NDArray? {
        guard dtype.isFloat else { return nil }
        let bytes: [UInt8], table: [Double]
        switch storage {
        case .uint8(let a): (bytes, table) = (a, (0..<256).map(Double.init))
        case .byteTable(let a, let t): (bytes, table) = (a, t)
        default: return nil
        }
        let round: (Double) -> Double = dtype == .float32 ? { Double(Float($0)) } : { $0 }
        return NDArray(shape: shape, dtype: dtype, storage: .byteTable(bytes, table: table.map { round(op.apply($0, s)) }))
    }

    static func weakPromote(_ array: DType, scalar: DType) -> DType {
        if scalar == .float64 || scalar == .float32 { return array.isFloat ? array : .float64 }
        if scalar == .bool { return array }
        return array == .bool ? .int64 : array
    }

    static func broadcast(_ a: [Int], _ b: [Int]) throws -> [Int] {
        let n = max(a.count, b.count)
        let pa = Array(repeating: 1, count: n - a.count) + a, pb = Array(repeating: 1, count: n - b.count) + b
        return try (0..<n).map { i in
            if pa[i] == pb[i] || pb[i] == 1 { return pa[i] }
            if pa[i] == 1 { return pb[i] }
            throw NumPyError.value("operands could not be broadcast together with shapes \(formatCompactShape(a)) \(formatCompactShape(b)) ")
        }
    }

    /// Maps a flat index of the broadcast shape to the flat index in an array of `from` shape.
    func broadcastIndex(from: [Int], to: [Int]) -> (Int) -> Int {
        let padded = Array(repeating: 1, count: to.count - from.count) + from
        var strides = [Int](repeating: 0, count: to.count)
        var step = 1
        for axis in stride(from: to.count - 1, through: 0, by: -1) {
            strides[axis] = padded[axis] == 1 ? 0 : step
            // Cannot wrap: `checkedCount` keeps every array's non-zero axes within an intp.
            step = step &* padded[axis]
        }
        return { flat in
            var rest = flat, index = 0
            for axis in stride(from: to.count - 1, through: 0, by: -1) {
                index += (rest % to[axis]) * strides[axis]
                rest /= to[axis]
            }
            return index
        }
    }

    public func negated() -> NDArray {
        NDArray(doubles: doubles.map { -$0 }, shape: shape, dtype: dtype == .bool || dtype == .uint8 ? (dtype == .bool ? .bool : .uint8) : dtype)
    }

    public func astype(_ target: DType) -> NDArray {
        if target == dtype { return NDArray(shape: shape, dtype: dtype, storage: storage) }
        switch storage {
        case .uint8(let bytes) where target.isFloat:
            return NDArray(shape: shape, dtype: target, storage: .byteTable(bytes, table: (0..<256).map(Double.init)))
        case .byteTable(let bytes, let table) where target.isFloat:
            return NDArray(shape: shape, dtype: target, storage: .byteTable(bytes, table: target == .float32 ? table.map { Double(Float($0)) } : table))
        default: break
        }
        if target == .float32 { return NDArray(shape: shape, dtype: .float32, storage: .float32(floats)) }
        // A float past int32's range casts to its minimum on x86, as NumPy's C cast does.
        if target == .int32, dtype.isFloat {
            return NDArray(doubles: doubles.map { $0.isFinite && $0 > -2_147_483_649 && $0 < 2_147_483_648 ? $0 : -2_147_483_648 }, shape: shape, dtype: .int32)
        }
        return NDArray(doubles: doubles, shape: shape, dtype: target)
    }

    public func expandedDims(_ axis: Int) throws -> NDArray {
        let position = axis < 0 ? axis + ndim + 1 : axis
        guard position >= 0, position <= ndim else {
            throw NumPyError.value("axis \(axis) is out of bounds for array of dimension \(ndim + 1)")
        }
        var newShape = shape
        newShape.insert(1, at: position)
        return try reshaped(newShape)
    }

    public enum Reduction { case sum, mean, max, min, argmax, argmin }

    /// A reduction over all elements (axis nil) or one axis.
    public func reduced(_ reduction: Reduction, axis: Int?, charging run: RunContext? = nil) throws -> NDArray {
        let emptyLaneError = NumPyError.value("zero-size array to reduction operation which has no identity")
        let needsIdentity = reduction != .sum && reduction != .mean
        guard count > 0 || !needsIdentity || (axis != nil && ndim > 0) else { throw emptyLaneError }
        let outType: DType
        switch reduction {
        case .argmax, .argmin: outType = .int64
        case .mean: outType = dtype == .float32 ? .float32 : .float64
        case .sum: outType = dtype.isFloat ? dtype : .int64
        case .max, .min: outType = dtype
        }
        func reduce(_ values: [Double]) -> Double {
            switch reduction {
            case .sum: return values.reduce(0, +)
            case .mean: return values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
            case .max: return values.max() ?? .nan
            case .min: return values.min() ?? .nan
            case .argmax: return Double(values.indices.max { values[$0] < values[$1] || (values[$0] == values[$1] && $0 > $1) } ?? 0)
            case .argmin: return Double(values.indices.min { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) } ?? 0)
            }
        }
        guard let axis else { return NDArray(doubles: [reduce(doubles)], shape: [], dtype: outType) }
        let a = axis < 0 ? axis + ndim : axis
        guard a >= 0, a < ndim else { throw NumPyError.value("axis \(axis) is out of bounds for array of dimension \(ndim)") }
        if needsIdentity, shape[a] == 0 { throw emptyLaneError }
        var newShape = shape
        newShape.remove(at: a)
        // Counted (and charged) before the loops: see `statistic`.
        guard try Self.checkedCount(newShape, charging: run) > 0 else { return NDArray(doubles: [], shape: newShape, dtype: outType) }
        let (outer, size, inner) = try lanes(axis: a)
        var result: [Double] = []
        result.reserveCapacity(outer * inner)
        for o in 0..<outer {
            for i in 0..<inner {
                result.append(reduce((0..<size).map { double((o * size + $0) * inner + i) }))
            }
        }
        return NDArray(doubles: result, shape: newShape, dtype: outType)
    }
}
