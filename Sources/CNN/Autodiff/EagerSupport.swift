import Foundation

/// What eager lesson code needs of layers, parameters and optimizers outside a model: a
/// layer built on the first input it sees, a weight made by `add_weight` or `tf.Variable`,
/// and `optimizer.apply_gradients` with gradients a tape computed.
extension Layer {
    /// Builds the layer for `inputShape` (per sample) if it is not built; a built layer must
    /// see the shape it was built for.
    public func buildIfNeeded(inputShape: [Int], rng: inout SeededRNG) throws {
        if isBuilt {
            guard self.inputShape == inputShape else {
                throw shapeError("expected \(formatBatchShape(self.inputShape))", inputShape)
            }
            return
        }
        try build(inputShape: inputShape, rng: &rng)
        needsInputGradient = true
    }

    /// Threads the layer splits a batch over when called eagerly.
    public func useThreads(_ n: Int) { threads = Swift.max(1, n) }
}

extension Parameter {
    /// A weight of lesson code (`add_weight`, `tf.Variable`), holding a copy of `value`.
    public static func make(name: String, value: Tensor) -> Parameter { Parameter(name: name, value: copied(value)) }
}

extension Optimizer {
    /// Keras's `optimizer.apply(grads, variables)`: one step with these gradients (each of
    /// its parameter's shape), slots kept per parameter as in `fit`.
    public func apply(_ pairs: [(Parameter, Tensor)], threads: Int = 1) throws {
        for (p, g) in pairs where g.shape != p.value.shape {
            throw CNNError.shapeMismatch("Gradient of shape \(formatShape(g.shape)) for variable '\(p.name)' of shape \(formatShape(p.value.shape))")
        }
        for (p, g) in pairs {
            p.grad.withUnsafeMutableBufferPointer { d in g.withUnsafeBufferPointer { for i in d.indices { d[i] = $0[i] } } }
        }
        step(pairs.map(\.0), threads: threads)
    }
}

/// The seeded initializers of `add_weight` (Keras's names and defaults).
public enum Initializer {
    public static func make(_ name: String, shape: [Int], rng: inout SeededRNG) throws -> Tensor {
        let t = Tensor(zeros: shape), p = t.base
        let fanIn = shape.count >= 2 ? shape.dropLast().reduce(1, *) : (shape.first ?? 1)
        let fanOut = shape.last ?? 1
        switch name {
        case "zeros", "zero": break
        case "ones", "one": for i in 0..<t.count { p[i] = 1 }
        case "glorot_uniform": return glorotUniform(shape, fanIn: fanIn, fanOut: fanOut, rng: &rng)
        case "random_uniform", "uniform": for i in 0..<t.count { p[i] = (rng.nextFloat() * 2 - 1) * 0.05 }
        case "random_normal", "normal", "he_normal", "glorot_normal":
            let std: Float = name == "random_normal" || name == "normal" ? 0.05 : name == "he_normal" ? (2 / Float(fanIn)).squareRoot() : (2 / Float(fanIn + fanOut)).squareRoot()
            for i in 0..<t.count {
                // Box–Muller from two uniforms of the seeded stream.
                let u = Swift.max(rng.nextFloat(), 1e-7), v = rng.nextFloat()
                p[i] = std * (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Float.pi * v)
            }
        default:
            throw CNNError.invalidArgument("Unknown initializer '\(name)' (supported: zeros, ones, glorot_uniform, glorot_normal, he_normal, random_normal (normal), random_uniform (uniform))")
        }
        return t
    }
}

extension DenseTensor where Element == Float {
    /// A copy with storage of its own (a layer's buffers and weights change under a view).
    public var detached: Tensor { CNN.copied(self) }
}

extension History {
    /// Appends one epoch's logs (training loops outside `fit`: subclassed models).
    public mutating func record(_ metrics: [(String, Double)], epoch: Int) { append(metrics, epoch: epoch) }
}

extension Variable {
    /// True when a tape tracks it (gradients can flow into it).
    public var isTracked: Bool { id != nil }
}

extension History {
    /// An empty history (filled with `record`).
    public static func empty() -> History { History(keys: [], history: [:], epochs: []) }
}
