import Foundation

/// NumPy's element types, as a lesson sees them (`X.dtype` prints these names).
public enum DType: String, Equatable {
    case uint8, int32, int64, float32, float64, bool

    public var isFloat: Bool { self == .float32 || self == .float64 }

    /// NumPy's type promotion for the pairs lessons meet.
    public static func promote(_ a: DType, _ b: DType) -> DType {
        if a == b { return a }
        if a == .float64 || b == .float64 { return .float64 }
        if a == .float32 || b == .float32 {
            // float32 with an integer array is float64 in NumPy, except with uint8 (fits).
            let other = a == .float32 ? b : a
            return other == .uint8 || other == .bool ? .float32 : .float64 // int32 and int64 need float64
        }
        if a == .int64 || b == .int64 { return .int64 }
        if a == .int32 || b == .int32 { return .int32 }
        return .uint8
    }
}

/// The elements of an array. Images stay bytes until they are used: `X / 255.0` is kept as
/// the bytes plus a 256-entry table of what each byte value became, so the tutorial's 60,000
/// images cost 47 MB instead of 376 MB, and every element still reads exactly as NumPy's
/// float64 (or float32) would.
public enum NDStorage {
    case uint8([UInt8])
    case int64([Int])
    case float32([Float])
    case float64([Double])
    case bool([Bool])
    /// Element i is `table[bytes[i]]`.
    case byteTable([UInt8], table: [Double])

    public var count: Int {
        switch self {
        case .uint8(let a): return a.count
        case .int64(let a): return a.count
        case .float32(let a): return a.count
        case .float64(let a): return a.count
        case .bool(let a): return a.count
        case .byteTable(let a, _): return a.count
        }
    }

    @inline(__always)
    public func double(_ i: Int) -> Double {
        switch self {
        case .uint8(let a): return Double(a[i])
        case .int64(let a): return Double(a[i])
        case .float32(let a): return Double(a[i])
        case .float64(let a): return a[i]
        case .bool(let a): return a[i] ? 1 : 0
        case .byteTable(let a, let table): return table[Int(a[i])]
        }
    }
}

/// A copy of an array's elements another library keeps beside it (Keras's tensor).
public protocol NDArrayCompanion {
    /// The same copy under a new shape (same element count), or nil.
    func reshapedCompanion(_ shape: [Int]) -> (any NDArrayCompanion)?
}

/// A NumPy-like n-dimensional array: shape, dtype and contiguous row-major elements.
public final class NDArray {
    public private(set) var shape: [Int]
    public let dtype: DType
    public private(set) var storage: NDStorage
    /// The Float32 copy the CNN library trains on, made once (see `floats`).
    public var floatCache: [Float]?
    /// Another library's copy of the elements (Keras keeps its Float32 tensor here), made once
    /// per array and carried through reshapes.
    public var companion: (any NDArrayCompanion)?
    /// `np.array(12)` is a 0-d array (`array(12)`); a reduction's 0-d result is a NumPy
    /// scalar (`np.int64(12)`). Only the former sets this.
    public var isZeroDimensionalArray = false

    public init(shape: [Int], dtype: DType, storage: NDStorage) {
        self.shape = shape
        self.dtype = dtype
        self.storage = storage
    }

    public convenience init(doubles: [Double], shape: [Int], dtype: DType = .float64) {
        switch dtype {
        case .float32: self.init(shape: shape, dtype: dtype, storage: .float32(doubles.map { Float($0) }))
        case .float64: self.init(shape: shape, dtype: dtype, storage: .float64(doubles))
        case .uint8: self.init(shape: shape, dtype: dtype, storage: .uint8(doubles.map { UInt8(truncatingIfNeeded: Int(exactly: $0.rounded(.towardZero)) ?? 0) }))
        case .int64: self.init(shape: shape, dtype: dtype, storage: .int64(doubles.map { $0.isFinite ? Int($0.rounded(.towardZero).clamped(-9.2e18, 9.2e18)) : Int.min }))
        case .bool: self.init(shape: shape, dtype: dtype, storage: .bool(doubles.map { $0 != 0 }))
        // int32 is kept in Int storage, wrapped to 32 bits as NumPy's casts and overflow wrap.
        case .int32: self.init(shape: shape, dtype: dtype, storage: .int64(doubles.map { $0.isFinite ? Int(Int32(truncatingIfNeeded: Int($0.rounded(.towardZero).clamped(-9.2e18, 9.2e18)))) : Int(Int32.min) }))
        }
    }

