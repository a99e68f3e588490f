/// Keras's `Dropout`: in training, zeroes each input with probability `rate` and scales the
/// rest by 1/(1−rate) (inverted dropout); the identity at inference.
public final class Dropout: Layer {
    public let rate: Float
    override public var typeName: String { "Dropout" }
    private var rng = SeededRNG(seed: 0)
    private var mask = Scratch(), out = Scratch(), dx = Scratch()
    private var lastWasTraining = false

    public init(rate: Float, name: String? = nil, scope: NameScope) throws {
        guard rate >= 0, rate < 1 else { throw CNNError.invalidArgument("Dropout rate must be in [0, 1) (got \(rate)).") }
        self.rate = rate
        super.init(prefix: "dropout", name: name, inputShape: nil, scope: scope)
    }
    override func reseed(_ seed: UInt64) { rng = SeededRNG(seed: seed) }

    override func forward(_ x: Tensor, training: Bool) -> Tensor {
        lastWasTraining = training && rate > 0
        guard lastWasTraining else { return x }
        let m = mask.get(x.shape), y = out.get(x.shape), keep = 1 / (1 - rate)
        for i in 0..<x.count {
            m.base[i] = rng.nextFloat() >= rate ? keep : 0
            y.base[i] = x.base[i] * m.base[i]
        }
        return y
    }

    override func backward(_ dy: Tensor) -> Tensor {
        guard lastWasTraining else { return dy }
        let d = dx.get(dy.shape), m = mask.tensor
        for i in 0..<dy.count { d.base[i] = dy.base[i] * m.base[i] }
        return d
    }
}
