import Foundation

/// Reference-counted element buffer shared by tensors (views share it; writers copy on write).
public final class TensorStorage<Element> {
    let pointer: UnsafeMutablePointer<Element>
    let count: Int
    init(count: Int, repeating value: Element) {
        self.count = count
        pointer = .allocate(capacity: Swift.max(count, 1))
        pointer.initialize(repeating: value, count: count)
    }
    init(copying src: UnsafePointer<Element>, count: Int) {
        self.count = count
        pointer = .allocate(capacity: Swift.max(count, 1))
        pointer.initialize(from: src, count: count)
    }
    deinit { pointer.deinitialize(count: count); pointer.deallocate() }
}

/// A contiguous, row-major (NHWC for images) array of `Element`s.
/// `Tensor` is the Float32 form used by layers; `ByteTensor` holds the uint8 images and
/// labels the dataset loaders return, as Keras does.
public struct DenseTensor<Element> {
    /// The size of each axis, outermost first.
    public private(set) var shape: [Int]
    var storage: TensorStorage<Element>
    /// Index of the first element in `storage` (non-zero for first-axis slices).
    let offset: Int

    /// The number of elements (product of the shape).
    public var count: Int { shape.reduce(1, *) }
    public var rank: Int { shape.count }

    /// A tensor of `shape` filled with `value`.
    public init(shape: [Int], repeating value: Element) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        self.shape = shape
        storage = TensorStorage(count: shape.reduce(1, *), repeating: value)
        offset = 0
    }

    /// A tensor holding `values` (row-major) with `shape`; throws when the counts differ.
    public init(_ values: [Element], shape: [Int]) throws {
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == values.count else {
            throw CNNError.shapeMismatch("cannot make a tensor of shape \(formatShape(shape)) from \(values.count) values")
        }
        self.shape = shape
        storage = values.withUnsafeBufferPointer { TensorStorage(copying: $0.baseAddress ?? UnsafePointer(bitPattern: 8)!, count: values.count) }
        offset = 0
    }

    init(shape: [Int], storage: TensorStorage<Element>, offset: Int) {
        self.shape = shape; self.storage = storage; self.offset = offset
    }

    /// Read-only access to the elements, without copying.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.pointer + offset, count: count))
    }

    /// Mutable access to the elements; copies first if the storage is shared (copy on write).
    public mutating func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Element>) throws -> R) rethrows -> R {
        if !isKnownUniquelyReferenced(&storage) || offset != 0 || storage.count != count { makeUnique() }
        return try body(UnsafeMutableBufferPointer(start: storage.pointer, count: count))
    }

    mutating func makeUnique() {
        self = DenseTensor(shape: shape, storage: TensorStorage(copying: storage.pointer + offset, count: count), offset: 0)
    }

    /// Raw pointer for kernels that own the buffer (no copy-on-write check).
    var base: UnsafeMutablePointer<Element> { storage.pointer + offset }

    /// The elements as a Swift array (copies).
    public var scalars: [Element] { withUnsafeBufferPointer { Array($0) } }

    /// The same elements with another shape (no copy). One dimension may be -1.
    public func reshaped(_ newShape: [Int]) throws -> DenseTensor<Element> {
        var dims = newShape
        let known = dims.filter { $0 != -1 }.reduce(1, *)
        let unknown = dims.indices.filter { dims[$0] == -1 }
        if unknown.count > 1 || dims.contains(where: { $0 < -1 }) {
            throw CNNError.shapeMismatch("invalid shape \(formatShape(newShape))")
        }
        if let u = unknown.first {
            guard known > 0, count % known == 0 else {
                throw CNNError.shapeMismatch("cannot reshape array of size \(count) into shape \(formatShape(newShape))")
            }
            dims[u] = count / known
        }
        guard dims.reduce(1, *) == count else {
            throw CNNError.shapeMismatch("cannot reshape array of size \(count) into shape \(formatShape(newShape))")
        }
        return DenseTensor(shape: dims, storage: storage, offset: offset)
    }

    /// Rows `range` of the first axis, sharing storage (no copy).
    public func slice(_ range: Range<Int>) -> DenseTensor<Element> {
        precondition(!shape.isEmpty && range.lowerBound >= 0 && range.upperBound <= shape[0], "slice \(range) out of bounds for \(formatShape(shape))")
        let row = shape.dropFirst().reduce(1, *)
        var s = shape; s[0] = range.count
        return DenseTensor(shape: s, storage: storage, offset: offset + range.lowerBound * row)
    }

    /// Rows at `indices` of the first axis, copied in that order.
    public func gather(_ indices: [Int]) -> DenseTensor<Element> {
        let row = shape.dropFirst().reduce(1, *)
        var s = shape; s[0] = indices.count
        let p = UnsafeMutablePointer<Element>.allocate(capacity: Swift.max(indices.count * row, 1))
        defer { p.deallocate() }
        for (k, i) in indices.enumerated() {
            precondition(i >= 0 && i < shape[0], "index \(i) out of bounds")
            (p + k * row).initialize(from: base + i * row, count: row)
        }
        return DenseTensor(shape: s, storage: TensorStorage(copying: p, count: indices.count * row), offset: 0)
    }

    public subscript(flat i: Int) -> Element {
        get { storage.pointer[offset + i] }
        set { withUnsafeMutableBufferPointer { $0[i] = newValue } }
    }
}

public typealias Tensor = DenseTensor<Float>
public typealias ByteTensor = DenseTensor<UInt8>

extension DenseTensor where Element == Float {
    /// A zero-filled Float tensor.
    public init(zeros shape: [Int]) { self.init(shape: shape, repeating: 0) }
}

extension DenseTensor where Element == UInt8 {
    /// The bytes as Float32, each multiplied by `scale` (e.g. 1/255 to normalise images).
    public func toFloat(scale: Float = 1) -> Tensor {
        let out = Tensor(zeros: shape)
        let n = count, src = base, dst = out.base
        for i in 0..<n { dst[i] = Float(src[i]) * scale }
        return out
    }
}

extension DenseTensor: CustomStringConvertible {
    public var description: String { "\(Element.self == Float.self ? "Tensor" : "ByteTensor")\(formatShape(shape))" }
}

/// `(60000, 28, 28)`, `(60000,)`: NumPy's shape spelling.
public func formatShape(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
}
