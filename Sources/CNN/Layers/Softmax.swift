/// Keras's `Softmax` layer (axis=-1): turns each row of logits into probabilities. No weights.
public final class Softmax: Layer {
    override public var typeName: String { "Softmax" }
    private var out = Scratch(), dx = Scratch()

    public init(name: String? = nil, scope: NameScope) {
        super.init(prefix: "softmax", name: name, inputShape: nil, scope: scope)
    }

    override func computeOutputShape(_ s: [Int]) throws -> [Int] {
        guard let last = s.last, last > 0 else { throw shapeError("Softmax needs a last axis", s) }
        return s
    }

    override func forward(_ x: Tensor, training: Bool) -> Tensor {
        let y = out.get(x.shape), width = inputShape.last ?? 1
        y.base.update(from: x.base, count: x.count)
        Activation.softmax.forward(y.base, count: x.count, width: width)
        return y
    }

    override func backward(_ dy: Tensor) -> Tensor {
        let d = dx.get(dy.shape), width = inputShape.last ?? 1
        Activation.softmax.backward(out.tensor.base, from: dy.base, into: d.base, count: dy.count, width: width)
        return d
    }
}
