import Foundation

/// Updates parameters from their gradients. Slots (moments) are kept per parameter.
public class Optimizer {
    public var learningRate: Float
    var iterations = 0
    var slots: [ObjectIdentifier: [Tensor]] = [:]
    init(learningRate: Float) { self.learningRate = learningRate }
    /// Keras's name: "adam", "sgd", "rmsprop".
    public static func named(_ name: String) throws -> Optimizer {
        switch name.lowercased() {
        case "adam": return Adam()
        case "sgd": return SGD()
        case "rmsprop": return RMSprop()
        default: throw CNNError.invalidArgument("Unknown optimizer '\(name)'. Supported: 'adam', 'sgd', 'rmsprop'.")
        }
    }
    func step(_ params: [Parameter]) {
        iterations += 1
        for p in params {
            let s = slots[ObjectIdentifier(p)] ?? makeSlots(p)
            slots[ObjectIdentifier(p)] = s
            // Element-wise, so large tensors split over the threads without changing results.
            let w = p.value.base, g = p.grad.base
            if p.value.count < 16_384 { update(w, g, p.value.count, s); continue }
            parallelChunks(p.value.count) { _, r in
                update(w + r.lowerBound, g + r.lowerBound, r.count, s.map { $0.slice(r.lowerBound..<r.upperBound) })
            }
        }
    }
    /// Flat slot tensors (one per moment), so element ranges can be sliced.
    func makeSlots(_ p: Parameter) -> [Tensor] { [] }
    func update(_ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ n: Int, _ slots: [Tensor]) {}
}

/// Adam with Keras's defaults (lr 0.001, β₁ 0.9, β₂ 0.999, ε 1e-7) and Keras's update form.
public final class Adam: Optimizer {
    public let beta1: Float, beta2: Float, epsilon: Float
    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7) {
        self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon
        super.init(learningRate: learningRate)
    }
    override func makeSlots(_ p: Parameter) -> [Tensor] { [Tensor(zeros: [p.value.count]), Tensor(zeros: [p.value.count])] }
    override func update(_ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ n: Int, _ s: [Tensor]) {
        let t = Float(iterations)
        let lr = learningRate * (1 - powf(beta2, t)).squareRoot() / (1 - powf(beta1, t))
        let m = s[0].base, v = s[1].base
        let b1 = F8(repeating: 1 - beta1), b2 = F8(repeating: 1 - beta2), lr8 = F8(repeating: lr), e8 = F8(repeating: epsilon)
        var i = 0
        while i + 8 <= n {
            let gi = load8(g + i)
            var mi = load8(m + i), vi = load8(v + i)
            mi += (gi - mi) * b1
            vi += (gi * gi - vi) * b2
            store8(mi, m + i); store8(vi, v + i)
            store8(load8(w + i) - lr8 * mi / (vi.squareRoot() + e8), w + i)
            i += 8
        }
        while i < n {
            m[i] += (g[i] - m[i]) * (1 - beta1)
            v[i] += (g[i] * g[i] - v[i]) * (1 - beta2)
            w[i] -= lr * m[i] / (v[i].squareRoot() + epsilon)
            i += 1
        }
    }
}

/// SGD, with Keras's momentum form: v = μ·v − lr·g; w += v.
public final class SGD: Optimizer {
    public let momentum: Float
    public init(learningRate: Float = 0.01, momentum: Float = 0) {
        self.momentum = momentum
        super.init(learningRate: learningRate)
    }
    override func makeSlots(_ p: Parameter) -> [Tensor] { momentum == 0 ? [] : [Tensor(zeros: [p.value.count])] }
    override func update(_ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ n: Int, _ s: [Tensor]) {
        if momentum == 0 { for i in 0..<n { w[i] -= learningRate * g[i] }; return }
        let v = s[0].base
        for i in 0..<n { v[i] = momentum * v[i] - learningRate * g[i]; w[i] += v[i] }
    }
}

/// RMSprop with Keras's defaults (lr 0.001, ρ 0.9, ε 1e-7).
public final class RMSprop: Optimizer {
    public let rho: Float, epsilon: Float
    public init(learningRate: Float = 0.001, rho: Float = 0.9, epsilon: Float = 1e-7) {
        self.rho = rho; self.epsilon = epsilon
        super.init(learningRate: learningRate)
    }
    override func makeSlots(_ p: Parameter) -> [Tensor] { [Tensor(zeros: [p.value.count])] }
    override func update(_ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ n: Int, _ s: [Tensor]) {
        let v = s[0].base
        for i in 0..<n {
            v[i] = rho * v[i] + (1 - rho) * g[i] * g[i]
            w[i] -= learningRate * g[i] / (v[i].squareRoot() + epsilon)
        }
    }
}
