import CNN
import Script

/// `self.add_loss(value)` in a lesson layer's or model's `call`, and `layer.losses`: the
/// values added during the latest outermost call (Keras clears them when a call starts with
/// no other layer's call running), those of the layers inside, then the penalties of the
/// trainable weights that have a regularizer. `fit` adds their sum to the compiled loss.
extension KerasTrackingPart {
    func addLoss(_ args: Arguments) throws -> Value {
        let value = try args.bind(["loss"])["loss"] ?? .none
        for x in TFEager.flatten(value) {
            guard x.object(as: TFTensorObject.self) != nil || x.object(as: TFVariableObject.self) != nil else {
                throw ScriptError.valueError("`add_loss()` can only be called from inside `build()` or `call()`, on a tensor input. Received invalid value: \(x.str)")
            }
            addedLosses.append(x)
        }
        return .none
    }

    /// Keras's `_flatten_layers(include_self=False)`: a deque of the layers, each one's own
    /// layers pushed in front of it as it is reached.
    func flattenedParts() -> [KerasTrackingPart] {
        var deque = layerValues, out: [KerasTrackingPart] = [], seen: Set<ObjectIdentifier> = [ObjectIdentifier(instance)]
        while !deque.isEmpty {
            let v = deque.removeFirst()
            guard let part = Self.part(of: v), seen.insert(ObjectIdentifier(part.instance)).inserted else { continue }
            out.append(part)
            deque.insert(contentsOf: part.layerValues.reversed(), at: 0)
        }
        return out
    }

    /// At the start of an outermost call, the losses of the last one go.
    func clearLosses() {
        addedLosses = []
        for part in flattenedParts() { part.addedLosses = [] }
    }

    func losses() throws -> [Value] {
        var out = addedLosses
        for part in flattenedParts() { out += part.addedLosses }
        for v in variables(trainableOnly: true) {
            guard let w = v.object(as: TFVariableObject.self), let r = context.eager.regularizer(of: w.parameter) else { continue }
            out.append(try r.call(positional: [v], keywords: []))
        }
        // Built-in layers' kernel_regularizer / bias_regularizer (KerasLayerRegularizers.swift).
        guard trainable else { return out }
        for v in layerValues {
            if let l = v.object(as: KerasLayerObject.self) { out += try l.penaltyValues() }
            else if let f = v.object(as: KerasFunctionalModelObject.self) { out += try f.lossValues() }
        }
        for part in flattenedParts() where part.trainable {
            for v in part.layerValues { if let l = v.object(as: KerasLayerObject.self) { out += try l.penaltyValues() } }
        }
        return out
    }

    /// Keras 3's `compute_loss`: the compiled loss (when there is one) plus the sum of each of
    /// `self.losses`, on the tape that recorded `y_pred`.
    func computeLoss(y: Value, yPred: Value) throws -> Value {
        var terms: [Value] = []
        if let loss = compiled?.loss {
            guard let interpreter = context.interpreter else { throw ScriptError.runtimeError("compute_loss: no interpreter") }
            terms.append(try interpreter.call(loss, positional: [y, yPred]))
        }
        terms += try losses()
        guard !terms.isEmpty else { throw ScriptError.valueError("No loss to compute. Provide a `loss` argument in `compile()`.") }
        if terms.count == 1 { return terms[0] }
        return try TFOps.op(terms, context) { vs, tape in try Ops.add(vs.map { Ops.sum($0, tape: tape) }, tape: tape) }
    }
}
