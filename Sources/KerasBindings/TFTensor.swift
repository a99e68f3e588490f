import CNN
import Foundation
import NumPy
import Script

/// An eager `tf.Tensor`, what calling a model and the `tf` functions give: its elements are an
/// NDArray, printed as TensorFlow prints them; `.numpy()` gives the array, and NumPy and
/// Keras take it wherever they take an array.
final class TFTensorObject: HostObject, NDArrayConvertible {
    let array: NDArrayObject
    var ndarray: NDArray { array.array }
    /// Where a GradientTape recorded or watched this tensor (TFGradientTape.swift).
    var variable: Variable?
    var tape: TFGradientTapeObject?
    /// A gradient an inner tape computed while an outer one was recording: TensorFlow would
    /// record its backward on the outer tape (second derivatives), which lessons do not.
    var isInnerGradient = false

    init(_ array: NDArray, context: BindingContext?) { self.array = NDArrayObject(array, context: context?.run) }

    static func value(_ array: NDArray, context: BindingContext?) -> Value { .object(TFTensorObject(array, context: context)) }

    private func wrap(_ result: Value?) -> Value? {
        guard let result, let nd = result.object(as: NDArrayObject.self) else { return result }
        return .object(TFTensorObject(nd))
    }
    private init(_ array: NDArrayObject) { self.array = array }

    var typeName: String { "EagerTensor" }
    private var shapeDescription: String { shapeText(ndarray.shape.map { $0 }) }
    private var dtypeName: String { ndarray.dtype.rawValue }

    /// TensorFlow's `<tf.Tensor: shape=(1, 10), dtype=float32, numpy=array(...)>`: a
    /// multi-line array starts on its own line.
    func repr() -> String {
        // A scalar shows as the Python number it holds (`numpy=0.7331557869911194`).
        let text = ndarray.ndim == 0 ? scalarText : array.repr()
        return "<tf.Tensor: shape=\(shapeDescription), dtype=\(dtypeName), numpy=\(text.contains("\n") ? "\n" + text : text)>"
    }

    private var scalarText: String {
        let x = ndarray.double(0)
        if ndarray.dtype.isFloat { return PythonFormat.floatRepr(x) }
        if ndarray.dtype == .bool { return x != 0 ? "True" : "False" }
        return array.str()
    }

    func str() -> String {
        let text = array.str()
        return "tf.Tensor(\(text.contains("\n") ? "\n" + text : text), shape=\(shapeDescription), dtype=\(dtypeName))"
    }

    func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "numpy":
            return .function(BuiltinFunction("numpy", isMethod: true) { [array] args in _ = try args.bind([]); return .object(array) })
        case "shape", "ndim": return try array.getAttribute(name)
        default: return nil
        }
    }

    func getItem(_ index: Value) throws -> Value { wrap(try array.getItem(index)) ?? .none }
    func binaryOp(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> OperatorResult {
        if let recorded = try TFEager.binary(op, .object(self), other, reflected: reflected, context: nil) { return recorded }
        return wrap(try array.binaryOp(op, other, reflected: reflected)) }
    func compare(_ op: ComparisonOperator, _ other: Value, reflected: Bool) throws -> OperatorResult { wrap(try array.compare(op, other, reflected: reflected)) }
    func unaryOp(_ op: UnaryOperator) throws -> OperatorResult {
        if op == .negate, let tape, let variable, tape.context.eager.recording === tape {
            return TFEager.result(Ops.negate(variable, tape: tape.tape), tape: tape, context: nil)
        }
        return wrap(try array.unaryOp(op))
    }
    func length() throws -> Int? { try array.length() }
    func truthiness() throws -> Bool { try array.truthiness() }
    func asInt() -> Int? { array.asInt() }
    func asDouble() -> Double? { array.asDouble() }
}

/// The `tf` functions on tensors that tutorials call: `tf.nn.softmax`, `tf.zeros`, `tf.ones`.
enum TFFunctions {
    /// `tf.nn.softmax(logits, axis=-1)`, computed as TensorFlow does (shifted by the row's
    /// maximum), in the input's float dtype.
    static func softmax(_ args: Arguments, context: BindingContext) throws -> Value {
        let bound = try args.bind(["logits", "axis", "name"], required: 1)
        let logits = try ValueConversion.array(bound["logits"] ?? .none, name: "logits").array
        let axis = bound.has("axis") && !(bound["axis"]?.isNone ?? true) ? try bound.int("axis") : -1
        guard logits.dtype.isFloat else {
            throw ScriptError.typeError("Value for attr 'T' of \(logits.dtype.rawValue) is not in the list of allowed values: half, bfloat16, float, double")
        }
        let rank = logits.ndim
        guard rank >= 1, axis >= -rank, axis < rank else {
            throw ScriptError.valueError("softmax: axis \(axis) is out of bounds for a tensor of rank \(rank)")
        }
        let a = axis < 0 ? axis + rank : axis
        let n = logits.shape[a]
        let inner = logits.shape[(a + 1)...].reduce(1, *)
        let outer = n == 0 || inner == 0 ? 0 : logits.count / (n * inner)
        var values = logits.doubles
        // Each step rounded to the dtype, as TensorFlow computes float32 in float32.
        let round: (Double) -> Double = logits.dtype == .float32 ? { Double(Float($0)) } : { $0 }
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o * n * inner + i
                var top = -Double.infinity
                for k in 0..<n { top = max(top, values[base + k * inner]) }
                var total = 0.0
                for k in 0..<n { let e = round(Foundation.exp(round(values[base + k * inner] - top))); values[base + k * inner] = e; total = round(total + e) }
                for k in 0..<n { values[base + k * inner] = round(values[base + k * inner] / total) }
            }
        }
        return TFTensorObject.value(NDArray(doubles: values, shape: logits.shape, dtype: logits.dtype), context: context)
    }

    /// `tf.zeros(shape, dtype=tf.float32)` and `tf.ones`.
    static func filled(_ value: Double, _ args: Arguments, context: BindingContext) throws -> Value {
        let bound = try args.bind(["shape", "dtype", "name", "layout"], required: 1)
        let shape = try ValueConversion.shape(bound["shape"] ?? .none, name: "shape")
        let dtype = bound.has("dtype") ? try ValueConversion.dtype(bound["dtype"] ?? .none) : .float32
        return TFTensorObject.value(try NumPyCall.run { try NDArray.filled(value, shape: shape, dtype: dtype, charging: context.run) }, context: context)
    }

    /// The `tensorflow.nn` module.
    static func nn(context: BindingContext) -> ModuleValue {
        let nn = ModuleValue(name: "tensorflow.nn")
        nn.addFunction("softmax") { [unowned context] args in try softmax(args, context: context) }
        return nn
    }
}
