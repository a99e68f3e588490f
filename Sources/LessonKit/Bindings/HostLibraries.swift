import CNN
import NumPy
import Pyplot
import Script

/// How LessonKit joins the host libraries (NumPy, Pyplot) to its own run: arrays belong to
/// the run's `RunContext`, Keras keeps its Float32 tensor beside an array, and a figure
/// becomes the cell's `Figure`.
extension NDArrayObject {
    static func value(in context: BindingContext?, _ array: NDArray) -> Value { value(in: context?.run, array) }
    convenience init(_ array: NDArray, context: BindingContext?) { self.init(array, context: context?.run) }
}

extension NumPyModule {
    static func make(context: BindingContext?) -> ModuleValue { make(context: context?.run, seed: context?.seed ?? 0) }
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

extension Figure {
    init(_ figure: RenderedFigure) { self.init(png: figure.png, svg: figure.svg, title: figure.title) }
}
