import CKernels

/// 2-D convolution over NHWC images, Keras's `Conv2D`: kernel (kH, kW, inChannels, filters),
/// glorot_uniform, zero bias. Computed by oneDNN when it is there, else as im2col + one GEMM
/// per part of the batch.
public final class Conv2D: Layer, SquareKernelConvolution {
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
    private var col = Scratch(), out = Scratch(), dCol = Scratch(), dx = Scratch(), dz = Scratch(), partials = Scratch()
    /// oneDNN's primitives for the geometry and channels they were made for (nil inside: oneDNN
    /// missing, im2col + sgemm instead); remade if the layer is built again for another shape.
    private var dnnlFor: (geometry: Window2D, channels: Int, conv: OneDNNConvolution?)?
    private var dnnl: OneDNNConvolution? {
        guard let g = geometry, inputShape.count == 3 else { return nil }
        if let d = dnnlFor, d.geometry == g, d.channels == inputShape[2] { return d.conv }
        let conv = OneDNNConvolution(g, channels: inputShape[2], filters: filters)
        dnnlFor = (g, inputShape[2], conv)
        return conv
    }

    /// `Conv2D(32, (3,3), activation='relu', input_shape=(28,28,1))`.
    public init(filters: Int, kernelSize: (Int, Int), strides: (Int, Int) = (1, 1), padding: String = "valid",
                activation: String? = nil, inputShape: [Int]? = nil, name: String? = nil, scope: NameScope) throws {
        let checked = try ConvolutionArguments(layer: "Conv2D", filters: filters, kernelSize: kernelSize, strides: strides,
                                               padding: padding, activation: activation)
        self.filters = checked.filters; self.kernelSize = checked.kernelSize; self.strides = checked.strides
        samePadding = checked.samePadding; self.activation = checked.activation
        super.init(prefix: "conv2d", name: name, inputShape: inputShape, scope: scope)
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

    override func forward(_ x: Tensor, training: Bool) -> Tensor { forward(x, thenPool: nil) }

    /// With `pool` (the next layer), each image is pooled as soon as it is computed, while it
    /// is still in cache, and the pooled batch is returned; this layer keeps its own output
    /// for its backward pass as before.
    /// `training: false` (the model's evaluate and predict) does not keep `x` for a backward
    /// pass: it is a slice of the whole data set there, which the layer would keep alive
    /// (MNIST's Float32 copy, 188 MB, past the end of `fit`).
    func forward(_ x: Tensor, thenPool pool: MaxPooling2D?, training: Bool = true) -> Tensor {
        guard let g = geometry, let kernel, let bias else { preconditionFailure("\(name) used before build") }
        let n = x.shape[0], per = g.outH * g.outW, k = kernelSize.0 * kernelSize.1 * inputShape[2]
        let inPer = inputShape.reduce(1, *)
        input = training ? x : Tensor(zeros: [0])
        let y = out.get([n, g.outH, g.outW, filters])
        let dnnl = oneDNN(batch: n, kernel: kernel.value.base, pass: 0)
        let c = k == 1 || dnnl != nil ? x : col.get([n * per, k])
        let pooled = pool?.prepareOutput(batch: n)
        // ReLU then non-overlapping pooling: bias and ReLU go on the pooled values (see
        // MaxPooling2D.poolImage(_:image:into:bias:relu:)); `out` keeps the raw convolution.
        let biasAfterPool = pool?.windowsDoNotOverlap == true && activation == .relu
        outputIsActivated = !biasAfterPool
        // Images split over threads: each part unfolds its own rows and runs its own GEMM.
        parallelChunks(n, threads: threads, on: workers) { _, imgs in
            let r0 = imgs.lowerBound * per, m = imgs.count * per, yp = y.base + r0 * filters
            if let dnnl {
                dnnl.forward(n: imgs.count, x.base + imgs.lowerBound * inPer, kernel.value.base, yp)
            } else {
                if k > 1 { im2col(x.base + imgs.lowerBound * inPer, n: imgs.count, c: inputShape[2], g: g, c.base + r0 * k) }
                gemm(m, filters, k, c.base + r0 * k, kernel.value.base, yp)
            }
            if let pool, let pooled, biasAfterPool {
                for i in imgs { pool.poolImage(y.base + i * per * filters, image: i, into: pooled, bias: bias.value.base, relu: true) }
                return
            }
            // Bias and ReLU in one pass over the GEMM's output (other activations after it).
            ck_bias_act(yp, bias.value.base, m, filters, activation == .relu ? 1 : 0)
            if activation != .relu { activation.forward(yp, count: m * filters, width: filters) }
            if let pool, let pooled { for i in imgs { pool.poolImage(y.base + i * per * filters, image: i, into: pooled) } }
        }
        return pooled ?? y
    }

    /// oneDNN's primitives when they serve a batch of `n` split over this layer's threads,
    /// with `kernel` (if given) put into the layout of `pass` for every part's size.
    private func oneDNN(batch n: Int, kernel: UnsafePointer<Float>? = nil, pass: Int = 0) -> OneDNNConvolution? {
        guard let dnnl else { return nil }
        let t = partCount(n, threads: threads)
        let sizes = Set((0..<t).map { n * ($0 + 1) / t - n * $0 / t })
        for size in sizes where !dnnl.prepare(batch: size) { return nil }
        if let kernel { for size in sizes { dnnl.setKernel(kernel, batch: size, pass: pass) } }
        return dnnl
    }

    /// What runs this layer's convolution: oneDNN's implementation name for a batch of `n`
    /// (pass 0 forward, 1 backward-data, 2 backward-weights), or `im2col+sgemm`.
    public func kernelName(batch n: Int, pass: Int) -> String {
        guard let dnnl = oneDNN(batch: n) else { return "im2col+sgemm" }
        return dnnl.implementation(batch: n / partCount(n, threads: threads), pass: pass)
    }

    /// The activated output of the last forward pass (valid until the next one); nil when the
    /// pooling after it took the bias and ReLU (its own output then carries ReLU's mask).
    var activatedOutput: Tensor? { outputIsActivated ? out.tensor : nil }
    private var outputIsActivated = true

    override func backward(_ dyIn: Tensor) -> Tensor { backward(dyIn, preActivation: false) }

    /// `preActivation`: `dyIn` is already dL/d(pre-activation), because the next layer (max
    /// pooling) applied the ReLU mask while routing its gradient; one pass over memory fewer.
    /// `biasGradFromPooling`: that pooling's gradient and output, from which the bias gradient
    /// is summed (Σ dz = Σ over the pooled values > 0 of their gradient: each output routes to
    /// one input, its winner, whose ReLU output it is), a quarter of the memory of dz.
    func backward(_ dyIn: Tensor, preActivation: Bool, biasGradFromPooling pooling: (dy: Tensor, output: Tensor)? = nil) -> Tensor {
        guard let g = geometry, let kernel, let bias else { preconditionFailure("\(name) used before build") }
        let n = dyIn.shape[0], per = g.outH * g.outW, k = kernelSize.0 * kernelSize.1 * inputShape[2]
        let inPer = inputShape.reduce(1, *)
        let d = preActivation ? dyIn : dz.get(dyIn.shape)
        let dnnl = oneDNN(batch: n, kernel: needsInputGradient ? kernel.value.base : nil, pass: 1)
        let cols = k == 1 || dnnl != nil ? input : col.tensor
        let dxT = dx.get([n] + inputShape)
        let dc = k == 1 || dnnl != nil ? dxT : dCol.get([n * per, k])
        // Each part writes its own partial dW and db (part 0 straight into the gradient);
        // the partials are added afterwards in a fixed order, so results stay deterministic.
        let partial = partials.get([Swift.max(threads - 1, 1), k * filters + filters])
        parallelChunks(n, threads: threads, on: workers) { part, imgs in
            let r0 = imgs.lowerBound * per, m = imgs.count * per
            let dp = d.base + r0 * filters
            if !preActivation {
                activation.backward(out.tensor.base + r0 * filters, from: dyIn.base + r0 * filters, into: dp, count: m * filters, width: filters)
            }
            let dW = part == 0 ? kernel.grad.base : partial.base + (part - 1) * (k * filters + filters)
            let db = part == 0 ? bias.grad.base : dW + k * filters
            if let pooling {
                let pooledPer = pooling.dy.count / n
                ck_bias_grad_masked(pooling.dy.base + imgs.lowerBound * pooledPer, pooling.output.base + imgs.lowerBound * pooledPer,
                                    imgs.count * pooledPer / filters, filters, db)
            } else {
                ck_bias_grad(dp, m, filters, db)
            }
            if let dnnl {
                dnnl.backwardWeights(n: imgs.count, input.base + imgs.lowerBound * inPer, dp, dW)
                if needsInputGradient { dnnl.backwardData(n: imgs.count, dp, kernel.value.base, dxT.base + imgs.lowerBound * inPer) }
                return
            }
            // dW = colᵀ · dz; dcol = dz · Wᵀ, folded back onto the image by col2im.
            gemm(k, filters, m, cols.base + r0 * k, transA: true, dp, dW)
            guard needsInputGradient else { return }
            gemm(m, k, filters, dp, kernel.value.base, transB: true, dc.base + r0 * k)
            if k > 1 { col2im(dc.base + r0 * k, n: imgs.count, c: inputShape[2], g: g, dxT.base + imgs.lowerBound * inPer) }
        }
        let parts = Swift.min(Swift.max(1, threads), n)
        addPartials(partial.base, parts: parts - 1, stride: k * filters + filters, kernelCount: k * filters,
                    kernelGrad: kernel.grad.base, biasGrad: bias.grad.base, threads: threads, workers: workers)
        return dxT
    }
}
