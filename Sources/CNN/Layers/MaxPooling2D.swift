import CKernels

/// Keras's `MaxPooling2D`: strides default to the pool size, padding `valid`.
public final class MaxPooling2D: Layer {
    public let poolSize: (Int, Int)
    public let strides: (Int, Int)
    public let samePadding: Bool
    override public var typeName: String { "MaxPooling2D" }
    private var geometry: Window2D?
    private var out = Scratch(), dx = Scratch()
    private let argmaxBuffer = IntScratch()
    private var inCount = 0

    public init(poolSize: (Int, Int) = (2, 2), strides: (Int, Int)? = nil, padding: String = "valid",
                name: String? = nil, scope: NameScope) throws {
        let st = strides ?? poolSize
        guard poolSize.0 > 0, poolSize.1 > 0, st.0 > 0, st.1 > 0 else {
            throw CNNError.invalidArgument("MaxPooling2D needs positive pool size and strides (got pool_size=\(poolSize), strides=\(st)).")
        }
        self.poolSize = poolSize; self.strides = st
        samePadding = try parsePadding(padding)
        super.init(prefix: "max_pooling2d", name: name, inputShape: nil, scope: scope)
    }

    public convenience init(poolSize: Int, strides: Int? = nil, padding: String = "valid", name: String? = nil, scope: NameScope) throws {
        try self.init(poolSize: (poolSize, poolSize), strides: strides.map { ($0, $0) }, padding: padding, name: name, scope: scope)
    }

    override func computeOutputShape(_ s: [Int]) throws -> [Int] {
        guard s.count == 3 else { throw shapeError("MaxPooling2D expects (height, width, channels)", s) }
        let g = Window2D(inH: s[0], inW: s[1], kH: poolSize.0, kW: poolSize.1, sH: strides.0, sW: strides.1, same: samePadding)
        guard g.outH > 0, g.outW > 0 else { throw shapeError("the pool \(poolSize.0)x\(poolSize.1) is larger than the input", s) }
        return [g.outH, g.outW, s[2]]
    }

    override func build(inputShape s: [Int], rng: inout SeededRNG) throws {
        try super.build(inputShape: s, rng: &rng)
        geometry = Window2D(inH: s[0], inW: s[1], kH: poolSize.0, kW: poolSize.1, sH: strides.0, sW: strides.1, same: samePadding)
    }

    override func forward(_ x: Tensor, training: Bool) -> Tensor {
        let y = prepareOutput(batch: x.shape[0])
        let inPer = inputShape.reduce(1, *)
        parallelChunks(x.shape[0], threads: threads, on: workers) { _, imgs in
            for i in imgs { poolImage(x.base + i * inPer, image: i, into: y) }
        }
        return y
    }

    /// The output buffer for a batch of `n` (and room for its argmax indices).
    func prepareOutput(batch n: Int) -> Tensor {
        let y = out.get([n] + outputShape)
        inCount = n * inputShape.reduce(1, *)
        _ = argmaxBuffer.get(y.count)
        return y
    }

    /// Pools image `i` of the batch from `x` (that image's input) into `y`, from `prepareOutput`.
    /// Argmax indices are relative to the image, so any caller's split of the batch fits.
    /// Conv2D calls this right after computing an image, while its output is still in cache.
    func poolImage(_ x: UnsafePointer<Float>, image i: Int, into y: Tensor) {
        guard let g = geometry else { preconditionFailure("\(name) used before build") }
        let outPer = outputShape.reduce(1, *)
        ck_maxpool_forward(x, 1, g.inH, g.inW, inputShape[2], g.kH, g.kW, g.sH, g.sW, g.padTop, g.padLeft, g.outH, g.outW,
                           y.base + i * outPer, argmaxBuffer.pointer + i * outPer)
    }

    /// The output of the last forward pass (valid until the next one).
    var pooledOutput: Tensor { out.tensor }

    /// Windows that do not overlap (stride = pool size, valid padding: the usual 2×2).
    var windowsDoNotOverlap: Bool {
        guard let g = geometry else { return false }
        return g.sH == g.kH && g.sW == g.kW && !samePadding
    }

    /// `poolImage` on the raw output of a convolution whose bias and ReLU (`relu`, else the bias
    /// only) are applied here, to the pooled values: the same output, a quarter of the memory
    /// walked. Only when `windowsDoNotOverlap`; the backward then reads ReLU's mask from this
    /// layer's own output, never from the convolution's.
    func poolImage(_ x: UnsafePointer<Float>, image i: Int, into y: Tensor, bias: UnsafePointer<Float>, relu: Bool) {
        guard let g = geometry, windowsDoNotOverlap else { preconditionFailure("\(name): fused pooling needs windows that do not overlap") }
        let outPer = outputShape.reduce(1, *)
        ck_maxpool_windows_bias_act(x, bias, relu ? 1 : 0, g.inW, inputShape[2], g.kH, g.kW, g.outH, g.outW,
                                    y.base + i * outPer, argmaxBuffer.pointer + i * outPer)
    }

    override func backward(_ dy: Tensor) -> Tensor { backward(dy, afterReLU: false, reluOutput: nil) }

    /// With `afterReLU` (the previous layer's ReLU output is this layer's input), the gradient
    /// is routed only where that output is positive: ReLU's backward fused into this pass. With
    /// windows that do not overlap the mask is the sign of this layer's own output; otherwise
    /// `reluOutput`, the previous layer's activated output, gives it.
    func backward(_ dy: Tensor, afterReLU: Bool, reluOutput: Tensor?) -> Tensor {
        let dxT = dx.get([dy.shape[0]] + inputShape)
        let inPer = inputShape.reduce(1, *), outPer = outputShape.reduce(1, *), am = argmaxBuffer.pointer
        if let g = geometry, windowsDoNotOverlap {
            // Windows that do not overlap (the usual 2×2): each input written once.
            let pooled = out.tensor
            parallelChunks(dy.shape[0], threads: threads, on: workers) { _, imgs in
                for i in imgs {
                    ck_maxpool_backward_windows(dy.base + i * outPer, am + i * outPer, afterReLU ? UnsafePointer(pooled.base + i * outPer) : nil,
                                                dxT.base + i * inPer, g.inH, g.inW, inputShape[2], g.kH, g.kW, g.outH, g.outW)
                }
            }
            return dxT
        }
        precondition(!afterReLU || reluOutput != nil, "\(name): ReLU fused into overlapping pooling needs the ReLU's output")
        let y = afterReLU ? reluOutput : nil
        parallelChunks(dy.shape[0], threads: threads, on: workers) { _, imgs in
            for i in imgs {
                ck_maxpool_backward(dy.base + i * outPer, outPer, am + i * outPer, y.map { UnsafePointer($0.base + i * inPer) },
                                    dxT.base + i * inPer, inPer)
            }
        }
        return dxT
    }
}
