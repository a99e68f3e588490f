/// Samples that `fit`, `evaluate` and `predict` read a batch at a time: a Float32 `Tensor`,
/// or `ByteRows` (uint8 images plus a 256-entry table, NumPy's `X / 255.0`), which converts
/// only the rows of each batch instead of keeping a Float32 copy of the whole set (188 MB for MNIST).
public protocol RowSource {
    /// Samples first, then the per-sample shape.
    var shape: [Int] { get }
    /// Writes the samples at `rows` (indices into the first axis, each checked by the caller)
    /// one after another from `dst`.
    func copyRows<Rows: Sequence<Int>>(_ rows: Rows, into dst: UnsafeMutablePointer<Float>)
}

extension RowSource {
    var samples: Int { shape.first ?? 0 }
    /// Elements per sample.
    var rowLength: Int { shape.dropFirst().reduce(1, *) }
}

extension DenseTensor: RowSource where Element == Float {
    public func copyRows<Rows: Sequence<Int>>(_ rows: Rows, into dst: UnsafeMutablePointer<Float>) {
        let row = rowLength
        for (k, i) in rows.enumerated() { (dst + k * row).update(from: base + i * row, count: row) }
    }
}

/// uint8 samples read through a table of 256 Floats: the same values a full Float32 copy
/// made with that table holds, converted batch by batch.
public struct ByteRows: RowSource {
    public let shape: [Int]
    let bytes: [UInt8]
    let table: [Float]

    /// `table` maps each byte value to its Float; nil means the byte's own value (uint8 as float32).
    public init(bytes: [UInt8], table: [Float]? = nil, shape: [Int]) throws {
        let (count, overflow) = shape.reduce((1, false)) { acc, d in
            let (p, o) = acc.0.multipliedReportingOverflow(by: d); return (p, acc.1 || o || d < 0)
        }
        guard !shape.isEmpty, !overflow, count == bytes.count else {
            throw CNNError.shapeMismatch("\(bytes.count) bytes do not fill shape \(formatShape(shape)).")
        }
        let t = table ?? (0...255).map { Float($0) }
        guard t.count == 256 else { throw CNNError.invalidArgument("A byte table needs 256 entries, not \(t.count).") }
        self.shape = shape; self.bytes = bytes; self.table = t
    }

    public func copyRows<Rows: Sequence<Int>>(_ rows: Rows, into dst: UnsafeMutablePointer<Float>) {
        let row = rowLength
        bytes.withUnsafeBufferPointer { src in
            table.withUnsafeBufferPointer { t in
                guard let first = src.baseAddress else { return }
                for (k, i) in rows.enumerated() {
                    let from = first + i * row, to = dst + k * row
                    for j in 0..<row { to[j] = t[Int(from[j])] }
                }
            }
        }
    }
}
