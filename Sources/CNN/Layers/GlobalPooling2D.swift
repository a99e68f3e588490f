/// Keras's `GlobalMaxPooling2D` and `GlobalAveragePooling2D`: one value per channel of an NHWC
/// image, (H, W, C) → (C,); with `rank: 1`, `GlobalMaxPooling1D` / `GlobalAveragePooling1D` of a
/// sequence, (T, C) → (C,). No weights. The max routes its gradient to the first maximum.
public final class GlobalPooling2D: Layer {
    public enum Mode: Sendable { case max, average }
    public let mode: Mode
    /// Spatial axes pooled: 2 for images, 1 for sequences.
    public let rank: Int
    override public var typeName: String { (mode == .max ? "GlobalMaxPooling" : "GlobalAveragePooling") + "\(rank)D" }
    private var out = Scratch(), dx = Scratch()
    private var argmax: [Int] = []

    public init(_ mode: Mode, rank: Int = 2, name: String? = nil, scope: NameScope) {
        self.mode = mode; self.rank = rank == 1 ? 1 : 2
        super.init(prefix: (mode == .max ? "global_max_pooling" : "global_average_pooling") + "\(self.rank)d", name: name, inputShape: nil, scope: scope)
    }

    override func computeOutputShape(_ s: [Int]) throws -> [Int] {
        guard s.count == rank + 1, s.allSatisfy({ $0 > 0 }) else {
            throw shapeError("\(typeName) expects \(rank == 2 ? "(height, width, channels)" : "(steps, channels)")", s)
        }
        return [s[rank]]
    }

    override func forward(_ x: Tensor, training: Bool) -> Tensor {
        let n = x.shape[0], area = inputShape.dropLast().reduce(1, *), c = inputShape[rank]
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
        let n = dy.shape[0], area = inputShape.dropLast().reduce(1, *), c = inputShape[rank]
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
