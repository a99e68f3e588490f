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
        guard let g = geometry else { preconditionFailure("\(name) used before build") }
        let n = x.shape[0]
        let y = out.get([n] + outputShape)
        inCount = x.count
        let inPer = inputShape.reduce(1, *), outPer = outputShape.reduce(1, *), am = argmaxBuffer.get(y.count)
        // Argmax indices are relative to each part's first image; backward uses the same split.
        parallelChunks(n, threads: threads) { _, imgs in
            ck_maxpool_forward(x.base + imgs.lowerBound * inPer, imgs.count, g.inH, g.inW, inputShape[2], g.kH, g.kW,
                               g.sH, g.sW, g.padTop, g.padLeft, g.outH, g.outW,
                               y.base + imgs.lowerBound * outPer, am + imgs.lowerBound * outPer)
        }
        return y
    }

    override func backward(_ dy: Tensor) -> Tensor { backward(dy, reluOf: nil) }

    /// With `reluOf` (the previous layer's ReLU output, this layer's input), the gradient is
    /// routed only where that output is positive: ReLU's backward fused into this pass.
    func backward(_ dy: Tensor, reluOf y: Tensor?) -> Tensor {
        let dxT = dx.get([dy.shape[0]] + inputShape)
        let inPer = inputShape.reduce(1, *), outPer = outputShape.reduce(1, *), am = argmaxBuffer.pointer
        parallelChunks(dy.shape[0], threads: threads) { _, imgs in
            ck_maxpool_backward(dy.base + imgs.lowerBound * outPer, imgs.count * outPer, am + imgs.lowerBound * outPer,
                                y.map { UnsafePointer($0.base + imgs.lowerBound * inPer) },
                                dxT.base + imgs.lowerBound * inPer, imgs.count * inPer)
        }
        return dxT
    }
}
