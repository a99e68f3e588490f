import Foundation

/// Keras 3's `GRU(units)` with its defaults (`reset_after=True`): kernel (F, 3u), recurrent_kernel
/// (u, 3u), bias (2, 3u) — the input bias, then the recurrent one — gates z, r, h in that order.
///
/// Per step: x̂ = x_t·W + b₀, ĥ = h·U + b₁; z = σ(x̂_z + ĥ_z), r = σ(x̂_r + ĥ_r),
/// h̃ = tanh(x̂_h + r·ĥ_h); h' = z·h + (1 − z)·h̃. Backward through time from the kept states.
public final class GRU: Layer {
    public let units: Int
    public let returnSequences: Bool
    public private(set) var kernel: Parameter?
    public private(set) var recurrentKernel: Parameter?
    public private(set) var bias: Parameter?
    override public var typeName: String { "GRU" }
    override public var parameters: [Parameter] { [kernel, recurrentKernel, bias].compactMap { $0 } }

    private var input = Tensor(zeros: [0])
    /// Kept by the forward, time-major: z, r, h̃ and ĥ_h per step (T, B, 4u); outputs (T+1, B, u).
    private var kept = Scratch(), hidden = Scratch()
    private var xw = Scratch(), inner = Scratch(), out = Scratch(), dx = Scratch()
    private var dxw = Scratch(), dInner = Scratch(), dxwBatchMajor = Scratch(), carry = Scratch()

    public init(units: Int, returnSequences: Bool = false, inputShape: [Int]? = nil, name: String? = nil, scope: NameScope) throws {
        guard units > 0 else {
            throw CNNError.invalidArgument("Received an invalid value for argument `units`, expected a positive integer, got \(units).")
        }
        self.units = units
        self.returnSequences = returnSequences
        super.init(prefix: "gru", name: name, inputShape: inputShape, scope: scope)
    }

    override func computeOutputShape(_ s: [Int]) throws -> [Int] {
        guard s.count == 2, s[0] > 0, s[1] > 0 else {
            throw CNNError.shapeMismatch("Input 0 with name 'None' of layer '\(name)' is incompatible with the layer: expected ndim=3, found ndim=\(s.count + 1). Full shape received: \(formatBatchShape(s))")
        }
        return returnSequences ? [s[0], units] : [units]
    }

    override func build(inputShape s: [Int], rng: inout SeededRNG) throws {
        try super.build(inputShape: s, rng: &rng)
        let features = s[1], width = 3 * units
        kernel = Parameter(name: "kernel", value: glorotUniform([features, width], fanIn: features, fanOut: width, rng: &rng))
        recurrentKernel = Parameter(name: "recurrent_kernel", value: orthogonal(rows: units, columns: width, rng: &rng))
        bias = Parameter(name: "bias", value: Tensor(zeros: [2, width]))
    }

    override func forward(_ x: Tensor, training: Bool) -> Tensor {
        guard let kernel, let recurrentKernel, let bias else { preconditionFailure("\(name) used before build") }
        let steps = inputShape[0], features = inputShape[1], u = units, width = 3 * u
        let batch = x.count / Swift.max(steps * features, 1)
        input = x
        let xw = self.xw.get([batch * steps, width])
        gemm(batch * steps, width, features, x.base, kernel.value.base, xw.base)
        let k = kept.get([steps, batch, 4 * u]), h = hidden.get([steps + 1, batch, u]), hr = inner.get([batch, width])
        h.base.update(repeating: 0, count: batch * u)
        let b0 = bias.value.base, b1 = bias.value.base + width
        for t in 0..<steps {
            gemm(batch, width, u, h.base + t * batch * u, recurrentKernel.value.base, hr.base)
            for b in 0..<batch {
                let xrow = xw.base + (b * steps + t) * width, hrow = hr.base + b * width
                let keep = k.base + (t * batch + b) * 4 * u
                let hPrev = h.base + (t * batch + b) * u, hNext = h.base + ((t + 1) * batch + b) * u
                for j in 0..<u {
                    let z = sigmoid(xrow[j] + b0[j] + hrow[j] + b1[j])
                    let r = sigmoid(xrow[u + j] + b0[u + j] + hrow[u + j] + b1[u + j])
                    let innerH = hrow[2 * u + j] + b1[2 * u + j]
                    let candidate = tanhf(xrow[2 * u + j] + b0[2 * u + j] + r * innerH)
                    keep[j] = z; keep[u + j] = r; keep[2 * u + j] = candidate; keep[3 * u + j] = innerH
                    hNext[j] = z * hPrev[j] + (1 - z) * candidate
                }
            }
        }
        let y = out.get(returnSequences ? [batch, steps, u] : [batch, u])
        if returnSequences {
            for b in 0..<batch { for t in 0..<steps {
                (y.base + (b * steps + t) * u).update(from: h.base + ((t + 1) * batch + b) * u, count: u)
            } }
        } else {
            y.base.update(from: h.base + steps * batch * u, count: batch * u)
        }
        return y
    }

