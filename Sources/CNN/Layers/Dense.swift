/// Fully connected layer, Keras's `Dense`: kernel (in, units), glorot_uniform, zero bias.
/// On inputs of rank > 2 it acts on the last axis, as Keras does.
public final class Dense: Layer {
    public let units: Int
    public let activation: Activation
    public private(set) var kernel: Parameter?
    public private(set) var bias: Parameter?
    override public var typeName: String { "Dense" }
    override public var parameters: [Parameter] { [kernel, bias].compactMap { $0 } }
    private var input = Tensor(zeros: [0])
    private var out = Scratch(), dz = Scratch(), dx = Scratch()

    /// `Dense(128, activation='relu')`.
    public init(units: Int, activation: String? = nil, inputShape: [Int]? = nil, name: String? = nil, scope: NameScope = .shared) throws {
        guard units > 0 else { throw CNNError.invalidArgument("Dense needs a positive number of units (got \(units)).") }
        self.units = units
        self.activation = try Activation(name: activation)
        super.init(prefix: "dense", name: name, inputShape: inputShape, scope: scope)
    }

    override func computeOutputShape(_ s: [Int]) throws -> [Int] {
        guard let last = s.last, last > 0 else { throw shapeError("Dense needs a non-empty last axis", s) }
        return s.dropLast() + [units]
    }

    override func build(inputShape s: [Int], rng: inout SeededRNG) throws {
        try super.build(inputShape: s, rng: &rng)
        let fanIn = s[s.count - 1]
        kernel = Parameter(name: "kernel", value: glorotUniform([fanIn, units], fanIn: fanIn, fanOut: units, rng: &rng))
        bias = Parameter(name: "bias", value: Tensor(zeros: [units]))
    }

    override func forward(_ x: Tensor, training: Bool) -> Tensor {
        guard let kernel, let bias else { preconditionFailure("\(name) used before build") }
        let fanIn = inputShape[inputShape.count - 1], rows = x.count / fanIn
        input = x
        let y = out.get(Array(x.shape.dropLast()) + [units])
        for r in 0..<rows { (y.base + r * units).update(from: bias.value.base, count: units) }
        gemm(rows, units, fanIn, x.base, kernel.value.base, y.base, beta: 1)
        activation.forward(y.base, count: y.count, width: units)
        return y
    }

    override func backward(_ dy: Tensor) -> Tensor {
        let d = dz.get(dy.shape)
        activation.backward(out.tensor.base, from: dy.base, into: d.base, count: d.count, width: units)
        return backwardLinear(d)
    }

    /// Backward from dL/d(pre-activation), used when softmax is fused into the loss.
    func backwardLinear(_ d: Tensor) -> Tensor {
        guard let kernel, let bias else { preconditionFailure("\(name) used before build") }
        let fanIn = inputShape[inputShape.count - 1], rows = d.count / units
        let db = bias.grad.base
        db.update(repeating: 0, count: units)
        for r in 0..<rows { let row = d.base + r * units; for u in 0..<units { db[u] += row[u] } }
        gemm(fanIn, units, rows, input.base, transA: true, d.base, kernel.grad.base)
        let dxT = dx.get(input.shape)
        guard needsInputGradient else { return dxT }
        gemm(rows, fanIn, units, d.base, kernel.value.base, transB: true, dxT.base)
        return dxT
    }
}
