import Script

/// Another library's array NumPy takes as its own (`np.argmax(tf_tensor)`), as NumPy takes
/// any object with `__array__`.
public protocol NDArrayConvertible: AnyObject {
    var ndarray: NDArray { get }
}

/// Reading Python values the way NumPy and Keras accept them.
public enum ValueConversion {
    /// An array from an NDArray, a Python number, or nested lists/tuples of numbers.
    /// `weak` tells whether it was a bare Python scalar (NumPy 2's weak promotion).
    public static func array(_ value: Value, name: String = "a") throws -> (array: NDArray, weak: Bool) {
        switch value {
        case .object(let object as NDArrayObject): return (object.array, false)
        case .object(let object as NDArrayConvertible): return (object.ndarray, false)
        case .int(let i): return (NDArray.scalar(Double(i), dtype: .int64), true)
        case .float(let d): return (NDArray.scalar(d, dtype: .float64), true)
        case .bool(let b): return (NDArray.scalar(b ? 1 : 0, dtype: .bool), true)
        case .list, .tuple:
            return (try nested(value, name: name), false)
        default:
            throw ScriptError.typeError("\(name) must be an array or a number, not \(value.typeName)")
        }
    }

    /// `np.array([[1, 2], [3, 4]])`: shape from the nesting, dtype from the elements.
    public static func nested(_ value: Value, name: String) throws -> NDArray {
        var shape: [Int] = []
        var values: [Double] = []
        var kinds = Set<DType>()
        func walk(_ v: Value, depth: Int) throws {
            if let items = v.sequenceElements, !(v.isNDArray) {
                if depth == shape.count { shape.append(items.count) } else if shape[depth] != items.count {
                    throw ScriptError.valueError("setting an array element with a sequence. The requested array has an inhomogeneous shape after \(depth) dimensions.")
                }
                for item in items { try walk(item, depth: depth + 1) }
                return
            }
            guard depth == shape.count || (shape.count > depth && false) else {
                throw ScriptError.valueError("setting an array element with a sequence. The requested array has an inhomogeneous shape after \(depth) dimensions.")
            }
            switch v {
            case .int(let i): values.append(Double(i)); kinds.insert(.int64)
            case .float(let d): values.append(d); kinds.insert(.float64)
            case .bool(let b): values.append(b ? 1 : 0); kinds.insert(.bool)
            case .object(let o as NDArrayObject) where o.array.ndim == 0:
                values.append(o.array.double(0)); kinds.insert(o.array.dtype)
            default: throw ScriptError.typeError("\(name): cannot make an array element from \(v.typeName)")
            }
            guard values.count <= NDArray.maximumElements else { throw ScriptError.memoryError("array is too large for a lesson") }
        }
        try walk(value, depth: 0)
        let dtype: DType = kinds.contains(.float64) || kinds.contains(.float32) ? (kinds == [.float32] ? .float32 : .float64)
            : kinds.contains(.int64) || kinds.contains(.uint8) ? (kinds == [.uint8] ? .uint8 : .int64) : (kinds.isEmpty ? .float64 : .bool)
        return NDArray(doubles: values, shape: shape, dtype: dtype)
    }

    /// A dtype from `"float32"`, `np.float32`, `float`, `int`.
    public static func dtype(_ value: Value) throws -> DType {
        switch value {
        case .str(let name):
            switch name {
            case "float32", "f4", "single": return .float32
            case "float64", "float", "f8", "double": return .float64
            case "uint8", "u1": return .uint8
            case "int64", "int", "i8", "long", "int_": return .int64
            case "int32", "i4", "intc": return .int32
            case "bool", "?": return .bool
            default: throw ScriptError.typeError("data type '\(name)' not understood (lessons support float32, float64, uint8, int32, int64, bool)")
            }
        case .object(let type as DTypeObject): return type.dtype
        case .function(let f):
            switch f.name { case "float": return .float64; case "int": return .int64; case "bool": return .bool; default: break }
        default: break
        }
        throw ScriptError.typeError("Cannot interpret '\(value.repr)' as a data type")
    }

    /// A shape from `(28, 28)`, `[28, 28]`, or a single int.
    public static func shape(_ value: Value, name: String = "shape") throws -> [Int] {
        if let i = value.intValue { return [i] }
        if let items = value.sequenceElements {
            return try items.map { item in
                guard let i = item.intValue else { throw ScriptError.typeError("\(name) must be a tuple of ints, not containing \(item.typeName)") }
                return i
            }
        }
        throw ScriptError.typeError("\(name) must be a tuple of ints, not \(value.typeName)")
    }

    public static func tuple(_ shape: [Int]) -> Value { .tuple(shape.map { .int($0) }) }
}

extension Value {
    public var isNDArray: Bool { if case .object(let o) = self, o is NDArrayObject { return true }; return false }
}
