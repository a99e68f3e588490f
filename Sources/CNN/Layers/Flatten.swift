/// Keras's `Flatten`: (N, ...) → (N, product), without copying.
public final class Flatten: Layer {
    override public var typeName: String { "Flatten" }
    public init(name: String? = nil, scope: NameScope) {
        super.init(prefix: "flatten", name: name, inputShape: nil, scope: scope)
    }
    override func computeOutputShape(_ s: [Int]) throws -> [Int] { [s.reduce(1, *)] }
    override func forward(_ x: Tensor, training: Bool) -> Tensor {
        // Reshape cannot fail: the count is unchanged.
        (try? x.reshaped([x.shape[0], outputShape[0]])) ?? x
    }
    override func backward(_ dy: Tensor) -> Tensor { (try? dy.reshaped([dy.shape[0]] + inputShape)) ?? dy }
}
