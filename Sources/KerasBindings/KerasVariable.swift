import CNN
import NumPy
import Script

/// `layer.weights` and `model.weights`: each weight a Keras 3 KerasVariable (TFVariable.swift),
/// the same objects GradientTape differentiates with respect to.
extension TFVariableObject {
    /// The weights of `layers` in order, as a Python list.
    static func list(_ layers: [(Layer, Bool)], context: BindingContext) -> Value {
        .list(ListStorage(layers.flatMap { layer, trainable in
            layer.parameters.map { Value.object(TFVariableObject($0, path: "\(layer.name)/\($0.name)", trainable: trainable, context: context)) }
        }))
    }
}

extension KerasLayerObject {
    /// `weights`, `trainable_weights`, `non_trainable_weights`, `input` and `output`: what a
    /// layer shows beyond its configuration (nil: not one of these).
    func stateAttribute(_ name: String) throws -> Value? {
        switch name {
        case "weights": return TFVariableObject.list([(layer, trainable)], context: context)
        case "trainable_weights": return TFVariableObject.list(trainable ? [(layer, true)] : [], context: context)
        case "non_trainable_weights": return TFVariableObject.list(trainable ? [] : [(layer, false)], context: context)
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
