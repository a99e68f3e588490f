import Foundation
import NumPy
import Script

/// `keras.ops` (`from keras import ops`): the functions tutorials call, on the TensorFlow
/// backend, so each returns an eager `tf.Tensor`. Most are NumPy's function of the same name
/// with the result wrapped; `relu`, `softmax` and `sparse_categorical_crossentropy` are Keras's.
enum KerasOps {
    /// Keras ops that are NumPy's function of the same name.
    static let numpyNamed = ["abs", "absolute", "add", "argmax", "argmin", "clip", "concatenate", "cos", "divide", "dot", "exp",
                             "expand_dims", "log", "matmul", "max", "maximum", "mean", "min", "minimum", "multiply", "negative",
                             "reshape", "sin", "sqrt", "square", "squeeze", "stack", "subtract", "sum", "tanh", "transpose",
                             "where", "zeros_like", "ones_like", "arange", "equal", "argsort", "sort", "prod", "std", "var"]

    static func module(_ name: String, context: BindingContext) -> ModuleValue {
        let ops = ModuleValue(name: name)
        let np = NumPyModule.make(context: context.run)
        for fn in numpyNamed {
            guard case .function(let f)? = np.members[fn] else { continue }
            ops.addFunction(fn) { [unowned context] args in
                if let recorded = try onTape(fn, args, context: context) { return recorded }
                return tensor(try f.call(positional: args.positional, keywords: args.keywords), context)
            }
        }
        ops.addFunction("ones") { [unowned context] args in try TFFunctions.filled(1, args, context: context) }
        ops.addFunction("zeros") { [unowned context] args in try TFFunctions.filled(0, args, context: context) }
        ops.addFunction("convert_to_tensor") { [unowned context] args in
            let bound = try args.bind(["x", "dtype", "sparse"], required: 1)
            return tensor(try np.members["array"].map { v -> Value in
                guard case .function(let f) = v else { return .none }
                return try f.call(positional: [bound["x"] ?? .none], keywords: bound.has("dtype") ? [("dtype", bound["dtype"] ?? .none)] : [])
            } ?? .none, context)
        }
        ops.addFunction("softmax") { [unowned context] args in
            let bound = try args.bind(["x", "axis"], required: 1)
            return try TFFunctions.softmax(Arguments(functionName: "softmax", positional: [bound["x"] ?? .none],
                                                     keywords: bound.has("axis") ? [("axis", bound["axis"] ?? .none)] : []), context: context)
        }
        ops.addFunction("relu") { [unowned context] args in
            if let recorded = try onTape("relu", args, context: context) { return recorded }
            let x = try floats(try args.bind(["x"])["x"], "x")
            return TFTensorObject.value(NDArray(doubles: x.doubles.map { $0 < 0 ? 0 : $0 }, shape: x.shape, dtype: x.dtype), context: context)
        }
        ops.addFunction("sigmoid") { [unowned context] args in
            if let recorded = try onTape("sigmoid", args, context: context) { return recorded }
            let x = try floats(try args.bind(["x"])["x"], "x")
            return TFTensorObject.value(NDArray(doubles: x.doubles.map { 1 / (1 + Foundation.exp(-$0)) }, shape: x.shape, dtype: x.dtype), context: context)
        }
        ops.addFunction("sparse_categorical_crossentropy") { [unowned context] args in try sparseCrossentropy(args, context: context) }
        return ModuleValue(name: name, members: ops.members) { attribute in
            guard !attribute.hasPrefix("__") else { return nil }
            throw ScriptError.notSupported("\(name).\(attribute) is not supported in lessons (available: \(ops.members.keys.sorted().joined(separator: ", ")))")
        }
    }

    /// An array result as a `tf.Tensor`; anything else as it is.
    static func tensor(_ value: Value, _ context: BindingContext) -> Value {
        guard let nd = value.object(as: NDArrayObject.self) else { return value }
        return TFTensorObject.value(nd.array, context: context)
    }

    static func floats(_ value: Value?, _ name: String) throws -> NDArray {
        let array = try ValueConversion.array(value ?? .none, name: name).array
        return array.dtype.isFloat ? array : array.astype(.float32)
    }

    /// `ops.sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1)`: per
    /// sample −log p[label], probabilities clipped to [1e-7, 1 − 1e-7] as Keras does.
    static func sparseCrossentropy(_ args: Arguments, context: BindingContext) throws -> Value {
        let bound = try args.bind(["target", "output", "from_logits", "axis"], required: 2)
        let target = try ValueConversion.array(bound["target"] ?? .none, name: "target").array
        let output = try floats(bound["output"], "output")
        if bound.has("axis"), try bound.int("axis") != -1 { throw ScriptError.notSupported("sparse_categorical_crossentropy(axis=...) other than -1 is not supported in lessons") }
        let fromLogits = try bound.bool("from_logits", default: false)
        guard let k = output.shape.last, k > 0, target.count * k == output.count else {
            throw ScriptError.valueError("Arguments `target` and `output` must have the same shape up until the last dimension: target.shape=\(shapeText(target.shape.map { $0 })), output.shape=\(shapeText(output.shape.map { $0 }))")
        }
        let o = output.doubles, labels = target.doubles, eps = 1e-7
        var losses: [Double] = []
        losses.reserveCapacity(labels.count)
        for (r, label) in labels.enumerated() {
            guard label.isFinite, label >= 0, label < Double(k), label == label.rounded() else {
                throw ScriptError.valueError("Received a label value of \(label) which is outside the valid range of [0, \(k - 1)].")
            }
            let row = o[(r * k)..<((r + 1) * k)]
            if fromLogits {
                let top = row.max() ?? 0
                let lse = top + Foundation.log(row.reduce(0) { $0 + Foundation.exp($1 - top) })
                losses.append(lse - row[r * k + Int(label)])
            } else {
                // Keras renormalises the probabilities before the log.
                let total = row.reduce(0, +)
                let p = min(max(row[r * k + Int(label)] / (total == 0 ? 1 : total), eps), 1 - eps)
                losses.append(-Foundation.log(p))
            }
        }
        return TFTensorObject.value(NDArray(doubles: losses, shape: Array(output.shape.dropLast()), dtype: output.dtype), context: context)
    }
}
