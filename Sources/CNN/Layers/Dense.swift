import CKernels

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
    private var out = Scratch(), dz = Scratch(), dx = Scratch(), partials = Scratch()

    /// `Dense(128, activation='relu')`.
    public init(units: Int, activation: String? = nil, inputShape: [Int]? = nil, name: String? = nil, scope: NameScope) throws {
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
        // Rows split over threads, as in Conv2D (OpenBLAS runs one thread per call).
        parallelChunks(rows, threads: threads) { _, rs in
            let yp = y.base + rs.lowerBound * units
            gemm(rs.count, units, fanIn, x.base + rs.lowerBound * fanIn, kernel.value.base, yp)
            ck_bias_act(yp, bias.value.base, rs.count, units, activation == .relu ? 1 : 0)
            if activation != .relu { activation.forward(yp, count: rs.count * units, width: units) }
        }
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
        let dxT = dx.get(input.shape)
        let partial = partials.get([Swift.max(threads - 1, 1), fanIn * units + units])
        // Part 0 writes the gradients, the others partials added afterwards in a fixed order.
        parallelChunks(rows, threads: threads) { part, rs in
            let dp = d.base + rs.lowerBound * units
            let dW = part == 0 ? kernel.grad.base : partial.base + (part - 1) * (fanIn * units + units)
            let db = part == 0 ? bias.grad.base : dW + fanIn * units
            ck_bias_grad(dp, rs.count, units, db)
            gemm(fanIn, units, rs.count, input.base + rs.lowerBound * fanIn, transA: true, dp, dW)
            guard needsInputGradient else { return }
            gemm(rs.count, fanIn, units, dp, kernel.value.base, transB: true, dxT.base + rs.lowerBound * fanIn)
        }
        addPartials(partial.base, parts: partCount(rows, threads: threads) - 1, stride: fanIn * units + units,
                    kernelCount: fanIn * units, kernelGrad: kernel.grad.base, biasGrad: bias.grad.base, threads: threads)
        return dxT
    }
}
