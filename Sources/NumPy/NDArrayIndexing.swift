/// One part of a subscript: `X[0, 10:12, :, None]`.
public enum NDIndex: Equatable {
    case int(Int)
    case slice(start: Int?, stop: Int?, step: Int?)
    case newAxis
    case ellipsis
}

extension NDArray {
    /// NumPy basic indexing. Integers drop their axis, slices keep it; the result is a copy
    /// (our arrays are small or sliced along the first axis, where a copy is one memcpy).
    public func subscripted(_ indices: [NDIndex]) throws -> NDArray {
        var expanded: [NDIndex] = []
        let consuming = indices.filter { $0 != .newAxis && $0 != .ellipsis }.count
        guard consuming <= ndim else {
            throw NumPyError.index("too many indices for array: array is \(ndim)-dimensional, but \(consuming) were indexed")
        }
        guard indices.filter({ $0 == .ellipsis }).count <= 1 else { throw NumPyError.index("an index can only have a single ellipsis ('...')") }
        for index in indices {
            if index == .ellipsis {
                expanded += Array(repeating: .slice(start: nil, stop: nil, step: nil), count: ndim - consuming)
            } else {
                expanded.append(index)
            }
        }
        while expanded.filter({ $0 != .newAxis }).count < ndim { expanded.append(.slice(start: nil, stop: nil, step: nil)) }

        // For each source axis: the positions it keeps; and the result's shape.
        var selections: [[Int]] = []
        var resultShape: [Int] = []
        var axis = 0
        for index in expanded {
            switch index {
            case .newAxis:
                resultShape.append(1)
            case .int(let i):
                let size = shape[axis]
                let position = i < 0 ? i + size : i
                guard position >= 0, position < size else {
                    throw NumPyError.index("index \(i) is out of bounds for axis \(axis) with size \(size)")
                }
                selections.append([position])
                axis += 1
            case .slice(let start, let stop, let step) where count == 0:
                // An empty array's other axes may be huge ((0, 2**40)): count, never list.
                resultShape.append(try Self.sliceLength(start: start, stop: stop, step: step, size: shape[axis]))
                selections.append([])
                axis += 1
            case .slice(let start, let stop, let step):
                let positions = try Self.slicePositions(start: start, stop: stop, step: step, size: shape[axis])
                selections.append(positions)
                resultShape.append(positions.count)
                axis += 1
            case .ellipsis:
                break
            }
        }
        if count == 0 { return NDArray(shape: resultShape, dtype: dtype, storage: gather(blocks: [], length: 0)) }
        let strides = self.strides
        var flat: [Int] = [0]
        for (axis, positions) in selections.enumerated() {
            let stride = strides[axis]
            var next: [Int] = []
            next.reserveCapacity(flat.count * positions.count)
            for base in flat { for p in positions { next.append(base + p * stride) } }
            flat = next
            // Once the remaining axes are taken whole, the rest is contiguous: stop expanding.
            if selections[(axis + 1)...].enumerated().allSatisfy({ offset, sel in
                let a = axis + 1 + offset
                return sel.count == shape[a] && sel.first == 0 && sel.last == shape[a] - 1 && (sel.count < 2 || sel[1] == 1)
            }) {
                let block = strides[axis]
                return NDArray(shape: resultShape, dtype: dtype, storage: gather(blocks: flat, length: block))
            }
        }
        return NDArray(shape: resultShape, dtype: dtype, storage: gather(blocks: flat, length: 1))
    }

    /// Copies `length` elements from each start in `blocks`.
    public func gather(blocks: [Int], length: Int) -> NDStorage {
        func take<T>(_ a: [T]) -> [T] {
            var out: [T] = []
            out.reserveCapacity(blocks.count * length)
            for start in blocks { out.append(contentsOf: a[start..<(start + length)]) }
            return out
        }
        switch storage {
        case .uint8(let a): return .uint8(take(a))
        case .int64(let a): return .int64(take(a))
        case .float32(let a): return .float32(take(a))
        case .float64(let a): return .float64(take(a))
        case .bool(let a): return .bool(take(a))
        case .byteTable(let a, let table): return .byteTable(take(a), table: table)
        }
    }

    /// Python's slice semantics (negative and out-of-range bounds clamp, step may be negative).
    static let maxListedPositions = 1 << 24

    /// How many positions `slicePositions` would list, without listing them.
    static func sliceLength(start: Int?, stop: Int?, step: Int?, size: Int) throws -> Int {
        let step = step ?? 1
        guard step != 0 else { throw NumPyError.value("slice step cannot be zero") }
        func clamp(_ value: Int?, _ defaultValue: Int, low: Int, high: Int) -> Int {
            guard let value else { return defaultValue }
            let v = value < 0 ? value + size : value
            return min(max(v, low), high)
        }
        if step > 0 {
            let begin = clamp(start, 0, low: 0, high: size), end = clamp(stop, size, low: 0, high: size)
            return begin < end ? (end - begin - 1) / step + 1 : 0
        }
        let begin = clamp(start, size - 1, low: -1, high: size - 1), end = clamp(stop, -1, low: -1, high: size - 1)
        return begin > end ? Int((UInt(begin - end - 1) / step.magnitude) + 1) : 0
    }

    static func slicePositions(start: Int?, stop: Int?, step: Int?, size: Int) throws -> [Int] {
        let step = step ?? 1
        guard step != 0 else { throw NumPyError.value("slice step cannot be zero") }
        func clamp(_ value: Int?, _ defaultValue: Int, low: Int, high: Int) -> Int {
            guard let value else { return defaultValue }
            let v = value < 0 ? value + size : value
            return min(max(v, low), high)
        }
        // An axis of a zero-size array may be huge ((2**40, 0)): its positions are not listed (found by FuzzNumPy).
        func listed(_ positions: StrideTo<Int>) throws -> [Int] {
            guard positions.underestimatedCount <= maxListedPositions else {
                throw NumPyError.memory("a slice of \(positions.underestimatedCount) positions is more than lessons index at once (\(maxListedPositions))")
            }
            return Array(positions)
        }
        if step > 0 {
            let begin = clamp(start, 0, low: 0, high: size), end = clamp(stop, size, low: 0, high: size)
            return begin < end ? try listed(stride(from: begin, to: end, by: step)) : []
        }
        let begin = clamp(start, size - 1, low: -1, high: size - 1), end = clamp(stop, -1, low: -1, high: size - 1)
        return begin > end ? try listed(stride(from: begin, to: end, by: step)) : []
    }
}
