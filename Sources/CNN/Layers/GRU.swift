import Foundation

/// Keras 3's `GRU(units)` with its defaults (`reset_after=True`): kernel (F, 3u), recurrent_kernel
/// (u, 3u), bias (2, 3u) — the input bias, then the recurrent one — gates z, r, h in that order.
///
/// Per step: x̂ = x_t·W + b₀, ĥ = h·U + b₁; z = σ(x̂_z + ĥ_z), r = σ(x̂_r + ĥ_r),
/// h̃ = tanh(x̂_h + r·ĥ_h); h' = z·h + (1 − z)·h̃.
public final class GRU: RecurrentLayer {
    override public var typeName: String { "GRU" }
    /// Kept by the forward, time-major: z, r, h̃ and ĥ_h per step (T, B, 4u); one step's ĥ and
    /// its gradient.
    private var kept = Scratch(), inner = Scratch(), dInner = Scratch()

    public init(units: Int, returnSequences: Bool = false, inputShape: [Int]? = nil, name: String? = nil, scope: NameScope) throws {
        try super.init(units: units, returnSequences: returnSequences, prefix: "gru", inputShape: inputShape, name: name, scope: scope)
    }

    override func build(inputShape s: [Int], rng: inout SeededRNG) throws {
        try super.build(inputShape: s, rng: &rng)
        makeKernels(gates: 3, rng: &rng)
        bias = Parameter(name: "bias", value: Tensor(zeros: [2, 3 * units]))
    }

    override func forward(_ x: Tensor, training: Bool) -> Tensor {
        guard let recurrentKernel, let bias else { preconditionFailure("\(name) used before build") }
        let steps = inputShape[0], u = units, width = 3 * u
        let (batch, xw, h) = startForward(x, width: width)
        let k = kept.get([steps, batch, 4 * u]), hr = inner.get([batch, width])
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
        return emit(batch: batch)
    }

    override func backward(_ dy: Tensor) -> Tensor {
        guard let recurrentKernel, let bias else { preconditionFailure("\(name) used before build") }
        let steps = inputShape[0], u = units, width = 3 * u, batch = batch(of: dy)
        let k = kept.tensor, h = hidden.tensor
        // dL/d(x̂) per step, time-major; dL/d(ĥ) of one step; dL/dh flowing back.
        let dX = dGates.get([steps, batch, width]), dH = dInner.get([batch, width]), dh = carry.get([batch, u]).base
        dh.update(repeating: 0, count: batch * u)
        recurrentKernel.grad.base.update(repeating: 0, count: recurrentKernel.grad.count)
        bias.grad.base.update(repeating: 0, count: bias.grad.count)
        let db0 = bias.grad.base, db1 = bias.grad.base + width
        for t in stride(from: steps - 1, through: 0, by: -1) {
            addOutputGradient(dy, step: t, batch: batch, into: dh)
            for b in 0..<batch {
                let keep = k.base + (t * batch + b) * 4 * u, hPrev = h.base + (t * batch + b) * u
                let dxrow = dX.base + (t * batch + b) * width, dhrow = dH.base + b * width, dhb = dh + b * u
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
        return finishBackward(batch: batch, width: width, inputBiasGrad: db0)
    }
}
