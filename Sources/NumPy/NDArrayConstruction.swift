import Script

/// Arrays a lesson makes from nothing: `np.zeros`, `np.ones`, `np.arange`, Keras's
/// `to_categorical`. Sizes are checked before anything is allocated.
extension NDArray {
    /// Refuses arrays a lesson has no business making (a 10^12-element `np.zeros`).
    public static let maximumElements = 400_000_000

    public static func checkedCount(_ shape: [Int], charging run: RunContext? = nil) throws -> Int {
        // NumPy's own rule first: the non-zero axes times 8 bytes must fit an intp, even in an
        // empty array, so no product of an array's axes overflows later (strides, block lengths).
        var nonZero = 8
        for size in shape where size != 0 {
            guard size > 0 else { throw NumPyError.value("negative dimensions are not allowed") }
            let (product, overflow) = nonZero.multipliedReportingOverflow(by: size)
            guard !overflow else { throw NumPyError.value("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.") }
            nonZero = product
        }
        var count = 1
        for size in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow, product <= maximumElements else {
                throw NumPyError.value("an array of shape \(formatShape(shape)) is too large for a lesson (at most \(maximumElements) elements)")
            }
            count = product
        }
        try run?.charge(elements: count, bytesPerElement: 8, what: "an array")
        return count
    }

    /// The length of a block of some of an array's axes. An array with elements has no axes
    /// whose product overflows, but an empty one may (`np.zeros((0, 2**40, 2**40))`).
    static func blockLength(_ axes: [Int], of shape: [Int]) throws -> Int {
        var length = 1
        for size in axes {
            let (product, overflow) = length.multipliedReportingOverflow(by: size)
            guard !overflow else {
                throw NumPyError.value("an array of shape \(formatShape(shape)) is too large for a lesson (at most \(maximumElements) elements)")
            }
            length = product
        }
        return length
    }

    public static func filled(_ value: Double, shape: [Int], dtype: DType = .float64, charging run: RunContext? = nil) throws -> NDArray {
        let count = try checkedCount(shape, charging: run)
        return NDArray(doubles: [Double](repeating: value, count: count), shape: shape, dtype: dtype)
    }

    public static func arange(start: Double, stop: Double, step: Double, dtype: DType, charging run: RunContext? = nil) throws -> NDArray {
        guard step != 0 else { throw NumPyError.value("Maximum allowed size exceeded") }
        let steps = ((stop - start) / step).rounded(.up)
        // A NaN or a count past Int's range would trap in the conversion.
        guard !steps.isNaN, steps < Double(maximumElements) + 1 else { throw NumPyError.value("Maximum allowed size exceeded") }
        let count = max(0, Int(max(steps, -1)))
        _ = try checkedCount([count], charging: run)
        return NDArray(doubles: (0..<count).map { start + Double($0) * step }, shape: [count], dtype: dtype)
    }

    /// `keras.utils.to_categorical(y, num_classes)`: one-hot rows of float64, as Keras 3 returns.
    public static func oneHot(_ labels: NDArray, classes: Int?, charging run: RunContext? = nil) throws -> NDArray {
        let values = labels.doubles
        guard values.allSatisfy({ $0 >= 0 && $0 == $0.rounded() }) else {
            throw NumPyError.value("to_categorical needs non-negative integer labels")
        }
        // A label past the element limit could not be a class (and would trap as an Int).
        if let top = values.max(), top >= Double(maximumElements) {
            throw NumPyError.value("to_categorical: label \(top) is too large for a lesson (at most \(maximumElements) classes)")
        }
        let count = classes ?? (Int(values.max() ?? -1) + 1)
        guard count > 0 else { throw NumPyError.value("num_classes must be positive") }
        if let top = values.max(), Int(top) >= count {
            throw NumPyError.index("index \(Int(top)) is out of bounds for axis 1 with size \(count)")
        }
        var shape = labels.shape
        if shape.last == 1 && shape.count > 1 { shape.removeLast() }
        let total = try checkedCount([values.count, count], charging: run)
        var result = [Double](repeating: 0, count: total)
        for (row, label) in values.enumerated() { result[row * count + Int(label)] = 1 }
        return NDArray(doubles: result, shape: shape + [count], dtype: .float64)
    }
}
