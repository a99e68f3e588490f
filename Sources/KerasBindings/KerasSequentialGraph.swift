import CNN
import NumPy
import Script

/// What a built Sequential shows as a graph in Keras 3: `inputs`, `outputs`, `input`, `output`
/// (symbolic tensors, made once by calling each layer on a `keras.Input`), `weights`,
/// `get_layer`, `get_weights` and `set_weights`.
extension KerasModelObject {
    func graphAttribute(_ name: String) throws -> Value? {
        switch name {
        case "inputs", "outputs", "input", "output":
            let graph = try symbolic()
            let tensor = Value.object(name.hasPrefix("input") ? graph.input : graph.output)
            return name.hasSuffix("s") ? .list(ListStorage([tensor])) : tensor
        case "weights", "trainable_weights":
            return TFVariableObject.list(layers.filter { name == "weights" || $0.trainable }.map { ($0.layer, $0.trainable) }, context: context)
        case "non_trainable_weights":
            return TFVariableObject.list(layers.filter { !$0.trainable }.map { ($0.layer, false) }, context: context)
        case "get_layer":
            return .function(BuiltinFunction(name, isMethod: true) { [self] args in
                let bound = try args.bind(["name", "index"], required: 0)
                if bound.has("index"), let i = bound["index"]?.intValue {
                    guard layers.indices.contains(i) else { throw ScriptError.valueError("Was asked to retrieve layer at index \(i) but model only has \(layers.count) layers.") }
                    return .object(layers[i])
                }
                let wanted = try bound.string("name")
                guard let found = layers.first(where: { $0.layer.name == wanted }) else {
                    throw ScriptError.valueError("No such layer: \(wanted). Existing layers are: \(PythonFormat.repr(.list(ListStorage(layers.map { .str($0.layer.name) })))).")
                }
                return .object(found)
            })
        case "get_weights":
            return .function(BuiltinFunction(name, isMethod: true) { [self] args in
                _ = try args.bind([])
                return .list(ListStorage(model.layers.flatMap(\.parameters).map { NDArrayObject.value(in: context, .float32($0.value)) }))
            })
        case "set_weights":
            return .function(BuiltinFunction(name, isMethod: true) { [self] args in
                let items = try args.bind(["weights"])["weights"]?.sequenceElements ?? []
                let params = model.layers.flatMap(\.parameters)
                guard items.count == params.count else {
                    throw ScriptError.valueError("You called `set_weights(weights)` on layer '\(model.name)' with a weight list of length \(items.count), but the layer was expecting \(params.count) weights.")
                }
                let tensors = try items.map { try KerasModelObject.array($0, "weights").tensor(charging: context.run) }
                for (p, t) in zip(params, tensors) { try KerasCall.run { try p.assign(t) } }
                return .none
            })
        default:
            return nil
        }
    }

    /// The model's layers called in turn on a `keras.Input` of its input shape (once per set
    /// of layers), so `layer.output` and `keras.Model(model.inputs, ...)` work as in Keras.
    func symbolic() throws -> (input: KerasSymbolicTensor, output: KerasSymbolicTensor) {
        if let g = symbolicGraph, g.layers == layers.count { return (g.input, g.output) }
        guard let shape = model.inputShape, model.isBuilt else {
            throw ScriptError.attributeError("As this model has not been built yet, it has no defined inputs; call it on data or give it a keras.Input first.")
        }
        var spec = LayerSpec(kind: .input)
        spec.inputShape = shape
        let inputLayer = try KerasLayerObject(spec: spec, context: context)
        guard let input = inputLayer.symbolicInput else { throw ScriptError.valueError("keras.Input made no tensor") }
        var current = input
        for layer in layers {
            guard case .object(let t as KerasSymbolicTensor) = try KerasFunctional.call(layer, positional: [.object(current)], keywords: []) else {
                throw ScriptError.valueError("layer \(layer.layer.name) gave no symbolic tensor")
            }
            current = t
        }
        symbolicGraph = (input, current, layers.count)
        return (input, current)
    }
}
