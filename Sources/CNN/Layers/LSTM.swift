import Foundation

/// Keras's `LSTM(units)` on (T, features) sequences with its defaults: tanh and sigmoid, gates
/// in Keras's order i, f, c, o along the last axis of kernel (features, 4u), recurrent_kernel
/// (u, 4u) and bias (4u); glorot_uniform, orthogonal and zeros with the forget gate's bias 1
/// (`unit_forget_bias`). (T, F) → (u), or (T, u) with `return_sequences`.
///
/// Per step: z = x_t·W + h·U + b; i, f, o = σ(z_i, z_f, z_o); g = tanh(z_c);
/// c' = f·c + i·g; h' = o·tanh(c').
public final class LSTM: RecurrentLayer {
    override public var typeName: String { "LSTM" }
    /// Kept by the forward, time-major: activated gates (T, B, 4u), cells (T+1, B, u).
    private var gates = Scratch(), cells = Scratch()

    public init(units: Int, returnSequences: Bool = false, inputShape: [Int]? = nil, name: String? = nil, scope: NameScope) throws {
        try super.init(units: units, returnSequences: returnSequences, prefix: "lstm", inputShape: inputShape, name: name, scope: scope)
    }

    override func build(inputShape s: [Int], rng: inout SeededRNG) throws {
        try super.build(inputShape: s, rng: &rng)
        makeKernels(gates: 4, rng: &rng)
        let b = Tensor(zeros: [4 * units])
        for j in units..<(2 * units) { b.base[j] = 1 }
        bias = Parameter(name: "bias", value: b)
    }

    override func forward(_ x: Tensor, training: Bool) -> Tensor {
        guard let recurrentKernel, let bias else { preconditionFailure("\(name) used before build") }
        let steps = inputShape[0], u = units, width = 4 * u
        let (batch, xw, h) = startForward(x, width: width)
        let g = gates.get([steps, batch, width]), c = cells.get([steps + 1, batch, u])
        c.base.update(repeating: 0, count: batch * u)
        for t in 0..<steps {
            let z = g.base + t * batch * width
            gemm(batch, width, u, h.base + t * batch * u, recurrentKernel.value.base, z)
            for b in 0..<batch {
                let row = z + b * width, xrow = xw.base + (b * steps + t) * width
                for j in 0..<width { row[j] += xrow[j] + bias.value.base[j] }
                let cPrev = c.base + (t * batch + b) * u, cNext = c.base + ((t + 1) * batch + b) * u
                let hNext = h.base + ((t + 1) * batch + b) * u
                for j in 0..<u {
                    let i = sigmoid(row[j]), f = sigmoid(row[u + j]), gc = tanhf(row[2 * u + j]), o = sigmoid(row[3 * u + j])
                    row[j] = i; row[u + j] = f; row[2 * u + j] = gc; row[3 * u + j] = o
                    cNext[j] = f * cPrev[j] + i * gc
                    hNext[j] = o * tanhf(cNext[j])
                }
            }
        }
        return emit(batch: batch)
    }

    override func backward(_ dy: Tensor) -> Tensor {
        guard let recurrentKernel, let bias else { preconditionFailure("\(name) used before build") }
        let steps = inputShape[0], u = units, width = 4 * u, batch = batch(of: dy)
        let g = gates.tensor, c = cells.tensor, h = hidden.tensor
        let dzT = dGates.get([steps, batch, width])
        // dL/dh and dL/dc flowing back from step t+1 (zero after the last step).
        let state = carry.get([2, batch, u])
        let dh = state.base, dc = state.base + batch * u
        dh.update(repeating: 0, count: 2 * batch * u)
        recurrentKernel.grad.base.update(repeating: 0, count: recurrentKernel.grad.count)
        for t in stride(from: steps - 1, through: 0, by: -1) {
            addOutputGradient(dy, step: t, batch: batch, into: dh)
            for b in 0..<batch {
                let gate = g.base + (t * batch + b) * width, d = dzT.base + (t * batch + b) * width
                let cPrev = c.base + (t * batch + b) * u, cNext = c.base + ((t + 1) * batch + b) * u
                let dhb = dh + b * u, dcb = dc + b * u
                for j in 0..<u {
                    let i = gate[j], f = gate[u + j], gc = gate[2 * u + j], o = gate[3 * u + j]
                    let tc = tanhf(cNext[j])
                    let dcj = dcb[j] + dhb[j] * o * (1 - tc * tc)
                    d[j] = dcj * gc * i * (1 - i)
                    d[u + j] = dcj * cPrev[j] * f * (1 - f)
                    d[2 * u + j] = dcj * i * (1 - gc * gc)
                    d[3 * u + j] = dhb[j] * tc * o * (1 - o)
                    dcb[j] = dcj * f
                }
            }
            let dStep = dzT.base + t * batch * width
            // dU += h_{t-1}ᵀ·dz_t; dh_{t-1} = dz_t·Uᵀ.
            gemm(u, width, batch, h.base + t * batch * u, transA: true, dStep, recurrentKernel.grad.base, beta: 1)
            gemm(batch, u, width, dStep, recurrentKernel.value.base, transB: true, dh)
        }
        bias.grad.base.update(repeating: 0, count: width)
        return finishBackward(batch: batch, width: width, inputBiasGrad: bias.grad.base)
    }
}
