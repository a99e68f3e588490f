import Foundation

extension Parameter {
    /// Replaces the weights (Keras's `set_weights`); the shape must be the parameter's.
    public func assign(_ t: Tensor) throws {
        guard t.shape == value.shape else {
            throw CNNError.shapeMismatch("Layer weight shape \(formatShape(value.shape)) not compatible with provided weight shape \(formatShape(t.shape))")
        }
        value = copied(t)
    }
}

extension GraphModel {
    /// Copies of every weight in `parameters` order (what EarlyStopping keeps of its best epoch).
    public func weightSnapshot() -> [Tensor] { parameters.map { $0.value.copied() } }

    /// Puts back what `weightSnapshot` returned; the count and every shape must match.
    public func restoreWeights(_ weights: [Tensor]) throws {
        let params = parameters
        guard params.count == weights.count else {
            throw CNNError.invalidArgument("Model '\(name)' has \(params.count) weights but \(weights.count) were given.")
        }
        for (p, w) in zip(params, weights) { try p.assign(w) }
    }
}
