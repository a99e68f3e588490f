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
    private var out = Scratch(), dz = Scratch(), dx = Scratch()

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
        // The units split over threads, the whole batch in each product: every thread packs
        // only its share of the kernel (packing the whole kernel for half a batch of 32 rows
        // each cost more than the product), and each output is one thread's.
        parallelChunks(units, threads: threads, on: workers) { _, us in
            gemm(rows, us.count, fanIn, x.base, lda: fanIn, kernel.value.base + us.lowerBound, ldb: units,
                 y.base + us.lowerBound, ldc: units)
        }
        parallelChunks(rows, threads: rows * units < 65_536 ? 1 : threads, on: workers) { _, rs in
            let yp = y.base + rs.lowerBound * units
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
        // Split over the inputs (fanIn): thread t computes the kernel gradient's rows and the
        // input gradient's columns of its share, each over the whole batch, so no partial
        // gradients are summed afterwards and each element is one thread's (deterministic).
        ck_bias_grad(d.base, rows, units, bias.grad.base)
        parallelChunks(fanIn, threads: threads, on: workers) { _, cs in
            // dW[cs, :] = x[:, cs]ᵀ · d;  dx[:, cs] = d · W[cs, :]ᵀ.
            gemm(cs.count, units, rows, input.base + cs.lowerBound, lda: fanIn, transA: true, d.base, ldb: units,
                 kernel.grad.base + cs.lowerBound * units, ldc: units)
            guard needsInputGradient else { return }
            gemm(rows, cs.count, units, d.base, lda: units, kernel.value.base + cs.lowerBound * units, ldb: units, transB: true,
                 dxT.base + cs.lowerBound, ldc: fanIn)
        }
        return dxT
    }
}
