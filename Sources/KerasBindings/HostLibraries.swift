import CNN
import NumPy
import Script

/// How the Keras bindings join NumPy to their run: arrays belong to the run's `RunContext`,
/// and Keras keeps its Float32 tensor beside an array.
extension NDArrayObject {
    static func value(in context: BindingContext?, _ array: NDArray) -> Value { value(in: context?.run, array) }
    convenience init(_ array: NDArray, context: BindingContext?) { self.init(array, context: context?.run) }
}

extension DenseTensor: NDArrayCompanion {
    public func reshapedCompanion(_ shape: [Int]) -> (any NDArrayCompanion)? { try? reshaped(shape) }
}

extension NDArray {
    /// The Float32 tensor `fit`/`evaluate`/`predict` read, made once per array (see `tensor()`).
    var tensorCache: Tensor? {
        get { companion as? Tensor }
        set { companion = newValue }
    }
}
