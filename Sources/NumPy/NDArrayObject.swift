import Script

/// An `ndarray` as lesson code sees it: attributes, methods, indexing, arithmetic and
/// printing as NumPy's. A 0-d array plays NumPy's scalar (`np.float64(0.98)`).
public final class NDArrayObject: HostObject {
    public let array: NDArray
    /// The run the array belongs to: arrays made from it are charged and its steps recorded there.
    public let context: RunContext?

    public init(_ array: NDArray, context: RunContext?) { self.array = array; self.context = context }

    public static func value(in context: RunContext?, _ array: NDArray) -> Value { .object(NDArrayObject(array, context: context)) }

    public var typeName: String { array.ndim == 0 ? "numpy.\(array.dtype.rawValue)" : "numpy.ndarray" }

    public func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "shape": return ValueConversion.tuple(array.shape)
        case "dtype": return .object(DTypeObject(array.dtype))
        case "ndim": return .int(array.ndim)
        case "size": return .int(array.count)
        case "T": return Self.value(in: context, try transposed())
        default: break
        }
        guard let method = method(name) else { return nil }
        return .function(BuiltinFunction(name, isMethod: true, method))
    }

    public func method(_ name: String) -> ((Arguments) throws -> Value)? {
        switch name {
        case "astype":
            return { [array, context] args in
                let bound = try args.bind(["dtype"])
                return Self.value(in: context, array.astype(try ValueConversion.dtype(bound["dtype"] ?? .none)))
            }
        case "reshape":
            return { [array, context] args in
                let shape: [Int]
                if args.positional.count == 1, args.keywords.isEmpty, let only = args.positional.first {
                    shape = try ValueConversion.shape(only)
                } else {
                    shape = try args.positional.map { v in
                        guard let i = v.intValue else { throw ScriptError.typeError("'\(v.typeName)' object cannot be interpreted as an integer") }
                        return i
                    }
                }
                context?.recordStep?("reshape")
                return Self.value(in: context, try NumPyCall.run { try array.reshaped(shape) })
            }
        case "flatten", "ravel":
            return { [array, context] args in _ = try args.bind([]); return Self.value(in: context, try NumPyCall.run { try array.reshaped([-1]) }) }
        case "copy":
            return { [array, context] args in _ = try args.bind([]); return Self.value(in: context, NDArray(shape: array.shape, dtype: array.dtype, storage: array.storage)) }
        case "squeeze":
            return { [array, context] args in _ = try args.bind([]); return Self.value(in: context, try NumPyCall.run { try array.reshaped(array.shape.filter { $0 != 1 }) }) }
        case "sum", "mean", "max", "min", "argmax", "argmin":
            return { [array, context] args in
                let bound = try args.bind(["axis"], required: 0)
                return try NumPyCall.reduce(array, name, axis: bound.has("axis") ? try bound.int("axis") : nil, context: context)
            }
        case "all", "any":
            return { [array, context] args in
                _ = try args.bind([])
                let truths = (0..<array.count).lazy.map { array.double($0) != 0 }
                return NDArrayObject.value(in: context, NDArray(doubles: [(name == "all" ? truths.allSatisfy { $0 } : truths.contains(true)) ? 1 : 0], shape: [], dtype: .bool))
            }
        case "tolist":
            return { [array, context] args in _ = try args.bind([]); return Self.list(array) }
        case "item":
            return { [array, context] args in
                _ = try args.bind([])
                guard array.count == 1 else { throw ScriptError.valueError("can only convert an array of size 1 to a Python scalar") }
                return Self.python(array.double(0), dtype: array.dtype)
            }
        default:
            return nil
        }
    }

    public static func python(_ x: Double, dtype: DType) -> Value {
        switch dtype {
        case .bool: return .bool(x != 0)
        case .uint8, .int64: return .int(Int(x))
        case .float32, .float64: return .float(dtype == .float32 ? Double(Float(x)) : x)
        }
    }

    public static func list(_ array: NDArray) -> Value {
        guard array.ndim > 0 else { return python(array.double(0), dtype: array.dtype) }
        let inner = array.shape.dropFirst().reduce(1, *)
        return .list((0..<array.shape[0]).map { i in
            if array.ndim == 1 { return python(array.double(i), dtype: array.dtype) }
            let sub = (try? array.subscripted([.int(i)])) ?? NDArray(doubles: [], shape: [0, inner])
            return list(sub)
        })
    }

    public func transposed() throws -> NDArray {
        guard array.ndim == 2 else { return try array.reshaped(array.shape.reversed()) }
        let rows = array.shape[0], columns = array.shape[1]
        var values = [Double](repeating: 0, count: array.count)
        for r in 0..<rows { for c in 0..<columns { values[c * rows + r] = array.double(r * columns + c) } }
        return NDArray(doubles: values, shape: [columns, rows], dtype: array.dtype)
    }

    // MARK: Indexing

    public func getItem(_ index: Value) throws -> Value {
        // Fancy indexing along the first axis: a boolean mask or a list of positions.
        if case .object(let mask as NDArrayObject) = index, mask.array.ndim >= 1 {
            return Self.value(in: context, try NumPyCall.take(array, positionsFrom: mask.array))
        }
        if case .list(let list) = index {
            return Self.value(in: context, try NumPyCall.take(array, positionsFrom: try ValueConversion.nested(.list(list), name: "index")))
        }
        let parts: [Value]
        if case .tuple(let items) = index { parts = items } else { parts = [index] }
        let indices: [NDIndex] = try parts.map { part in
            switch part {
            case .int(let i): return .int(i)
            case .bool(let b): return .int(b ? 1 : 0)
            case .slice(let s): return .slice(start: s.start, stop: s.stop, step: s.step)
            case .none: return .newAxis
            case .ellipsis: return .ellipsis
            case .object(let o) where o.asInt() != nil: return .int(o.asInt() ?? 0)
            default: throw ScriptError.indexError("only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices")
            }
        }
        return Self.value(in: context, try NumPyCall.run { try array.subscripted(indices) })
    }

    public func length() throws -> Int? {
        guard let first = array.shape.first else { throw ScriptError.typeError("len() of unsized object") }
        return first
    }

    public func iterate() throws -> ValueIterator? {
        guard let count = array.shape.first else { throw ScriptError.typeError("iteration over a 0-d array") }
        var i = 0
        let array = self.array, context = self.context
        return ValueIterator {
            guard i < count else { return nil }
            defer { i += 1 }
            return Self.value(in: context, try NumPyCall.run { try array.subscripted([.int(i)]) })
        }
    }

    // MARK: Arithmetic

    public static let operators: [BinaryOperator: NDOperator] = [
        .add: .add, .subtract: .subtract, .multiply: .multiply, .divide: .divide,
        .floorDivide: .floorDivide, .modulo: .modulo, .power: .power,
    ]
    public static let comparisons: [ComparisonOperator: NDOperator] = [
        .less: .less, .lessEqual: .lessEqual, .greater: .greater, .greaterEqual: .greaterEqual, .equal: .equal, .notEqual: .notEqual,
    ]

    public func binaryOp(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> OperatorResult {
        guard let ndOp = Self.operators[op] else { return nil }
        // Scaling an image array (`X / 255.0`) is the tutorial's normalisation step.
        if op == .divide || op == .multiply, !reflected, array.count > 1, other.doubleValue != nil { context?.recordStep?("normalize") }
        return try combine(ndOp, other, reflected: reflected)
    }

    public func compare(_ op: ComparisonOperator, _ other: Value, reflected: Bool) throws -> OperatorResult {
        guard let ndOp = Self.comparisons[op] else { return nil }
        return try combine(ndOp, other, reflected: reflected)
    }

    public func combine(_ op: NDOperator, _ other: Value, reflected: Bool) throws -> Value? {
        guard let (operand, weak) = try? ValueConversion.array(other) else { return nil }
        let result = try NumPyCall.run {
            reflected ? try operand.combined(op, array, selfIsPythonScalar: weak, charging: context)
                      : try array.combined(op, operand, otherIsPythonScalar: weak, charging: context)
        }
        return Self.value(in: context, result)
    }

    public func unaryOp(_ op: UnaryOperator) throws -> OperatorResult {
        switch op {
        case .negate: return Self.value(in: context, array.negated())
        case .plus: return Self.value(in: context, array)
        case .invert: return nil
        }
    }

    // MARK: Scalars and printing

    public func truthiness() throws -> Bool {
        guard array.count == 1 else {
            throw ScriptError.valueError("The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()")
        }
        return array.double(0) != 0
    }

    public func asInt() -> Int? {
        guard array.ndim == 0, !array.dtype.isFloat || array.double(0) == array.double(0).rounded() else { return nil }
        let x = array.double(0)
        return x.isFinite && abs(x) < 9e18 ? Int(x) : nil
    }

    public func asDouble() -> Double? {
        guard array.count == 1 else { return nil }
        return array.dtype == .float32 ? Double(Float(array.double(0))) : array.double(0)
    }

    public func repr() -> String { NumPyFormat.repr(array) }
    public func str() -> String { NumPyFormat.string(array) }
}

