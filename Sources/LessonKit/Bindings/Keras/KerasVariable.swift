import CNN
import NumPy
import Script

/// A layer's weight as `layer.weights` and `model.weights` list it (Keras 3's KerasVariable):
/// its shape, dtype, name and path, and its current values (`.numpy()`, `np.array(v)`).
final class KerasVariableObject: HostObject, NDArrayConvertible {
    let parameter: CNN.Parameter
    let layerName: String
    let trainable: Bool
    unowned let context: BindingContext

    init(_ parameter: CNN.Parameter, layer: String, trainable: Bool, context: BindingContext) {
        self.parameter = parameter; layerName = layer; self.trainable = trainable; self.context = context
    }

    var ndarray: NDArray { .float32(parameter.value) }
    var path: String { "\(layerName)/\(parameter.name)" }
    var typeName: String { "Variable" }
    func repr() -> String { "<KerasVariable shape=\(shapeText(parameter.value.shape.map { $0 })), dtype=float32, path=\(path)>" }

    func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "shape": return .tuple(parameter.value.shape.map { .int($0) })
        case "dtype": return .str("float32")
        case "name": return .str(parameter.name)
        case "path": return .str(path)
        case "trainable": return .bool(trainable)
        case "value": return TFTensorObject.value(ndarray, context: context)
        case "numpy":
            return .function(BuiltinFunction("numpy", isMethod: true) { [unowned self] args in
                _ = try args.bind([])
                return NDArrayObject.value(in: context, ndarray)
            })
        default: return nil
        }
    }

    /// The weights of `layers` in order, as a Python list.
    static func list(_ layers: [(Layer, Bool)], context: BindingContext) -> Value {
        .list(ListStorage(layers.flatMap { layer, trainable in
            layer.parameters.map { Value.object(KerasVariableObject($0, layer: layer.name, trainable: trainable, context: context)) }
        }))
    }
}

extension KerasLayerObject {
    /// `weights`, `trainable_weights`, `non_trainable_weights`, `input` and `output`: what a
    /// layer shows beyond its configuration (nil: not one of these).
    func stateAttribute(_ name: String) throws -> Value? {
        switch name {
        case "weights": return KerasVariableObject.list([(layer, trainable)], context: context)
        case "trainable_weights": return KerasVariableObject.list(trainable ? [(layer, true)] : [], context: context)
        case "non_trainable_weights": return KerasVariableObject.list(trainable ? [] : [(layer, false)], context: context)
        case "input", "output":
            if spec.kind == .input, let t = symbolicInput { return .object(t) }
            guard let call = firstCall else {
                throw ScriptError.attributeError("The layer \(layer.name) has never been called and thus has no defined \(name).")
            }
            return .object(name == "input" ? call.input : call.output)
        default: return nil
        }
    }

    /// Keras's `layer.input` / `layer.output` are those of the layer's first symbolic call.
    func recordFirstCall(input: KerasSymbolicTensor, output: KerasSymbolicTensor) {
        if firstCall == nil { firstCall = (input, output) }
    }
}
