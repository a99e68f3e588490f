import Foundation

extension Ops {
    /// Runs a built layer (Conv2D, Dense, MaxPooling2D, Flatten, Dropout, …) as one op, on its
    /// own forward and backward kernels. The layer's output buffer is reused by its next call,
    /// so the value is copied; a layer called several times (shared) recomputes the forward of
    /// the call being differentiated before its backward, and its parameter gradients add up.
    /// (Dropout in training draws a new mask when recomputed: do not share a Dropout.)
    public static func apply(_ layer: Layer, _ x: Variable, training: Bool, tape: Tape?) throws -> Variable {
        guard layer.isBuilt else { throw CNNError.invalidArgument("Layer '\(layer.name)' is called before it is built") }
        guard Array(x.shape.dropFirst()) == layer.inputShape else {
            throw layer.shapeError("expected \(formatBatchShape(layer.inputShape))", Array(x.shape.dropFirst()))
        }
        try layer.validate(x.value)
        let y = copied(layer.forward(x.value, training: training))
        guard let tape else { return Variable(constant: y) }
        let key = ObjectIdentifier(layer), input = x.value, needsDx = x.id != nil
        var me = 0
        let out = tape.record(y, inputs: [x]) { [unowned tape] dy, grads in
            if tape.lastForward[key] != me {
                _ = layer.forward(input, training: training)
                tape.lastForward[key] = me
            }
            for p in layer.parameters { p.grad.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
            let saved = layer.needsInputGradient
            layer.needsInputGradient = needsDx
            defer { layer.needsInputGradient = saved }
            let dx = layer.backward(dy)
            for p in layer.parameters { grads.accumulate(p.grad, into: p) }
            return [needsDx ? copied(dx) : nil]
        }
        me = out.id ?? -1
        tape.lastForward[key] = me
        return out
    }
}

extension Ops {
    /// A run of built layers as one op (`LayerChain`): no layer of it appears twice and nothing
    /// else reads the values between them, so they pass buffers without copies and take the
    /// fused Conv2D → MaxPooling2D kernels, as a Sequential does. Only the run's output (and
    /// its input gradient) is copied. If a layer of the run was called elsewhere since (a
    /// model called twice on one tape), the backward runs the whole forward again first.
    public static func apply(chain layers: [Layer], _ x: Variable, training: Bool, tape: Tape?) throws -> Variable {
        // A layer twice in the run would overwrite the buffers its first call's backward needs.
        guard layers.count > 1, let first = layers.first, Set(layers.map(ObjectIdentifier.init)).count == layers.count else {
            return try layers.reduce(x) { try apply($1, $0, training: training, tape: tape) }
        }
        var shape = Array(x.shape.dropFirst())
        for l in layers {
            guard l.isBuilt else { throw CNNError.invalidArgument("Layer '\(l.name)' is called before it is built") }
            guard shape == l.inputShape else { throw l.shapeError("expected \(formatBatchShape(l.inputShape))", shape) }
            shape = l.outputShape
        }
        try first.validate(x.value)
        let y = copied(LayerChain.forward(layers, x.value, training: training))
        guard let tape else { return Variable(constant: y) }
        let keys = layers.map(ObjectIdentifier.init), input = x.value, needsDx = x.id != nil
        var me = 0
        let out = tape.record(y, inputs: [x]) { [unowned tape] dy, grads in
            if keys.contains(where: { tape.lastForward[$0] != me }) {
                _ = LayerChain.forward(layers, input, training: training)
                for k in keys { tape.lastForward[k] = me }
            }
            let saved = layers.map(\.needsInputGradient)
            for (i, l) in layers.enumerated() {
                l.needsInputGradient = i > 0 || needsDx
                for p in l.parameters { p.grad.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
            }
            defer { for (l, s) in zip(layers, saved) { l.needsInputGradient = s } }
            let dx = LayerChain.backward(layers, dy)
            for l in layers { for p in l.parameters { grads.accumulate(p.grad, into: p) } }
            return [needsDx ? copied(dx) : nil]
        }
        me = out.id ?? -1
        for k in keys { tape.lastForward[k] = me }
        return out
    }
}