/// `np.float32`, `x.dtype`: prints `float32`, compares with strings and other dtypes.
public final class DTypeObject: HostObject {
    public let dtype: DType
    public init(_ dtype: DType) { self.dtype = dtype }
    public var typeName: String { "numpy.dtype" }
    public func repr() -> String { "dtype('\(dtype.rawValue)')" }
    public func str() -> String { dtype.rawValue }
    public func getAttribute(_ name: String) throws -> Value? { name == "name" ? .str(dtype.rawValue) : nil }
    public func compare(_ op: ComparisonOperator, _ other: Value, reflected: Bool) throws -> OperatorResult {
        guard op == .equal || op == .notEqual, let otherType = try? ValueConversion.dtype(other) else { return nil }
        return .bool((otherType == dtype) == (op == .equal))
    }
    /// `np.float32(0.5)` makes a scalar.
    public func call(positional: [Value], keywords: [(String, Value)]) throws -> Value {
        let bound = try Arguments(functionName: dtype.rawValue, positional: positional, keywords: keywords).bind(["x"], required: 0)
        let (array, _) = try ValueConversion.array(bound["x"] ?? .int(0))
        // A scalar: nothing worth charging, and dtypes belong to no run.
        return NDArrayObject.value(in: nil, array.astype(dtype))
    }
}

