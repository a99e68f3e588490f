import CNN

/// What Keras's built-in callbacks read and change of the model being trained, so that
/// EarlyStopping, ReduceLROnPlateau, LearningRateScheduler and ModelCheckpoint run the same
/// code for `Sequential` and for functional graphs.
protocol KerasCallbackModel: AnyObject {
    /// The compiled optimizer (its `learningRate` is what the schedulers change).
    var callbackOptimizer: Optimizer? { get }
    /// Copies of every weight, in the model's order.
    func weightSnapshot() -> [Tensor]
    /// Puts back what `weightSnapshot` returned.
    func restoreWeights(_ weights: [Tensor]) throws
}

extension Sequential: KerasCallbackModel {
    var callbackOptimizer: Optimizer? { optimizer }
    func weightSnapshot() -> [Tensor] { weightTensors().map(\.tensor) }
    func restoreWeights(_ weights: [Tensor]) throws {
        let names = weightTensors().map(\.name)
        guard names.count == weights.count else { throw CNNError.invalidArgument("restoreWeights: \(weights.count) tensors for \(names.count) weights") }
        try setWeights(Dictionary(zip(names, weights).map { ($0, $1) }, uniquingKeysWith: { $1 }))
    }
}

extension GraphModel: KerasCallbackModel {
    var callbackOptimizer: Optimizer? { optimizer }
}

/// A lesson's `keras.Model` subclass: its compiled optimizer and every weight its `weights`
/// lists (its own and its layers'), so built-in callbacks drive it as they drive Sequential.
extension KerasTrackingPart: KerasCallbackModel {
    var callbackOptimizer: Optimizer? { compiled?.optimizer.optimizer }
    private var parameters: [CNN.Parameter] { variables(trainableOnly: false).compactMap { $0.object(as: TFVariableObject.self)?.parameter } }
    func weightSnapshot() -> [Tensor] { parameters.compactMap { try? Tensor($0.value.scalars, shape: $0.value.shape) } }
    func restoreWeights(_ weights: [Tensor]) throws {
        let targets = parameters
        guard targets.count == weights.count else { throw CNNError.invalidArgument("restoreWeights: \(weights.count) tensors for \(targets.count) weights") }
        for (p, w) in zip(targets, weights) { try p.assign(w) }
    }
}
