import CKernels

/// Keras's `Conv2DTranspose` over NHWC images: the adjoint of a convolution, so each input
/// pixel spreads a kernel-sized patch onto an output `strides` times larger. Kernel
/// (kH, kW, filters, inChannels) as Keras stores it, glorot_uniform, zero bias.
/// Computed as one GEMM (x · Wᵀ, patch rows) and col2im of the convolution from output to input.
public final class Conv2DTranspose: Layer, SquareKernelConvolution {
    public let filters: Int
    public let kernelSize: (Int, Int)
    public let strides: (Int, Int)
    public let samePadding: Bool
    public let activation: Activation
    public private(set) var kernel: Parameter?
    public private(set) var bias: Parameter?
    override public var typeName: String { "Conv2DTranspose" }
    override public var parameters: [Parameter] { [kernel, bias].compactMap { $0 } }

    /// The convolution that maps this layer's output back to its input.
    private var geometry: Window2D?
    private var input = Tensor(zeros: [0])
    private var col = Scratch(), out = Scratch(), dz = Scratch(), dx = Scratch()

    public init(filters: Int, kernelSize: (Int, Int), strides: (Int, Int) = (1, 1), padding: String = "valid",
                activation: String? = nil, inputShape: [Int]? = nil, name: String? = nil, scope: NameScope) throws {
        let checked = try ConvolutionArguments(layer: "Conv2DTranspose", filters: filters, kernelSize: kernelSize, strides: strides,
                                               padding: padding, activation: activation)
        self.filters = checked.filters; self.kernelSize = checked.kernelSize; self.strides = checked.strides
        samePadding = checked.samePadding; self.activation = checked.activation
        super.init(prefix: "conv2d_transpose", name: name, inputShape: inputShape, scope: scope)
    }

    /// Keras's deconv_output_length: `in·stride` with 'same', `in·stride + max(k − stride, 0)` with 'valid'.
    static func outputLength(_ n: Int, kernel: Int, stride: Int, same: Bool) -> Int? {
        let (scaled, o1) = n.multipliedReportingOverflow(by: stride)
        guard !o1 else { return nil }
        if same { return scaled }
        let (total, o2) = scaled.addingReportingOverflow(Swift.max(kernel - stride, 0))
        return o2 ? nil : total
    }

    override func computeOutputShape(_ s: [Int]) throws -> [Int] {
        guard s.count == 3 else { throw shapeError("Conv2DTranspose expects (height, width, channels)", s) }
        guard let h = Self.outputLength(s[0], kernel: kernelSize.0, stride: strides.0, same: samePadding),
              let w = Self.outputLength(s[1], kernel: kernelSize.1, stride: strides.1, same: samePadding) else {
            throw shapeError("the output size overflows", s)
        }
        return [h, w, filters]
    }

    override func build(inputShape s: [Int], rng: inout SeededRNG) throws {
        try super.build(inputShape: s, rng: &rng)
        let g = Window2D(inH: outputShape[0], inW: outputShape[1], kH: kernelSize.0, kW: kernelSize.1,
                         sH: strides.0, sW: strides.1, same: samePadding)
        guard g.outH == s[0], g.outW == s[1] else { throw shapeError("no convolution maps the output back onto it", s) }
        geometry = g
        let area = kernelSize.0 * kernelSize.1
        kernel = Parameter(name: "kernel", value: glorotUniform([kernelSize.0, kernelSize.1, filters, s[2]],
                                                              fanIn: area * filters, fanOut: area * s[2], rng: &rng))
        bias = Parameter(name: "bias", value: Tensor(zeros: [filters]))
    }

    override func forward(_ x: Tensor, training: Bool) -> Tensor {
        guard let g = geometry, let kernel, let bias else { preconditionFailure("\(name) used before build") }
        let n = x.shape[0], cin = inputShape[2], per = g.outH * g.outW, k = g.kH * g.kW * filters
        let inPer = per * cin, outPer = g.inH * g.inW * filters
        input = x
        let y = out.get([n] + outputShape), c = col.get([n * per, k])
        parallelChunks(n, threads: threads, on: workers) { _, imgs in
            let r0 = imgs.lowerBound * per, m = imgs.count * per
            // Each input pixel's patch: x · Wᵀ, W seen as (kH·kW·filters) × inChannels.
            gemm(m, k, cin, x.base + imgs.lowerBound * inPer, kernel.value.base, transB: true, c.base + r0 * k)
            col2im(c.base + r0 * k, n: imgs.count, c: filters, g: g, y.base + imgs.lowerBound * outPer)
            let yp = y.base + imgs.lowerBound * outPer, rows = imgs.count * g.inH * g.inW
            ck_bias_act(yp, bias.value.base, rows, filters, activation == .relu ? 1 : 0)
            if activation != .relu { activation.forward(yp, count: rows * filters, width: filters) }
        }
        return y
    }

    override func backward(_ dy: Tensor) -> Tensor {
        guard let g = geometry, let kernel, let bias else { preconditionFailure("\(name) used before build") }
        let n = dy.shape[0], cin = inputShape[2], per = g.outH * g.outW, k = g.kH * g.kW * filters
        let rows = n * g.inH * g.inW
        let d = dz.get(dy.shape)
        activation.backward(out.tensor.base, from: dy.base, into: d.base, count: rows * filters, width: filters)
        ck_bias_grad(d.base, rows, filters, bias.grad.base)
        // The patches of dz that each input pixel wrote: im2col of the output gradient.
        let c = col.get([n * per, k])
        im2col(d.base, n: n, c: filters, g: g, c.base)
        gemm(k, cin, n * per, c.base, transA: true, input.base, kernel.grad.base)
        let dxT = dx.get([n] + inputShape)
        if needsInputGradient { gemm(n * per, cin, k, c.base, kernel.value.base, dxT.base) }
        return dxT
    }
}