    override func backward(_ dy: Tensor) -> Tensor {
        guard let kernel, let recurrentKernel, let bias else { preconditionFailure("\(name) used before build") }
        let steps = inputShape[0], features = inputShape[1], u = units, width = 3 * u
        let batch = dy.count / (returnSequences ? steps * u : u)
        let k = kept.tensor, h = hidden.tensor
        // dL/d(x̂) per step, time-major; dL/d(ĥ) of one step; dL/dh flowing back.
        let dX = dxw.get([steps, batch, width]), dH = dInner.get([batch, width]), dh = carry.get([batch, u]).base
        dh.update(repeating: 0, count: batch * u)
        recurrentKernel.grad.base.update(repeating: 0, count: recurrentKernel.grad.count)
        bias.grad.base.update(repeating: 0, count: bias.grad.count)
        let db0 = bias.grad.base, db1 = bias.grad.base + width
        for t in stride(from: steps - 1, through: 0, by: -1) {
            for b in 0..<batch {
                let keep = k.base + (t * batch + b) * 4 * u, hPrev = h.base + (t * batch + b) * u
                let dxrow = dX.base + (t * batch + b) * width, dhrow = dH.base + b * width, dhb = dh + b * u
                if returnSequences {
                    let src = dy.base + (b * steps + t) * u
                    for j in 0..<u { dhb[j] += src[j] }
                } else if t == steps - 1 {
                    let src = dy.base + b * u
                    for j in 0..<u { dhb[j] += src[j] }
                }
                for j in 0..<u {
                    let z = keep[j], r = keep[u + j], candidate = keep[2 * u + j], innerH = keep[3 * u + j]
                    let g = dhb[j]
                    let dzPre = g * (hPrev[j] - candidate) * z * (1 - z)
                    let dCandidatePre = g * (1 - z) * (1 - candidate * candidate)
                    let drPre = dCandidatePre * innerH * r * (1 - r)
                    dxrow[j] = dzPre; dxrow[u + j] = drPre; dxrow[2 * u + j] = dCandidatePre
                    dhrow[j] = dzPre; dhrow[u + j] = drPre; dhrow[2 * u + j] = dCandidatePre * r
                    dhb[j] = g * z
                }
                for j in 0..<width { db1[j] += dhrow[j] }
            }
            // dU += h_{t-1}ᵀ·dĥ; dh_{t-1} += dĥ·Uᵀ.
            gemm(u, width, batch, h.base + t * batch * u, transA: true, dH.base, recurrentKernel.grad.base, beta: 1)
            gemm(batch, u, width, dH.base, recurrentKernel.value.base, transB: true, dh, beta: 1)
        }
        let dB = dxwBatchMajor.get([batch * steps, width])
        for b in 0..<batch { for t in 0..<steps {
            (dB.base + (b * steps + t) * width).update(from: dX.base + (t * batch + b) * width, count: width)
        } }
        gemm(features, width, batch * steps, input.base, transA: true, dB.base, kernel.grad.base)
        for r in 0..<(batch * steps) {
            let row = dB.base + r * width
            for j in 0..<width { db0[j] += row[j] }
        }
        let d = dx.get(input.shape)
        if needsInputGradient {
            gemm(batch * steps, features, width, dB.base, kernel.value.base, transB: true, d.base)
        }
        return d
    }
}

@inline(__always) private func sigmoid(_ x: Float) -> Float { 1 / (1 + expf(-x)) }
