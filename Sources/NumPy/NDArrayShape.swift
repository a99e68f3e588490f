import Script

/// Shape operations that move elements: transpose, swapaxes, concatenate, stack, tile,
/// repeat, split, flip, where and clip (element-wise choices).
extension NDArray {
    /// `a.transpose(axes)`; no axes reverses them.
    public func transposed(_ requested: [Int]? = nil) throws -> NDArray {
        let axes = try (requested ?? Array((0..<ndim).reversed())).map { try normalizedAxis($0) }
        guard axes.count == ndim, Set(axes).count == ndim else { throw NumPyError.value("axes don't match array") }
        let newShape = axes.map { shape[$0] }
        let old = strides
        let total = count
        var values = [Double](repeating: 0, count: total)
        let newStrides = NDArray(shape: newShape, dtype: dtype, storage: .bool([])).strides
        for flat in 0..<total {
            var rest = flat, source = 0
            for (k, axis) in axes.enumerated() {
                let position = rest / newStrides[k]
                rest %= newStrides[k]
                source += position * old[axis]
            }
            values[flat] = double(source)
        }
        return NDArray(doubles: values, shape: newShape, dtype: dtype)
    }

    public func swappedAxes(_ a: Int, _ b: Int) throws -> NDArray {
        var axes = Array(0..<ndim)
        axes.swapAt(try normalizedAxis(a), try normalizedAxis(b))
        return try transposed(axes)
    }

    /// `np.concatenate(arrays, axis)`.
    public static func concatenate(_ arrays: [NDArray], axis: Int, charging run: RunContext? = nil) throws -> NDArray {
        guard let first = arrays.first else { throw NumPyError.value("need at least one array to concatenate") }
        guard first.ndim > 0 else { throw NumPyError.value("zero-dimensional arrays cannot be concatenated") }
        let a = try first.normalizedAxis(axis)
        for (k, array) in arrays.enumerated() {
            guard array.ndim == first.ndim else {
                throw NumPyError.value("all the input array dimensions except for the concatenation axis must match exactly, but along dimension 0, the array at index 0 has \(first.ndim) dimension(s) and the array at index \(k) has \(array.ndim) dimension(s)")
            }
            for d in 0..<first.ndim where d != a && array.shape[d] != first.shape[d] {
                throw NumPyError.value("all the input array dimensions except for the concatenation axis must match exactly, but along dimension \(d), the array at index 0 has size \(first.shape[d]) and the array at index \(k) has size \(array.shape[d])")
            }
        }
        var shape = first.shape
        shape[a] = arrays.reduce(0) { $0 + $1.shape[a] }
        // An empty result may still have huge axes: nothing to copy, and no products to take.
        guard try checkedCount(shape, charging: run) > 0 else { return NDArray(doubles: [], shape: shape, dtype: arrays.dropFirst().reduce(first.dtype) { DType.promote($0, $1.dtype) }) }
        let outer = first.shape[..<a].reduce(1, *)
        var values: [Double] = []
        values.reserveCapacity(shape.reduce(1, *))
        for o in 0..<outer {
            for array in arrays {
                let block = array.shape[a...].reduce(1, *)
                for i in 0..<block { values.append(array.double(o * block + i)) }
            }
        }
        let dtype = arrays.dropFirst().reduce(first.dtype) { DType.promote($0, $1.dtype) }
        return NDArray(doubles: values, shape: shape, dtype: dtype)
    }

    /// `np.stack(arrays, axis)`: a new axis.
    public static func stack(_ arrays: [NDArray], axis: Int, charging run: RunContext? = nil) throws -> NDArray {
        guard let first = arrays.first else { throw NumPyError.value("need at least one array to stack") }
        guard arrays.allSatisfy({ $0.shape == first.shape }) else { throw NumPyError.value("all input arrays must have the same shape") }
        let a = axis < 0 ? axis + first.ndim + 1 : axis
        guard a >= 0, a <= first.ndim else { throw NumPyError.axis("axis \(axis) is out of bounds for array of dimension \(first.ndim + 1)") }
        return try concatenate(try arrays.map { try $0.expandedDims(a) }, axis: a, charging: run)
    }

    /// `np.tile(a, reps)`.
    public func tiled(_ reps: [Int], charging run: RunContext? = nil) throws -> NDArray {
        let n = Swift.max(ndim, reps.count)
        let source = try reshaped(Array(repeating: 1, count: n - ndim) + shape)
        let r = Array(repeating: 1, count: n - reps.count) + reps
        guard r.allSatisfy({ $0 >= 0 }) else { throw NumPyError.value("negative dimensions are not allowed") }
        let newShape = try zip(source.shape, r).map { a, b -> Int in
            let (product, overflow) = a.multipliedReportingOverflow(by: b)
            guard !overflow else { throw NumPyError.value("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.") }
            return product
        }
        let total = try Self.checkedCount(newShape, charging: run)
        let outStrides = NDArray(shape: newShape, dtype: dtype, storage: .bool([])).strides, inStrides = source.strides
        var values = [Double](repeating: 0, count: total)
        for flat in 0..<total {
            var rest = flat, index = 0
            for d in 0..<n { let p = rest / outStrides[d]; rest %= outStrides[d]; index += (p % source.shape[d]) * inStrides[d] }
            values[flat] = source.double(index)
        }
        return NDArray(doubles: values, shape: newShape, dtype: dtype)
    }

