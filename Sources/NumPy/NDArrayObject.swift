import Script

/// An `ndarray` as lesson code sees it: attributes, methods, indexing, arithmetic and
/// printing as NumPy's. A 0-d array plays NumPy's scalar (`np.float64(0.98)`).
public final class NDArrayObject: HostObject {
    public let array: NDArray
    /// The run the array belongs to: arrays made from it are charged and its steps recorded there.
    public let context: RunContext?

    public init(_ array: NDArray, context: RunContext?) { self.array = array; self.context = context }

    public static func value(in context: RunContext?, _ array: NDArray) -> Value { .object(NDArrayObject(array, context: context)) }

    public var typeName: String { array.ndim == 0 && !array.isZeroDimensionalArray ? "numpy.\(array.dtype.rawValue)" : "numpy.ndarray" }

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
        case "transpose":
            return { [array, context] args in
                let axes = args.positional.count == 1 ? try ValueConversion.shape(args.positional[0], name: "axes") : try args.positional.map { v -> Int in
                    guard let i = v.intValue else { throw ScriptError.typeError("an integer is required for the axes") }
                    return i
                }
                return Self.value(in: context, try NumPyCall.run { try array.transposed(axes.isEmpty ? nil : axes) })
            }
        case "sort":
            return { [array] args in
                let bound = try args.bind(["axis", "kind", "order"], required: 0)
                let sorted = try NumPyCall.run { try NumPyFunctions.sortedLanes(array, axis: bound["axis"] ?? .int(-1), indices: false) }
                array.replaceStorage(sorted.storage)
                return .none
            }
        case "fill":
            return { [array] args in
                let bound = try args.bind(["value"])
                let (value, _) = try ValueConversion.array(bound["value"] ?? .none, name: "value")
                try NumPyCall.run { try array.assign(value, shape: [array.count], at: Array(0..<array.count)) }
                return .none
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
            // The rest are NumPy's functions with the array first (`x.std(axis=0)` is `np.std(x, axis=0)`).
            guard Self.methodNames.contains(name), let function = NumPyFunctions.table[name] else { return nil }
            return { [array, context] args in
                try function(context, Arguments(functionName: name, positional: [Self.value(in: context, array)] + args.positional, keywords: args.keywords))
            }
        }
    }

    static let methodNames: Set<String> = ["sum", "mean", "std", "var", "min", "max", "argmin", "argmax", "prod", "all", "any", "cumsum",
                                           "cumprod", "ptp", "clip", "round", "dot", "argsort", "nonzero", "swapaxes", "repeat"]

    public static func python(_ x: Double, dtype: DType) -> Value {
        switch dtype {
        case .bool: return .bool(x != 0)
        case .uint8, .int32, .int64: return .int(Int(x))
        case .float32, .float64: return .float(dtype == .float32 ? Double(Float(x)) : x)
        }
    }

    public static func list(_ array: NDArray) -> Value {
        guard array.ndim > 0 else { return python(array.double(0), dtype: array.dtype) }
        let inner = (try? NDArray.checkedCount(Array(array.shape.dropFirst()))) ?? 0 // may be huge when empty
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
        let parts: [Value]
        if case .tuple(let items) = index { parts = items } else { parts = [index] }
        // Fancy indexing on the first axis (a boolean mask or positions), then the rest as basic indices.
        if let first = parts.first, let fancy = try Self.fancy(first) {
            let taken = try NumPyCall.run { try NumPyCall.take(array, positionsFrom: fancy) }
            guard parts.count > 1 else { return Self.value(in: context, taken) }
            let rest = [NDIndex.slice(start: nil, stop: nil, step: nil)] + (try Self.basicIndices(Array(parts.dropFirst())))
            return Self.value(in: context, try NumPyCall.run { try taken.subscripted(rest) })
        }
        return Self.value(in: context, try NumPyCall.run { try array.subscripted(try Self.basicIndices(parts)) })
    }

    /// `x[...] = v` for every index `getItem` takes (the fancy part on the first axis only).
    public func setItem(_ index: Value, _ value: Value) throws {
        let (source, _) = try ValueConversion.array(value, name: "value")
        let parts: [Value]
        if case .tuple(let items) = index { parts = items } else { parts = [index] }
        try NumPyCall.run {
            if let first = parts.first, let fancy = try Self.fancy(first) {
                let rows = try NumPyCall.rowPositions(array, positionsFrom: fancy)
                let inner = rows.blocks.isEmpty ? 0 : try NDArray.blockLength(rows.innerShape, of: array.shape)
                guard parts.count == 1 else {
                    // x[mask, j] = v: the basic part within each chosen row.
                    let row = NDArray(shape: rows.innerShape, dtype: array.dtype, storage: .bool([]))
                    let (shape, within) = try row.positions(try Self.basicIndices(Array(parts.dropFirst())))
                    try array.assign(source, shape: [rows.blocks.count] + shape, at: rows.blocks.flatMap { b in within.map { b * inner + $0 } })
                    return
                }
                try array.assign(source, shape: [rows.blocks.count] + rows.innerShape, at: rows.blocks.flatMap { b in (0..<inner).map { b * inner + $0 } })
                return
            }
            let (shape, flat) = try array.positions(try Self.basicIndices(parts))
            try array.assign(source, shape: shape, at: flat)
        }
    }

    /// An index part that is an array or a list: a mask or positions.
    static func fancy(_ part: Value) throws -> NDArray? {
        switch part {
        case .object(let o as NDArrayObject) where o.array.ndim >= 1: return o.array
        case .list: return try ValueConversion.nested(part, name: "index")
        default: return nil
        }
    }

    static func basicIndices(_ parts: [Value]) throws -> [NDIndex] {
        try parts.map { part in
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
        if op == .matmul {
            guard let (operand, _) = try? ValueConversion.array(other) else { return nil }
            return Self.value(in: context, try NumPyCall.run { reflected ? try operand.matmul(array, charging: context) : try array.matmul(operand, charging: context) })
        }
        if op == .bitAnd || op == .bitOr || op == .bitXor, let ndOp = [BinaryOperator.bitAnd: NDOperator.and, .bitOr: .or, .bitXor: .xor][op] {
            return try combine(ndOp, other, reflected: reflected)
        }
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
        case .invert:
            // `~mask` is logical not on booleans, bitwise not on integers.
            guard !array.dtype.isFloat else { throw ScriptError.typeError("ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''") }
            let values = array.doubles.map { array.dtype == .bool ? ($0 == 0 ? 1 : 0) : (array.dtype == .uint8 ? Double(~UInt8($0)) : Double(~Int($0))) }
            return Self.value(in: context, NDArray(doubles: values, shape: array.shape, dtype: array.dtype))
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

    public func repr() -> String { NumPyFormat.repr(array, options: PrintOptions.current(in: context)) }
    public func str() -> String { NumPyFormat.string(array, options: PrintOptions.current(in: context)) }
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
        return NDArrayObject.value(in: context, try run { try array.reduced(reduction, axis: axis, charging: context) })
    }

    /// `x[mask]` or `x[[3, 1, 2]]`: rows of the first axis (a mask may cover the first k axes).
    public static func take(_ array: NDArray, positionsFrom index: NDArray) throws -> NDArray {
        let rows = try rowPositions(array, positionsFrom: index)
        let inner = rows.blocks.isEmpty ? 0 : try NDArray.blockLength(rows.innerShape, of: array.shape)
        let storage = array.gather(blocks: rows.blocks.map { $0 * inner }, length: inner)
        return NDArray(shape: [rows.blocks.count] + rows.innerShape, dtype: array.dtype, storage: storage)
    }

    /// Which blocks of the leading axes an array index chooses, and the shape of each block.
    static func rowPositions(_ array: NDArray, positionsFrom index: NDArray) throws -> (blocks: [Int], innerShape: [Int]) {
        guard let rows = array.shape.first else { throw NumPyError.index("too many indices for array: array is 0-dimensional, but 1 were indexed") }
        if index.dtype == .bool {
            guard index.ndim <= array.ndim else {
                throw NumPyError.index("too many indices for array: array is \(array.ndim)-dimensional, but \(index.ndim) were indexed")
            }
            for axis in 0..<index.ndim where index.shape[axis] != array.shape[axis] {
                throw NumPyError.index("boolean index did not match indexed array along axis \(axis); size of axis is \(array.shape[axis]) but size of corresponding boolean axis is \(index.shape[axis])")
            }
            return ((0..<index.count).filter { index.double($0) != 0 }, Array(array.shape.dropFirst(index.ndim)))
        }
        guard index.ndim == 1, !index.dtype.isFloat else { throw NumPyError.index("arrays used as indices must be of integer (or boolean) type") }
        let positions = try (0..<index.count).map { i in
            let p = Int(index.double(i))
            let position = p < 0 ? p + rows : p
            guard position >= 0, position < rows else { throw NumPyError.index("index \(p) is out of bounds for axis 0 with size \(rows)") }
            return position
        }
        return (positions, Array(array.shape.dropFirst()))
    }
}
