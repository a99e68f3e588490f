import Foundation

extension Ops {
    /// The element-wise losses Keras averages over the last axis (`mean_squared_error`,
    /// `mean_absolute_error`, `binary_crossentropy`).
    public enum ElementwiseLoss: Sendable { case squaredError, absoluteError, binaryCrossentropy(fromLogits: Bool) }

    /// Each element's loss of `output` against `targets` (equal counts), in `output`'s shape,
    /// with its backward. Binary cross-entropy on probabilities clips them to [1e-7, 1 − 1e-7]
    /// as Keras's TensorFlow backend does; a clipped element passes no gradient.
    public static func elementwiseLoss(_ kind: ElementwiseLoss, _ output: Variable, targets: Tensor, tape: Tape?) throws -> Variable {
        guard output.value.count == targets.count else {
            throw CNNError.shapeMismatch("y_true of shape \(formatShape(targets.shape)) and y_pred of shape \(formatShape(output.shape)) do not match")
        }
        let eps: Float = 1e-7
        let o = output.value.base, t = targets.base
        let y = Tensor(zeros: output.shape), g = Tensor(zeros: output.shape), py = y.base, pg = g.base
        for i in 0..<targets.count {
            let z = o[i], label = t[i]
            switch kind {
            case .squaredError: py[i] = (z - label) * (z - label); pg[i] = 2 * (z - label)
            case .absoluteError: py[i] = Swift.abs(z - label); pg[i] = z > label ? 1 : z < label ? -1 : 0
            case .binaryCrossentropy(true):
                // Stable form: max(z, 0) − z·y + log(1 + e^−|z|); d/dz = σ(z) − y.
                py[i] = Swift.max(z, 0) - z * label + log1pf(expf(-Swift.abs(z)))
                pg[i] = 1 / (1 + expf(-z)) - label
            case .binaryCrossentropy(false):
                let p = Swift.min(Swift.max(z, eps), 1 - eps)
                py[i] = -(label * logf(p) + (1 - label) * logf(1 - p))
                pg[i] = z > eps && z < 1 - eps ? -label / p + (1 - label) / (1 - p) : 0
            }
        }
        guard let tape else { return Variable(constant: y) }
        return tape.record(y, inputs: [output]) { dy, _ in [Ops.map([dy, g]) { i, p in p[0][i] * p[1][i] }] }
    }
}
