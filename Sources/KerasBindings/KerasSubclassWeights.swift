import CNN
import NumPy
import Script

/// `get_weights()` / `set_weights(list)` of a lesson's model or layer subclass, over the
/// variables its `weights` lists, with Keras 3's checks and messages.
extension KerasTrackingPart {
    func weightsMethod(_ attribute: String) -> Value? {
        switch attribute {
        case "get_weights":
            return method(attribute) { [self] args in
                _ = try args.bind([])
                let values = variables(trainableOnly: false).compactMap { $0.object(as: TFVariableObject.self) }.map { NDArrayObject.value(in: context, $0.ndarray) }
                return .list(ListStorage(values))
            }
        case "set_weights":
            return method(attribute) { [self] args in
                let given = try args.bind(["weights"])["weights"] ?? .none
                guard let items = given.sequenceElements else { throw ScriptError.typeError("set_weights() takes a list of arrays, not \(given.typeName)") }
                let targets = variables(trainableOnly: false).compactMap { $0.object(as: TFVariableObject.self) }
                guard targets.count == items.count else {
                    throw ScriptError.valueError("You called `set_weights(weights)` on layer '\(name)' with a weight list of length \(items.count), but the layer was expecting \(targets.count) weights.")
                }
                // Every shape is checked before any weight changes.
                let arrays = try items.map { try ValueConversion.array($0, name: "weights").array }
                for (v, a) in zip(targets, arrays) where v.parameter.value.shape != a.shape {
                    throw ScriptError.valueError("Layer \(name) weight shape \(shapeText(v.parameter.value.shape.map { $0 })) is not compatible with provided weight shape \(shapeText(a.shape.map { $0 })).")
                }
                for (v, a) in zip(targets, arrays) { try KerasCall.run { try v.parameter.assign(try TFEager.tensor(a)) } }
                return .none
            }
        default: return nil
        }
    }
}
