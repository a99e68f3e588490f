/// Keras's `GlobalMaxPooling2D` and `GlobalAveragePooling2D`: one value per channel of an NHWC
/// image, (H, W, C) → (C,). No weights. The max routes its gradient to the first maximum.
public final class GlobalPooling2D: Layer {
    public enum Mode: Sendable { case max, average }
    public let mode: Mode
    override public var typeName: String { mode == .max ? "GlobalMaxPooling2D" : "GlobalAveragePooling2D" }
    private var out = Scratch(), dx = Scratch()
    private var argmax: [Int] = []

    public init(_ mode: Mode, name: String? = nil, scope: NameScope) {
        self.mode = mode
        super.init(prefix: mode == .max ? "global_max_pooling2d" : "global_average_pooling2d", name: name, inputShape: nil, scope: scope)
    }

    override func computeOutputShape(_ s: [Int]) throws -> [Int] {
        guard s.count == 3, s[0] > 0, s[1] > 0 else { throw shapeError("\(typeName) expects (height, width, channels)", s) }
        return [s[2]]
    }

    override func forward(_ x: Tensor, training: Bool) -> Tensor {
        let n = x.shape[0], area = inputShape[0] * inputShape[1], c = inputShape[2]
        let y = out.get([n, c])
        if mode == .max { argmax = Array(repeating: 0, count: n * c) }
        for img in 0..<n {
            let src = x.base + img * area * c
            for ch in 0..<c {
                if mode == .max {
                    var best = 0
                    for p in 1..<area where src[p * c + ch] > src[best * c + ch] { best = p }
                    argmax[img * c + ch] = best
                    y.base[img * c + ch] = src[best * c + ch]
                } else {
                    var s: Float = 0
                    for p in 0..<area { s += src[p * c + ch] }
                    y.base[img * c + ch] = s / Float(area)
                }
            }
        }
        return y
    }

    override func backward(_ dy: Tensor) -> Tensor {
        let n = dy.shape[0], area = inputShape[0] * inputShape[1], c = inputShape[2]
        let d = dx.get([n] + inputShape)
        d.base.update(repeating: 0, count: d.count)
        for img in 0..<n {
            let dst = d.base + img * area * c
            for ch in 0..<c {
                let g = dy.base[img * c + ch]
                if mode == .max {
                    dst[argmax[img * c + ch] * c + ch] = g
                } else {
                    for p in 0..<area { dst[p * c + ch] = g / Float(area) }
                }
            }
        }
        return d
    }
}