    public var count: Int { storage.count }

    /// Item assignment and `shuffle` change the elements in place; the copies made of them go.
    public func replaceStorage(_ new: NDStorage) {
        storage = new
        floatCache = nil
        companion = nil
    }
    public var ndim: Int { shape.count }

    @inline(__always) public func double(_ flatIndex: Int) -> Double { storage.double(flatIndex) }

    public var doubles: [Double] { (0..<count).map { storage.double($0) } }

    /// The elements as Float32, as the CNN library wants them; computed once per array.
    public var floats: [Float] {
        if let floatCache { return floatCache }
        let result: [Float]
        switch storage {
        case .float32(let a): result = a
        case .uint8(let a): result = a.map { Float($0) }
        case .byteTable(let a, let table):
            let floatTable = table.map { Float($0) }
            result = a.map { floatTable[Int($0)] }
        default: result = (0..<count).map { Float(storage.double($0)) }
        }
        floatCache = result
        return result
    }

    /// Strides in elements, row-major.
    public var strides: [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var step = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = step
            step *= shape[axis]
        }
        return strides
    }

    /// The same elements under another shape (no copy). One dimension may be -1.
    public func reshaped(_ requested: [Int]) throws -> NDArray {
        let newShape = try Self.resolve(shape: requested, count: count, from: shape)
        let result = NDArray(shape: newShape, dtype: dtype, storage: storage)
        result.floatCache = floatCache
        result.companion = companion?.reshapedCompanion(newShape)
        return result
    }

    static func resolve(shape requested: [Int], count: Int, from old: [Int]) throws -> [Int] {
        let unknown = requested.indices.filter { requested[$0] == -1 }
        guard unknown.count <= 1, requested.allSatisfy({ $0 >= -1 }) else {
            throw NumPyError.value("can only specify one unknown dimension")
        }
        var known = 1
        for size in requested where size != -1 {
            let (product, overflow) = known.multipliedReportingOverflow(by: size)
            guard !overflow else { throw NumPyError.value("array is too big") }
            known = product
        }
        var shape = requested
        if let index = unknown.first {
            guard known > 0, count % known == 0 else {
                throw NumPyError.value("cannot reshape array of size \(count) into shape \(formatCompactShape(requested))")
            }
            shape[index] = count / known
        } else if known != count {
            throw NumPyError.value("cannot reshape array of size \(count) into shape \(formatCompactShape(requested))")
        }
        return shape
    }
}

/// Errors NumPy would raise, with Python's names; the bindings turn them into script errors.
public enum NumPyError: Error, Equatable {
    case value(String)
    case index(String)
    case type(String)
    case memory(String)
    /// numpy.exceptions.AxisError
    case axis(String)

    public var kind: String {
        switch self { case .value: return "ValueError"; case .index: return "IndexError"; case .type: return "TypeError"; case .memory: return "MemoryError"; case .axis: return "AxisError" }
    }
    public var message: String {
        switch self { case .value(let m), .index(let m), .type(let m), .memory(let m), .axis(let m): return m }
    }
}

/// The shape as NumPy's C code writes it in messages: `(4,2)`, `(4,)`.
public func formatCompactShape(_ shape: [Int]) -> String {
    let sizes = shape.map { $0 == -1 ? "newaxis" : String($0) }
    return sizes.count == 1 ? "(\(sizes[0]),)" : "(" + sizes.joined(separator: ",") + ")"
}

/// Python's tuple text for a shape: `(60000, 28, 28)`, `(60000,)`, `()`.
public func formatShape(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
}

extension Double {
    func clamped(_ low: Double, _ high: Double) -> Double { Swift.min(Swift.max(self, low), high) }
}
