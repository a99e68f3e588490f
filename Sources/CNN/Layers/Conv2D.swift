/// 2-D convolution over NHWC images, Keras's `Conv2D`: kernel (kH, kW, inChannels, filters),
/// glorot_uniform, zero bias. Computed as im2col + one GEMM per batch.
public final class Conv2D: Layer {
    public let filters: Int
    public let kernelSize: (Int, Int)
    public let strides: (Int, Int)
    public let samePadding: Bool
    public let activation: Activation
    public private(set) var kernel: Parameter?
    public private(set) var bias: Parameter?
    override public var typeName: String { "Conv2D" }
    override public var parameters: [Parameter] { [kernel, bias].compactMap { $0 } }

    private var geometry: Window2D?
    private var input = Tensor(zeros: [0])
    private var col = Scratch(), out = Scratch(), dCol = Scratch(), dx = Scratch(), dz = Scratch()

    /// `Conv2D(32, (3,3), activation='relu', input_shape=(28,28,1))`.
    public init(filters: Int, kernelSize: (Int, Int), strides: (Int, Int) = (1, 1), padding: String = "valid",
                activation: String? = nil, inputShape: [Int]? = nil, name: String? = nil, scope: NameScope = .shared) throws {
        guard filters > 0, kernelSize.0 > 0, kernelSize.1 > 0, strides.0 > 0, strides.1 > 0 else {
            throw CNNError.invalidArgument("Conv2D needs positive filters, kernel size and strides (got filters=\(filters), kernel_size=\(kernelSize), strides=\(strides)).")
        }
        self.filters = filters; self.kernelSize = kernelSize; self.strides = strides
        samePadding = try parsePadding(padding)
        self.activation = try Activation(name: activation)
        super.init(prefix: "conv2d", name: name, inputShape: inputShape, scope: scope)
    }

    /// Square kernel: `Conv2D(64, 3)`.
    public convenience init(filters: Int, kernelSize: Int, strides: Int = 1, padding: String = "valid",
                            activation: String? = nil, inputShape: [Int]? = nil, name: String? = nil, scope: NameScope = .shared) throws {
        try self.init(filters: filters, kernelSize: (kernelSize, kernelSize), strides: (strides, strides), padding: padding,
                      activation: activation, inputShape: inputShape, name: name, scope: scope)
    }

    override func computeOutputShape(_ s: [Int]) throws -> [Int] {
        guard s.count == 3 else { throw shapeError("Conv2D expects (height, width, channels)", s) }
        let g = Window2D(inH: s[0], inW: s[1], kH: kernelSize.0, kW: kernelSize.1, sH: strides.0, sW: strides.1, same: samePadding)
        guard g.outH > 0, g.outW > 0 else { throw shapeError("the kernel \(kernelSize.0)x\(kernelSize.1) is larger than the input", s) }
        return [g.outH, g.outW, filters]
    }

    override func build(inputShape s: [Int], rng: inout SeededRNG) throws {
        try super.build(inputShape: s, rng: &rng)
        geometry = Window2D(inH: s[0], inW: s[1], kH: kernelSize.0, kW: kernelSize.1, sH: strides.0, sW: strides.1, same: samePadding)
        let k = kernelSize.0 * kernelSize.1 * s[2]
        kernel = Parameter(name: "kernel", value: glorotUniform([kernelSize.0, kernelSize.1, s[2], filters],
                                                              fanIn: k, fanOut: kernelSize.0 * kernelSize.1 * filters, rng: &rng))
        bias = Parameter(name: "bias", value: Tensor(zeros: [filters]))
    }

    override func forward(_ x: Tensor, training: Bool) -> Tensor {
        guard let g = geometry, let kernel, let bias else { preconditionFailure("\(name) used before build") }
        let n = x.shape[0], m = n * g.outH * g.outW, k = kernelSize.0 * kernelSize.1 * inputShape[2]
        input = x
        let y = out.get([n, g.outH, g.outW, filters])
        // Bias first, then GEMM accumulates onto it (beta = 1): one pass fewer over the output.
        for r in 0..<m { (y.base + r * filters).update(from: bias.value.base, count: filters) }
        if k == 1 {
            gemm(m, filters, 1, x.base, kernel.value.base, y.base, beta: 1)
        } else {
            let c = col.get([m, k])
            im2col(x.base, n: n, c: inputShape[2], g: g, c.base)
            gemm(m, filters, k, c.base, kernel.value.base, y.base, beta: 1)
        }
        activation.forward(y.base, count: y.count, width: filters)
        return y
    }

    override func backward(_ dyIn: Tensor) -> Tensor {
        guard let g = geometry, let kernel, let bias else { preconditionFailure("\(name) used before build") }
        let n = dyIn.shape[0], m = n * g.outH * g.outW, k = kernelSize.0 * kernelSize.1 * inputShape[2]
        let d = dz.get(dyIn.shape)
        d.base.update(from: dyIn.base, count: d.count)
        activation.backward(out.tensor.base, d.base, count: d.count, width: filters)
        // db = Σ rows of dz; dW = colᵀ · dz; dcol = dz · Wᵀ, folded back by col2im.
        let db = bias.grad.base
        db.update(repeating: 0, count: filters)
        for r in 0..<m { let row = d.base + r * filters; for f in 0..<filters { db[f] += row[f] } }
        let cols = k == 1 ? input : col.tensor
        gemm(k, filters, m, cols.base, transA: true, d.base, kernel.grad.base)
        let dxT = dx.get([n] + inputShape)
        if k == 1 {
            gemm(m, 1, filters, d.base, kernel.value.base, transB: true, dxT.base)
        } else {
            let dc = dCol.get([m, k])
            gemm(m, k, filters, d.base, kernel.value.base, transB: true, dc.base)
            col2im(dc.base, n: n, c: inputShape[2], g: g, dxT.base)
        }
        return dxT
    }
}
