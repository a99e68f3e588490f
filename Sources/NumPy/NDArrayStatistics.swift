import Foundation
import Script

/// Reductions along an axis (or all), with `keepdims`: NumPy's sum/mean/std/var/min/max/
/// argmin/argmax/prod/all/any/count_nonzero, and the running cumsum/cumprod.
extension NDArray {
    public enum Statistic: String { case sum, mean, std, `var`, min, max, argmin, argmax, prod, all, any, count_nonzero, ptp, median }

    /// The lanes of `axis`: for each output position, the input's flat indices along it.
    /// An empty array's other axes may be huge ((0, 2**40, 2**40)): their products are
    /// checked, and callers skip the loops when there is nothing to visit (found by FuzzNumPy).
    func lanes(axis: Int) throws -> (outer: Int, size: Int, inner: Int) {
        func product(_ sizes: ArraySlice<Int>) throws -> Int {
            try sizes.reduce(1) { total, size in
                let (value, overflow) = total.multipliedReportingOverflow(by: size)
                guard !overflow else { throw NumPyError.value("an array of shape \(formatShape(shape)) is too large for a lesson (at most \(Self.maximumElements) elements)") }
                return value
            }
        }
        return (try product(shape[..<axis]), shape[axis], try product(shape[(axis + 1)...]))
    }

    public func normalizedAxis(_ axis: Int) throws -> Int {
        let a = axis < 0 ? axis + ndim : axis
        guard a >= 0, a < ndim else { throw NumPyError.axis("axis \(axis) is out of bounds for array of dimension \(ndim)") }
        return a
    }

    public func statistic(_ kind: Statistic, axis: Int?, keepdims: Bool = false, ddof: Int = 0, charging run: RunContext? = nil) throws -> NDArray {
        let outType: DType
        switch kind {
        case .argmin, .argmax, .count_nonzero: outType = .int64
        case .all, .any: outType = .bool
        case .mean, .std, .var, .median: outType = dtype == .float32 ? .float32 : .float64
        case .sum, .prod: outType = dtype.isFloat ? dtype : .int64
        case .min, .max, .ptp: outType = dtype
        }
        // No identity: an empty lane fails (with an axis, only when that axis is empty).
        let emptyLaneError = NumPyError.value(kind == .argmin || kind == .argmax ? "attempt to get \(kind.rawValue) of an empty sequence"
            : "zero-size array to reduction operation \(kind == .min ? "minimum" : "maximum") which has no identity")
        let needsIdentity = [.min, .max, .argmin, .argmax, .ptp].contains(kind)
        if needsIdentity, count == 0, axis == nil || ndim == 0 { throw emptyLaneError }
        func reduce(_ v: [Double]) -> Double {
            switch kind {
            case .sum: return Self.pairwiseSum(v[...])
            case .prod: return v.reduce(1, *)
            case .mean: return Self.pairwiseSum(v[...]) / Double(v.count)
            case .var, .std:
                let mean = Self.pairwiseSum(v[...]) / Double(v.count)
                let squares = v.map { ($0 - mean) * ($0 - mean) }
                let variance = Self.pairwiseSum(squares[...]) / Double(Swift.max(v.count - ddof, 0))
                return kind == .std ? variance.squareRoot() : variance
            case .min: return v.contains { $0.isNaN } ? .nan : (v.min() ?? .nan)
            case .max: return v.contains { $0.isNaN } ? .nan : (v.max() ?? .nan)
            case .ptp: return (v.max() ?? 0) - (v.min() ?? 0)
            case .argmax:
                var best = 0
                for i in v.indices { if v[i].isNaN { return Double(i) }; if v[i] > v[best] { best = i } }
                return Double(best)
            case .argmin:
                var best = 0
                for i in v.indices { if v[i].isNaN { return Double(i) }; if v[i] < v[best] { best = i } }
                return Double(best)
            case .all: return v.allSatisfy { $0 != 0 } ? 1 : 0
            case .any: return v.contains { $0 != 0 } ? 1 : 0
            case .count_nonzero: return Double(v.filter { $0 != 0 }.count)
            case .median:
                let sorted = v.sorted()
                guard !sorted.isEmpty else { return .nan }
                return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            }
        }
        let finalType = outType
        guard let axis, ndim > 0 else {
            let value = reduce(doubles)
            return NDArray(doubles: [finalType == .float32 ? Double(Float(value)) : value], shape: keepdims ? Array(repeating: 1, count: ndim) : [], dtype: finalType)
        }
        let a = try normalizedAxis(axis)
        if needsIdentity, shape[a] == 0 { throw emptyLaneError }
        var newShape = shape
        if keepdims { newShape[a] = 1 } else { newShape.remove(at: a) }
        // The result is counted (and charged) first: reducing an empty axis of (0, 2**40)
        // would make 2**40 results.
        guard try Self.checkedCount(newShape, charging: run) > 0 else { return NDArray(doubles: [], shape: newShape, dtype: finalType) }
        let (outer, size, inner) = try lanes(axis: a)
        var result: [Double] = []
        result.reserveCapacity(outer * inner)
        for o in 0..<outer { for i in 0..<inner { result.append(reduce((0..<size).map { double((o * size + $0) * inner + i) })) } }
        return NDArray(doubles: result, shape: newShape, dtype: finalType)
    }

    /// NumPy's pairwise summation (blocks of 8 partial sums under 128 elements), so sums of
    /// floats round as NumPy's do.
    static func pairwiseSum(_ v: ArraySlice<Double>) -> Double {
        let n = v.count, start = v.startIndex
        if n < 8 {
            var s = -0.0
            for x in v { s += x }
            return n == 0 ? 0 : s
        }
        if n <= 128 {
            var r = [Double](repeating: 0, count: 8)
            for j in 0..<8 { r[j] = v[start + j] }
            var i = 8
            while i < n - n % 8 {
                for j in 0..<8 { r[j] += v[start + i + j] }
                i += 8
            }
            var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
            while i < n { res += v[start + i]; i += 1 }
            return res
        }
        var half = n / 2
        half -= half % 8
        return pairwiseSum(v[start..<(start + half)]) + pairwiseSum(v[(start + half)...])
    }

    /// `cumsum`/`cumprod` over all elements (flattened) or along an axis.
    public func cumulative(product: Bool, axis: Int?) throws -> NDArray {
        let dtype: DType = self.dtype.isFloat ? self.dtype : .int64
        guard let axis else {
            var running = product ? 1.0 : 0.0
            return NDArray(doubles: doubles.map { running = product ? running * $0 : running + $0; return running }, shape: [count], dtype: dtype)
        }
        let a = try normalizedAxis(axis)
        guard count > 0 else { return NDArray(doubles: [], shape: shape, dtype: dtype) }
        let (outer, size, inner) = try lanes(axis: a)
        var values = doubles
        for o in 0..<outer { for i in 0..<inner {
            var running = product ? 1.0 : 0.0
            for s in 0..<size {
                let k = (o * size + s) * inner + i
                running = product ? running * values[k] : running + values[k]
                values[k] = running
            }
        } }
        return NDArray(doubles: values, shape: shape, dtype: dtype)
    }
}
