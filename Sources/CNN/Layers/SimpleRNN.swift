import Foundation

/// Keras's `SimpleRNN(units)`: h' = tanh(x_t·W + h·U + b) with kernel (F, u) glorot_uniform,
/// recurrent_kernel (u, u) orthogonal, bias (u) zeros. Backward through time.
public final class SimpleRNN: Layer {
    public let units: Int
    public let returnSequences: Bool
    public private(set) var kernel: Parameter?
    public private(set) var recurrentKernel: Parameter?
    public private(set) var bias: Parameter?
    override public var typeName: String { "SimpleRNN" }
    override public var parameters: [Parameter] { [kernel, recurrentKernel, bias].compactMap { $0 } }

    private var input = Tensor(zeros: [0])
    /// Outputs per step, time-major (T+1, B, u) with the zero initial state first.
    private var hidden = Scratch()
    private var xw = Scratch(), out = Scratch(), dx = Scratch(), da = Scratch(), daBatchMajor = Scratch(), carry = Scratch()

    public init(units: Int, returnSequences: Bool = false, inputShape: [Int]? = nil, name: String? = nil, scope: NameScope) throws {
        guard units > 0 else {
            throw CNNError.invalidArgument("Received an invalid value for argument `units`, expected a positive integer, got \(units).")
        }
        self.units = units
        self.returnSequences = returnSequences
        super.init(prefix: "simple_rnn", name: name, inputShape: inputShape, scope: scope)
    }

    override func computeOutputShape(_ s: [Int]) throws -> [Int] {
        guard s.count == 2, s[0] > 0, s[1] > 0 else {
            throw CNNError.shapeMismatch("Input 0 with name 'None' of layer '\(name)' is incompatible with the layer: expected ndim=3, found ndim=\(s.count + 1). Full shape received: \(formatBatchShape(s))")
        }
        return returnSequences ? [s[0], units] : [units]
    }

    override func build(inputShape s: [Int], rng: inout SeededRNG) throws {
        try super.build(inputShape: s, rng: &rng)
        let features = s[1]
        kernel = Parameter(name: "kernel", value: glorotUniform([features, units], fanIn: features, fanOut: units, rng: &rng))
        recurrentKernel = Parameter(name: "recurrent_kernel", value: orthogonal(rows: units, columns: units, rng: &rng))
        bias = Parameter(name: "bias", value: Tensor(zeros: [units]))
    }

    override func forward(_ x: Tensor, training: Bool) -> Tensor {
        guard let kernel, let recurrentKernel, let bias else { preconditionFailure("\(name) used before build") }
        let steps = inputShape[0], features = inputShape[1], u = units
        let batch = x.count / Swift.max(steps * features, 1)
        input = x
        let xw = self.xw.get([batch * steps, u])
        gemm(batch * steps, u, features, x.base, kernel.value.base, xw.base)
        let h = hidden.get([steps + 1, batch, u])
        h.base.update(repeating: 0, count: batch * u)
        for t in 0..<steps {
            let next = h.base + (t + 1) * batch * u
            gemm(batch, u, u, h.base + t * batch * u, recurrentKernel.value.base, next)
            for b in 0..<batch {
                let row = next + b * u, xrow = xw.base + (b * steps + t) * u
                for j in 0..<u { row[j] = tanhf(row[j] + xrow[j] + bias.value.base[j]) }
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
        let steps = inputShape[0], features = inputShape[1], u = units
        let batch = dy.count / (returnSequences ? steps * u : u)
        let h = hidden.tensor
        let dA = da.get([steps, batch, u]), dh = carry.get([batch, u]).base
        dh.update(repeating: 0, count: batch * u)
        recurrentKernel.grad.base.update(repeating: 0, count: recurrentKernel.grad.count)
        for t in stride(from: steps - 1, through: 0, by: -1) {
            for b in 0..<batch {
                let hNext = h.base + ((t + 1) * batch + b) * u, d = dA.base + (t * batch + b) * u, dhb = dh + b * u
                if returnSequences {
                    let src = dy.base + (b * steps + t) * u
                    for j in 0..<u { dhb[j] += src[j] }
                } else if t == steps - 1 {
                    let src = dy.base + b * u
                    for j in 0..<u { dhb[j] += src[j] }
                }
                for j in 0..<u { d[j] = dhb[j] * (1 - hNext[j] * hNext[j]) }
            }
            let dStep = dA.base + t * batch * u
            gemm(u, u, batch, h.base + t * batch * u, transA: true, dStep, recurrentKernel.grad.base, beta: 1)
            gemm(batch, u, u, dStep, recurrentKernel.value.base, transB: true, dh)
        }
        let dB = daBatchMajor.get([batch * steps, u])
        for b in 0..<batch { for t in 0..<steps {
            (dB.base + (b * steps + t) * u).update(from: dA.base + (t * batch + b) * u, count: u)
        } }
        gemm(features, u, batch * steps, input.base, transA: true, dB.base, kernel.grad.base)
        bias.grad.base.update(repeating: 0, count: u)
        for r in 0..<(batch * steps) {
            let row = dB.base + r * u
            for j in 0..<u { bias.grad.base[j] += row[j] }
        }
        let d = dx.get(input.shape)
        if needsInputGradient {
            gemm(batch * steps, features, u, dB.base, kernel.value.base, transB: true, d.base)
        }
        return d
    }
}
