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
