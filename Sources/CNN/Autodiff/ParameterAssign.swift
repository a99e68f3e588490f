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
