import CNN
import Script

/// `Dense(..., kernel_regularizer=, bias_regularizer=, activity_regularizer=)` and the same on `Conv2D`: a name
/// ("l1", "l2", "l1_l2") or a `keras.regularizers` object. As in Keras 3, each penalty of a
/// trainable weight (and of each output, over the batch size) is one of the model's `losses`, and fit/evaluate add their sum to the loss
/// (functional graphs through `GraphModel.extraLosses`, subclassed models through
/// `compute_loss`; a Sequential holding one is made as a graph, KerasSequentialOfModels.swift).
extension KerasLayerObject {
    func readRegularizers(_ args: Arguments) throws {
        guard spec.kind == .dense || spec.kind == .conv2D else { return }
        func given(_ key: String) -> Value { args.keywords.first { $0.0 == key }?.1 ?? .none }
        kernelRegularizer = try KerasRegularizerObject.from(given("kernel_regularizer"), context: context)
        biasRegularizer = try KerasRegularizerObject.from(given("bias_regularizer"), context: context)
        activityRegularizer = try KerasRegularizerObject.from(given("activity_regularizer"), context: context)
    }

    var isRegularized: Bool { kernelRegularizer != nil || biasRegularizer != nil || activityRegularizer != nil }

    /// Keras 3's activity penalty: the regularizer of the output over the batch size.
    func activityPenalty(_ y: Variable, tape: Tape?) throws -> Variable? {
        guard let activityRegularizer, let batch = y.shape.first, batch > 0 else { return nil }
        return try Ops.binary(.divide, try activityRegularizer.penalty(y, tape: tape), Variable(constant: Tensor(shape: [], repeating: Float(batch))), tape: tape)
    }

    private func regularizer(of p: CNN.Parameter) -> KerasRegularizerObject? {
        p === layer.parameters.first ? kernelRegularizer : layer.parameters.count > 1 && p === layer.parameters[1] ? biasRegularizer : nil
    }

    /// The penalties of the trainable weights, on `tape` (a graph's training step).
    func penalties(tape: Tape?) throws -> [Variable] {
        guard trainable else { return [] }
        return try layer.parameters.compactMap { p in try regularizer(of: p).map { try $0.penalty(Ops.read(p, tape: tape), tape: tape) } }
    }

    /// The same as lesson values (`model.losses`), on the open GradientTape if there is one.
    func penaltyValues() throws -> [Value] {
        guard trainable else { return [] }
        return try layer.parameters.compactMap { p in
            try regularizer(of: p).map { try $0.call(positional: [.object(TFVariableObject(p, path: "\(layer.name)/\(p.name)", context: context))], keywords: []) }
        }
    }
}

extension KerasFunctionalModelObject {
    /// Every weight penalty of the graph's layers (nested models' included), on `tape`.
    func penalties(tape: Tape?) throws -> [Variable] {
        try layerObjects.flatMap { o -> [Variable] in
            if let l = o as? KerasLayerObject { return try l.penalties(tape: tape) }
            if let f = o as? KerasFunctionalModelObject { return try f.penalties(tape: tape) }
            return []
        }
    }

    /// Keras's `model.losses`: the weight penalties and what lesson layers added in the latest call.
    func lossValues() throws -> [Value] {
        try layerObjects.flatMap { o -> [Value] in
            if let l = o as? KerasLayerObject { return try l.penaltyValues() }
            if let f = o as? KerasFunctionalModelObject { return try f.lossValues() }
            if let part = KerasTrackingPart.part(of: .object(o)) { return try part.losses() }
            return []
        }
    }
}
