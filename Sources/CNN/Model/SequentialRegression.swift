/// Sequential's loss of one batch: cross-entropy on its fused kernel, or Keras's
/// mean_squared_error (a regression, `Dense(1)` on numbers), with mean_absolute_error beside it.
extension Sequential {
    /// Summed over the batch's rows (each row's loss a mean over its `k` outputs, as Keras's);
    /// `grad` gets dL/d(output) of the mean loss.
    func batchLoss(_ out: UnsafePointer<Float>, _ t: UnsafePointer<Float>, n: Int, k: Int,
                   fusedSoftmax: Bool, grad: UnsafeMutablePointer<Float>) -> (loss: Double, correct: Int, absError: Double) {
        guard loss?.kind == .meanSquaredError else {
            let r = crossEntropy(out, t, n: n, k: k, fromLogits: loss?.fromLogits ?? false, fusedSoftmax: fusedSoftmax, grad: grad)
            return (r.loss, r.correct, 0)
        }
        var squared = 0.0, absolute = 0.0
        let scale = 2 / Float(Swift.max(n * k, 1))
        for i in 0..<(n * k) {
            let d = out[i] - t[i]
            squared += Double(d * d); absolute += Double(Swift.abs(d))
            grad[i] = scale * d
        }
        return (squared / Double(Swift.max(k, 1)), 0, absolute / Double(Swift.max(k, 1)))
    }

    /// Regression targets: `count` rows as wide as the output (`(N,)` for a `Dense(1)`).
    func regressionTargets(_ y: Tensor, count: Int) throws -> Tensor {
        let width = (outputShape ?? []).reduce(1, *)
        guard y.rank >= 1, y.shape[0] == count, y.count == count * width else {
            throw CNNError.shapeMismatch("Targets of shape \(formatShape(y.shape)) do not fit outputs of shape \(formatBatchShape(outputShape ?? [])).")
        }
        return try y.reshaped([count, width])
    }

    /// What `evaluate` returns, in order: the loss, then the metrics (Keras's list).
    public var evaluateNames: [String] { ["loss"] + names().filter { $0 != "loss" } }
}
