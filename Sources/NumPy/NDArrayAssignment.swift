/// Item assignment (`x[i, j] = v`, `x[1:3] = 0`, `x[mask] = 0`, `x[[0, 2]] = v`): the
/// positions an index names, and writing a broadcast value into them in place.
extension NDArray {
    /// The flat positions basic indexing selects, in the order of the result, and its shape.
    public func positions(_ indices: [NDIndex]) throws -> (shape: [Int], flat: [Int]) {
        let consuming = indices.filter { $0 != .newAxis && $0 != .ellipsis }.count
        // Two ellipses would each expand to the missing axes (found by FuzzNumPy).
        guard indices.filter({ $0 == .ellipsis }).count <= 1 else { throw NumPyError.index("an index can only have a single ellipsis ('...')") }
        guard consuming <= ndim else {
            throw NumPyError.index("too many indices for array: array is \(ndim)-dimensional, but \(consuming) were indexed")
        }
        var expanded: [NDIndex] = []
        for index in indices {
            if index == .ellipsis { expanded += Array(repeating: .slice(start: nil, stop: nil, step: nil), count: ndim - consuming) } else { expanded.append(index) }
        }
        while expanded.filter({ $0 != .newAxis }).count < ndim { expanded.append(.slice(start: nil, stop: nil, step: nil)) }
        var flat = [0], resultShape: [Int] = [], axis = 0
        let strides = self.strides
        for index in expanded {
            guard index == .newAxis || axis < ndim else { throw NumPyError.index("too many indices for array: array is \(ndim)-dimensional") }
            let chosen: [Int]
            switch index {
            case .newAxis: resultShape.append(1); continue
            case .ellipsis: continue
            case .int(let i):
                let size = shape[axis], position = i < 0 ? i + size : i
                guard position >= 0, position < size else { throw NumPyError.index("index \(i) is out of bounds for axis \(axis) with size \(size)") }
                chosen = [position]
            case .slice(let start, let stop, let step):
                chosen = try Self.slicePositions(start: start, stop: stop, step: step, size: shape[axis])
                resultShape.append(chosen.count)
            }
            let stride = strides[axis]
            flat = flat.flatMap { base in chosen.map { base + $0 * stride } }
            axis += 1
        }
        return (resultShape, flat)
    }

    /// Writes `value` (broadcast to `target`, cast to this array's dtype) at `flat`.
    public func assign(_ value: NDArray, shape target: [Int], at flat: [Int]) throws {
        var valueShape = value.shape
        // NumPy drops leading length-1 axes of the value (a (1, 3) row into a (3,) slot).
        while valueShape.count > target.count, valueShape.first == 1 { valueShape.removeFirst() }
        guard valueShape.count <= target.count, (try? Self.broadcast(target, valueShape)) == target else {
            throw NumPyError.value("could not broadcast input array from shape \(formatCompactShape(value.shape)) into shape \(formatCompactShape(target))")
        }
        if !dtype.isFloat, value.dtype.isFloat, (0..<value.count).contains(where: { !value.double($0).isFinite }) {
            throw NumPyError.value("cannot convert float \(value.doubles.contains { $0.isNaN } ? "NaN" : "infinity") to integer")
        }
        let source = value.broadcastIndex(from: valueShape, to: target)
        var storage = self.storage
        if case .byteTable = storage { storage = NDArray(doubles: doubles, shape: shape, dtype: dtype).storage }
        replaceStorage(.bool([])) // the array's own reference goes, so the writes below do not copy
        for (k, position) in flat.enumerated() { storage.set(position, value.double(source(k))) }
        replaceStorage(storage)
    }
}

extension NDStorage {
    /// Element i set to `x`, converted as NumPy casts into the array's type.
    mutating func set(_ i: Int, _ x: Double) {
        switch self {
        case .float64(var a): self = .bool([]); a[i] = x; self = .float64(a)
        case .float32(var a): self = .bool([]); a[i] = Float(x); self = .float32(a)
        case .int64(var a): self = .bool([]); a[i] = x.isFinite ? Int(x.rounded(.towardZero).clamped(-9.2e18, 9.2e18)) : Int.min; self = .int64(a)
        case .uint8(var a): self = .bool([]); a[i] = UInt8(truncatingIfNeeded: x.isFinite ? Int(x.rounded(.towardZero).clamped(-9.2e18, 9.2e18)) : 0); self = .uint8(a)
        case .bool(var a): self = .bool([]); a[i] = x != 0; self = .bool(a)
        case .byteTable(let bytes, let table):
            // `assign` turns tables into plain floats first; this is the fallback.
            var values = bytes.map { table[Int($0)] }
            values[i] = x
            self = .float64(values)
        }
    }
}
