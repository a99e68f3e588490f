import CNN
import NumPy
import Script

/// `layer(x)` on a concrete array or tensor (`layers.Dense(3)(ops.ones((1, 4)))`): Keras builds
/// the layer for x's shape on first use and returns the output as an eager `tf.Tensor`.
enum KerasEagerLayerCall {
    static func call(_ layer: KerasLayerObject, _ value: Value, training: Bool) throws -> Value {
        let context = layer.context
        let x = try KerasModelObject.array(value, "inputs")
        guard x.ndim >= 2 else {
            throw ScriptError.valueError("Input 0 of layer \"\(layer.layer.name)\" is incompatible with the layer: expected a batch of samples, found ndim=\(x.ndim). Full shape received: \(shapeText(x.shape.map { $0 }))")
        }
        let sample = Array(x.shape.dropFirst())
        if !layer.layer.isBuilt {
            try KerasMemory.chargeWeights(layer.spec, input: sample, run: context.run)
            var rng = SeededRNG(seed: context.nextModelSeed())
            // Building on a throwaway symbolic input is how the functional API builds it too.
            let input = try KerasCall.run { try GraphNode.input(shape: sample, name: "\(layer.layer.name)_eager_input", scope: context.scope) }
            _ = try KerasCall.run { try input.applying(layer.layer, rng: &rng) }
            context.performed(.build)
        }
        try KerasMemory.chargePass("__call__", specs: [layer.spec], sample: sample, samples: x.shape.first ?? 1, batch: x.shape.first ?? 1,
                                   training: false, unbuilt: false, run: context.run)
        let y = try KerasCall.run { try Ops.apply(layer.layer, Variable(constant: try x.tensor(charging: context.run)), training: training, tape: nil) }
        return TFTensorObject.value(.float32(y.value), context: context)
    }
}