    /// `np.repeat(a, repeats, axis)`: a flat result without an axis.
    public func repeated(_ repeats: Int, axis: Int?, charging run: RunContext? = nil) throws -> NDArray {
        guard repeats >= 0 else { throw NumPyError.value("repeats may not contain negative values.") }
        guard let axis else {
            _ = try Self.checkedCount([count, repeats], charging: run)
            return NDArray(doubles: doubles.flatMap { Array(repeating: $0, count: repeats) }, shape: [count * repeats], dtype: dtype)
        }
        let a = try normalizedAxis(axis)
        var shape = self.shape
        let (grown, overflow) = shape[a].multipliedReportingOverflow(by: repeats)
        guard !overflow else { throw NumPyError.value("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.") }
        shape[a] = grown
        guard try Self.checkedCount(shape, charging: run) > 0 else { return NDArray(doubles: [], shape: shape, dtype: dtype) }
        let (outer, size, inner) = try lanes(axis: a)
        var values: [Double] = []
        for o in 0..<outer { for s in 0..<size { for _ in 0..<repeats { for i in 0..<inner { values.append(double((o * size + s) * inner + i)) } } } }
        return NDArray(doubles: values, shape: shape, dtype: dtype)
    }

    /// `np.split(a, sections, axis)` into equal parts.
    public func split(_ sections: Int, axis: Int) throws -> [NDArray] {
        let a = try normalizedAxis(axis)
        guard sections > 0 else { throw NumPyError.value("number sections must be larger than 0.") }
        guard shape[a] % sections == 0 else { throw NumPyError.value("array split does not result in an equal division") }
        // An empty axis splits into any number of empty parts: each part is still an object.
        guard sections <= Swift.max(shape[a], 1_000) else { throw NumPyError.memory("np.split into \(sections) parts is too many for a lesson") }
        let size = shape[a] / sections
        return try (0..<sections).map { k in
            var index = Array(repeating: NDIndex.slice(start: nil, stop: nil, step: nil), count: ndim)
            index[a] = .slice(start: k * size, stop: (k + 1) * size, step: nil)
            return try subscripted(index)
        }
    }

    /// `np.where(condition, x, y)` with broadcasting.
    public static func choose(_ condition: NDArray, _ x: NDArray, _ y: NDArray, xWeak: Bool, yWeak: Bool, charging run: RunContext? = nil) throws -> NDArray {
        let shape = try broadcast(broadcast(condition.shape, x.shape), y.shape)
        let total = try checkedCount(shape, charging: run)
        let ic = condition.broadcastIndex(from: condition.shape, to: shape), ix = x.broadcastIndex(from: x.shape, to: shape), iy = y.broadcastIndex(from: y.shape, to: shape)
        let dtype: DType = xWeak && !yWeak ? weakPromote(y.dtype, scalar: x.dtype) : (yWeak && !xWeak ? weakPromote(x.dtype, scalar: y.dtype) : DType.promote(x.dtype, y.dtype))
        let values = (0..<total).map { condition.double(ic($0)) != 0 ? x.double(ix($0)) : y.double(iy($0)) }
        return NDArray(doubles: values, shape: shape, dtype: dtype)
    }

    /// `np.clip(a, a_min, a_max)`; either bound may be None.
    public func clipped(low: Double?, high: Double?) -> NDArray {
        let values = doubles.map { x -> Double in
            var v = x
            if let low, v < low || low.isNaN { v = low }
            if let high, v > high || high.isNaN { v = high }
            return v
        }
        return NDArray(doubles: values, shape: shape, dtype: (low.map { $0 != $0.rounded() } ?? false) || (high.map { $0 != $0.rounded() } ?? false) ? (dtype.isFloat ? dtype : .float64) : dtype)
    }

    /// An element-wise function of floats (`np.sqrt`, `np.floor`): float64, or float32 kept.
    public func mapFloats(_ f: (Double) -> Double) -> NDArray {
        let out: DType = dtype == .float32 ? .float32 : (dtype == .uint8 || dtype == .bool ? .float64 : .float64)
        return NDArray(doubles: doubles.map { out == .float32 ? Double(Float(f(Double(Float($0))))) : f($0) }, shape: shape, dtype: out)
    }
}
