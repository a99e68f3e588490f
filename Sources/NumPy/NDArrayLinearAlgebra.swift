import Foundation
import Script

/// `a @ b`, `np.matmul`, `np.dot`, `np.outer`: products of 1-D and 2-D arrays (stacks of
/// matrices broadcast), with the promoted dtype.
extension NDArray {
    public func matmul(_ other: NDArray, charging run: RunContext? = nil) throws -> NDArray {
        guard ndim >= 1, other.ndim >= 1 else {
            throw NumPyError.value("matmul: Input operand \(ndim == 0 ? 0 : 1) does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)")
        }
        let a = ndim == 1 ? try reshaped([1, count]) : self
        let b = other.ndim == 1 ? try other.reshaped([other.count, 1]) : other
        let n = a.shape[a.ndim - 2], k = a.shape[a.ndim - 1], k2 = b.shape[b.ndim - 2], m = b.shape[b.ndim - 1]
        guard k == k2 else {
            throw NumPyError.value("matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size \(k2) is different from \(k))")
        }
        let batchA = Array(a.shape.dropLast(2)), batchB = Array(b.shape.dropLast(2))
        let batch = try Self.broadcast(batchA, batchB)
        // Counted first: the batch product is taken inside it, overflow-checked.
        _ = try Self.checkedCount(batch + [n, m], charging: run)
        let batches = try Self.blockLength(batch, of: batch + [n, m])
        let ia = a.broadcastIndex(from: batchA, to: batch), ib = b.broadcastIndex(from: batchB, to: batch)
        var out = [Double](repeating: 0, count: batches * n * m)
        for t in 0..<batches {
            let baseA = ia(t) * n * k, baseB = ib(t) * k * m
            for i in 0..<n { for j in 0..<m {
                var sum = 0.0
                for p in 0..<k { sum += a.double(baseA + i * k + p) * b.double(baseB + p * m + j) }
                out[(t * n + i) * m + j] = sum
            } }
        }
        var shape = batch + [n, m]
        if other.ndim == 1 { shape.removeLast() }
        if ndim == 1 { shape.remove(at: shape.count - (other.ndim == 1 ? 1 : 2)) }
        var dtype = DType.promote(self.dtype, other.dtype)
        if dtype == .bool { dtype = .bool }
        return NDArray(doubles: out, shape: shape, dtype: dtype)
    }

    /// `np.dot`: scalars multiply, otherwise as matmul for the 1-D and 2-D cases.
    public func dot(_ other: NDArray, charging run: RunContext? = nil) throws -> NDArray {
        if ndim == 0 || other.ndim == 0 { return try combined(.multiply, other, charging: run) }
        guard ndim <= 2, other.ndim <= 2 else { return try matmul(other, charging: run) }
        let k = shape[ndim - 1], k2 = other.shape[other.ndim == 1 ? 0 : other.ndim - 2]
        guard k == k2 else {
            throw NumPyError.value("shapes \(formatCompactShape(shape)) and \(formatCompactShape(other.shape)) not aligned: \(k) (dim \(ndim - 1)) != \(k2) (dim 0)")
        }
        return try matmul(other, charging: run)
    }

    public func outer(_ other: NDArray, charging run: RunContext? = nil) throws -> NDArray {
        let a = try reshaped([count, 1]), b = try other.reshaped([1, other.count])
        return try a.combined(.multiply, b, charging: run)
    }
}
