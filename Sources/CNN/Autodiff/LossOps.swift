import Foundation

extension Ops {
    /// Keras's categorical cross-entropy, mean over the batch, a scalar. `targets` are one-hot
    /// rows (see `oneHot`); on the shared kernel, so clipping and the logits form match `fit`.
    public static func crossEntropy(_ output: Variable, targets: Tensor, fromLogits: Bool, tape: Tape?) throws -> Variable {
        guard output.shape == targets.shape, let k = output.shape.last, k > 0 else {
            throw CNNError.shapeMismatch("cross-entropy: output of shape \(formatShape(output.shape)) and targets of shape \(formatShape(targets.shape))")
        }
        let n = output.value.count / k
        let g = Tensor(zeros: output.shape)
        let (loss, _) = CNN.crossEntropy(output.value.base, targets.base, n: n, k: k, fromLogits: fromLogits, fusedSoftmax: false, grad: g.base)
        let y = Tensor(shape: [], repeating: Float(loss / Double(Swift.max(n, 1))))
        guard let tape else { return Variable(constant: y) }
        return tape.record(y, inputs: [output]) { dy, _ in [Ops.map([g]) { i, p in p[0][i] * dy.base[0] }] }
    }

    /// Keras's mean squared error, mean over every element, a scalar.
    public static func meanSquaredError(_ output: Variable, targets: Tensor, tape: Tape?) throws -> Variable {
        guard output.value.count == targets.count else {
            throw CNNError.shapeMismatch("mean_squared_error: output of shape \(formatShape(output.shape)) and targets of shape \(formatShape(targets.shape))")
        }
        let n = Swift.max(targets.count, 1), o = output.value.base, t = targets.base
        var s = 0.0
        for i in 0..<targets.count { let d = Double(o[i] - t[i]); s += d * d }
        let y = Tensor(shape: [], repeating: Float(s / Double(n)))
        guard let tape else { return Variable(constant: y) }
        return tape.record(y, inputs: [output]) { dy, _ in
            [Ops.map([output.value, targets]) { i, p in 2 * (p[0][i] - p[1][i]) / Float(n) * dy.base[0] }]
        }
    }

    /// Integer labels as one-hot rows of `classes`; throws on a label outside [0, classes).
    public static func oneHot(_ labels: Tensor, classes: Int) throws -> Tensor {
        let (_, overflow) = labels.count.multipliedReportingOverflow(by: classes)
        guard classes > 0, !overflow else { throw CNNError.invalidArgument("one-hot: \(classes) classes") }
        let out = Tensor(zeros: [labels.count, classes])
        for i in 0..<labels.count {
            let v = labels.base[i]
            guard v.isFinite, v >= 0, v < Float(classes), v == v.rounded() else {
                throw CNNError.invalidArgument("Received a label value of \(v) which is outside the valid range of [0, \(classes - 1)].")
            }
            out.base[i * classes + Int(v)] = 1
        }
        return out
    }
}
