import Foundation

/// Keras's `SimpleRNN(units)`: h' = tanh(x_t·W + h·U + b) with kernel (F, u) glorot_uniform,
/// recurrent_kernel (u, u) orthogonal, bias (u) zeros.
public final class SimpleRNN: RecurrentLayer {
    override public var typeName: String { "SimpleRNN" }

    public init(units: Int, returnSequences: Bool = false, inputShape: [Int]? = nil, name: String? = nil, scope: NameScope) throws {
        try super.init(units: units, returnSequences: returnSequences, prefix: "simple_rnn", inputShape: inputShape, name: name, scope: scope)
    }

    override func build(inputShape s: [Int], rng: inout SeededRNG) throws {
        try super.build(inputShape: s, rng: &rng)
        makeKernels(gates: 1, rng: &rng)
        bias = Parameter(name: "bias", value: Tensor(zeros: [units]))
    }

    override func forward(_ x: Tensor, training: Bool) -> Tensor {
        guard let recurrentKernel, let bias else { preconditionFailure("\(name) used before build") }
        let steps = inputShape[0], u = units
        let (batch, xw, h) = startForward(x, width: u)
        for t in 0..<steps {
            let next = h.base + (t + 1) * batch * u
            gemm(batch, u, u, h.base + t * batch * u, recurrentKernel.value.base, next)
            for b in 0..<batch {
                let row = next + b * u, xrow = xw.base + (b * steps + t) * u
                for j in 0..<u { row[j] = tanhf(row[j] + xrow[j] + bias.value.base[j]) }
            }
        }
        return emit(batch: batch)
    }

    override func backward(_ dy: Tensor) -> Tensor {
        guard let recurrentKernel, let bias else { preconditionFailure("\(name) used before build") }
        let steps = inputShape[0], u = units, batch = batch(of: dy)
        let h = hidden.tensor
        let dA = dGates.get([steps, batch, u]), dh = carry.get([batch, u]).base
        dh.update(repeating: 0, count: batch * u)
        recurrentKernel.grad.base.update(repeating: 0, count: recurrentKernel.grad.count)
        for t in stride(from: steps - 1, through: 0, by: -1) {
            addOutputGradient(dy, step: t, batch: batch, into: dh)
            for b in 0..<batch {
                let hNext = h.base + ((t + 1) * batch + b) * u, d = dA.base + (t * batch + b) * u, dhb = dh + b * u
                for j in 0..<u { d[j] = dhb[j] * (1 - hNext[j] * hNext[j]) }
            }
            let dStep = dA.base + t * batch * u
            gemm(u, u, batch, h.base + t * batch * u, transA: true, dStep, recurrentKernel.grad.base, beta: 1)
            gemm(batch, u, u, dStep, recurrentKernel.value.base, transB: true, dh)
        }
        bias.grad.base.update(repeating: 0, count: u)
        return finishBackward(batch: batch, width: u, inputBiasGrad: bias.grad.base)
    }
}