/// Turns NumPy errors into Python's, and holds the functions `np.*` and methods share.
public enum NumPyCall {
    public static func run<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as NumPyError {
            throw ScriptError(ScriptError.Kind(rawValue: error.kind), error.message)
        }
    }

    public static func reduce(_ array: NDArray, _ name: String, axis: Int?, context: RunContext?) throws -> Value {
        let reduction: NDArray.Reduction
        switch name {
        case "sum": reduction = .sum
        case "mean": reduction = .mean
        case "max", "amax": reduction = .max
        case "min", "amin": reduction = .min
        case "argmax": reduction = .argmax
        default: reduction = .argmin
        }
        return NDArrayObject.value(in: context, try run { try array.reduced(reduction, axis: axis) })
    }

    /// `x[mask]` or `x[[3, 1, 2]]`: rows of the first axis.
    public static func take(_ array: NDArray, positionsFrom index: NDArray) throws -> NDArray {
        guard let rows = array.shape.first else { throw ScriptError.indexError("too many indices for array: array is 0-dimensional") }
        var positions: [Int] = []
        if index.dtype == .bool {
            guard index.shape == [rows] else {
                throw ScriptError.indexError("boolean index did not match indexed array along axis 0; size of axis is \(rows) but size of corresponding boolean axis is \(index.count)")
            }
            positions = (0..<rows).filter { index.double($0) != 0 }
        } else {
            guard index.ndim == 1, !index.dtype.isFloat else { throw ScriptError.indexError("arrays used as indices must be of integer (or boolean) type") }
            positions = try (0..<index.count).map { i in
                let p = Int(index.double(i))
                let position = p < 0 ? p + rows : p
                guard position >= 0, position < rows else { throw ScriptError.indexError("index \(p) is out of bounds for axis 0 with size \(rows)") }
                return position
            }
        }
        let inner = array.shape.dropFirst().reduce(1, *)
        let storage = array.gather(blocks: positions.map { $0 * inner }, length: inner)
        return NDArray(shape: [positions.count] + array.shape.dropFirst(), dtype: array.dtype, storage: storage)
    }
}
