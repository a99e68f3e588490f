/// Keras's `UpSampling2D(size=(2, 2), interpolation="nearest")`: repeats each pixel of an
/// NHWC image `size` times along height and width. No weights.
public final class UpSampling2D: Layer {
    public let size: (Int, Int)
    override public var typeName: String { "UpSampling2D" }
    private var out = Scratch(), dx = Scratch()

    public init(size: (Int, Int) = (2, 2), name: String? = nil, scope: NameScope) throws {
        guard size.0 > 0, size.1 > 0 else { throw CNNError.invalidArgument("UpSampling2D needs a positive size (got size=\(size)).") }
        self.size = size
        super.init(prefix: "up_sampling2d", name: name, inputShape: nil, scope: scope)
    }

    override func computeOutputShape(_ s: [Int]) throws -> [Int] {
        guard s.count == 3 else { throw shapeError("UpSampling2D expects (height, width, channels)", s) }
        let (h, o1) = s[0].multipliedReportingOverflow(by: size.0), (w, o2) = s[1].multipliedReportingOverflow(by: size.1)
        guard !o1, !o2 else { throw shapeError("the output size overflows", s) }
        return [h, w, s[2]]
    }

    override func forward(_ x: Tensor, training: Bool) -> Tensor {
        let n = x.shape[0], (h, w, c) = (inputShape[0], inputShape[1], inputShape[2])
        let y = out.get([n] + outputShape), oh = outputShape[0], ow = outputShape[1]
        for img in 0..<n {
            let src = x.base + img * h * w * c, dst = y.base + img * oh * ow * c
            for i in 0..<oh {
                for j in 0..<ow {
                    (dst + (i * ow + j) * c).update(from: src + ((i / size.0) * w + j / size.1) * c, count: c)
                }
            }
        }
        return y
    }

    /// Each input pixel's gradient is the sum over the block it was copied to.
    override func backward(_ dy: Tensor) -> Tensor {
        let n = dy.shape[0], (h, w, c) = (inputShape[0], inputShape[1], inputShape[2])
        let d = dx.get([n] + inputShape), oh = outputShape[0], ow = outputShape[1]
        d.base.update(repeating: 0, count: d.count)
        for img in 0..<n {
            let src = dy.base + img * oh * ow * c, dst = d.base + img * h * w * c
            for i in 0..<oh {
                for j in 0..<ow {
                    let to = dst + ((i / size.0) * w + j / size.1) * c, from = src + (i * ow + j) * c
                    for k in 0..<c { to[k] += from[k] }
                }
            }
        }
        return d
    }
}
