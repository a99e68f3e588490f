import Foundation

/// Keras clips probabilities to [ε, 1−ε] before the log (backend epsilon 1e-7).
let probabilityEpsilon: Float = 1e-7

/// Cross-entropy of `n` rows of `k` outputs against target distributions `t` (one-hot rows).
/// Writes dL/d(input of the final activation) into `grad`, already divided by `n` (mean loss):
/// - `fromLogits` or `fusedSoftmax`: the softmax and the log cancel, so the gradient with
///   respect to the logits is simply (p − t)/n; `out` holds logits (fromLogits) or p (fused).
/// - otherwise `out` holds probabilities and the gradient is −t/(p·n), zero where clipped.
/// Returns the summed loss and the number of rows whose argmax matches the target's.
func crossEntropy(_ out: UnsafePointer<Float>, _ t: UnsafePointer<Float>, n: Int, k: Int,
                  fromLogits: Bool, fusedSoftmax: Bool, grad: UnsafeMutablePointer<Float>) -> (loss: Double, correct: Int) {
    var total = 0.0, correct = 0
    for r in 0..<n {
        let o = out + r * k, tr = t + r * k, g = grad + r * k
        if argmax(o, k) == argmax(tr, k) { correct += 1 }
        if fromLogits {
            var m = -Float.infinity
            for j in 0..<k { m = Swift.max(m, o[j]) }
            var s: Float = 0
            for j in 0..<k { s += expf(o[j] - m) }
            let lse = m + logf(s)
            var l: Float = 0
            for j in 0..<k {
                l += tr[j] * (lse - o[j])
                g[j] = (expf(o[j] - lse) - tr[j]) / Float(n)
            }
            total += Double(l)
        } else {
            var l: Float = 0
            for j in 0..<k {
                let p = Swift.min(Swift.max(o[j], probabilityEpsilon), 1 - probabilityEpsilon)
                l -= tr[j] * logf(p)
                if fusedSoftmax {
                    g[j] = (o[j] - tr[j]) / Float(n)
                } else {
                    g[j] = (o[j] > probabilityEpsilon && o[j] < 1 - probabilityEpsilon) ? -tr[j] / (p * Float(n)) : 0
                }
            }
            total += Double(l)
        }
    }
    return (total, correct)
}

/// Index of the largest of `k` values (the first one on ties, like NumPy).
@inline(__always)
func argmax(_ x: UnsafePointer<Float>, _ k: Int) -> Int {
    var best = 0
    for j in 1..<Swift.max(k, 1) where x[j] > x[best] { best = j }
    return best
}
