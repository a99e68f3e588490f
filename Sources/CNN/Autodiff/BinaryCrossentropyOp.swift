import Foundation

extension Ops {
    /// Keras's binary cross-entropy on probabilities: each element clipped to [ε, 1 − ε]
    /// (ε = 1e-7, so log never sees 0), −(y·log p + (1 − y)·log(1 − p)), mean over every element
    /// (Keras's mean over the last axis, then over the batch). A clipped element passes no gradient.
    public static func binaryCrossentropy(_ output: Variable, targets: Tensor, fromLogits: Bool = false, tape: Tape?) throws -> Variable {
        guard output.value.count == targets.count else {
            throw CNNError.shapeMismatch("binary_crossentropy: output of shape \(formatShape(output.shape)) and targets of shape \(formatShape(targets.shape))")
        }
        let n = Swift.max(targets.count, 1), eps: Float = 1e-7
        let o = output.value.base, t = targets.base
        let g = Tensor(zeros: output.shape), gp = g.base
        var s = 0.0
        for i in 0..<targets.count {
            let y = t[i]
            if fromLogits {
                // Stable form: max(z, 0) − z·y + log(1 + e^−|z|); d/dz = σ(z) − y.
                let z = o[i]
                s += Double(Swift.max(z, 0) - z * y + log1pf(expf(-abs(z))))
                gp[i] = (1 / (1 + expf(-z)) - y) / Float(n)
            } else {
                let raw = o[i], p = Swift.min(Swift.max(raw, eps), 1 - eps)
                s -= Double(y * logf(p) + (1 - y) * logf(1 - p))
                gp[i] = raw > eps && raw < 1 - eps ? (-y / p + (1 - y) / (1 - p)) / Float(n) : 0
            }
        }
        let loss = Tensor(shape: [], repeating: Float(s / Double(n)))
        guard let tape else { return Variable(constant: loss) }
        return tape.record(loss, inputs: [output]) { dy, _ in [Ops.map([g]) { i, p in p[0][i] * dy.base[0] }] }
    }
}
