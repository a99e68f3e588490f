import Foundation

/// Keras's `LSTM(units)` on (T, features) sequences with its defaults: tanh and sigmoid, gates
/// in Keras's order i, f, c, o along the last axis of kernel (features, 4u), recurrent_kernel
/// (u, 4u) and bias (4u); glorot_uniform, orthogonal and zeros with the forget gate's bias 1
/// (`unit_forget_bias`). (T, F) → (u), or (T, u) with `return_sequences`.
///
/// Per step: z = x_t·W + h·U + b; i, f, o = σ(z_i, z_f, z_o); g = tanh(z_c);
/// c' = f·c + i·g; h' = o·tanh(c'). The backward runs back through time with the states
/// the forward kept (time-major, so each step's rows are contiguous for the products).
public final class LSTM: Layer {
    public let units: Int
    public let returnSequences: Bool
    public private(set) var kernel: Parameter?
    public private(set) var recurrentKernel: Parameter?
    public private(set) var bias: Parameter?
    override public var typeName: String { "LSTM" }
    override public var parameters: [Parameter] { [kernel, recurrentKernel, bias].compactMap { $0 } }

    private var input = Tensor(zeros: [0])
    /// Kept by the forward, time-major: activated gates (T, B, 4u), cells and outputs (T+1, B, u)
    /// with the zero initial state first.
    private var gates = Scratch(), cells = Scratch(), hidden = Scratch()
    private var xw = Scratch(), out = Scratch(), dx = Scratch(), dz = Scratch(), dzBatchMajor = Scratch(), step = Scratch()

    public init(units: Int, returnSequences: Bool = false, inputShape: [Int]? = nil, name: String? = nil, scope: NameScope) throws {
        guard units > 0 else {
            throw CNNError.invalidArgument("Received an invalid value for argument `units`, expected a positive integer, got \(units).")
        }
        self.units = units
        self.returnSequences = returnSequences
        super.init(prefix: "lstm", name: name, inputShape: inputShape, scope: scope)
    }

    override func computeOutputShape(_ s: [Int]) throws -> [Int] {
        guard s.count == 2, s[0] > 0, s[1] > 0 else {
            throw CNNError.shapeMismatch("Input 0 with name 'None' of layer '\(name)' is incompatible with the layer: expected ndim=3, found ndim=\(s.count + 1). Full shape received: \(formatBatchShape(s))")
        }
        return returnSequences ? [s[0], units] : [units]
    }

    override func build(inputShape s: [Int], rng: inout SeededRNG) throws {
        try super.build(inputShape: s, rng: &rng)
        let features = s[1], width = 4 * units
        kernel = Parameter(name: "kernel", value: glorotUniform([features, width], fanIn: features, fanOut: width, rng: &rng))
        recurrentKernel = Parameter(name: "recurrent_kernel", value: orthogonal(rows: units, columns: width, rng: &rng))
        let b = Tensor(zeros: [width])
        for j in units..<(2 * units) { b.base[j] = 1 }
        bias = Parameter(name: "bias", value: b)
    }

    override func forward(_ x: Tensor, training: Bool) -> Tensor {
        guard let kernel, let recurrentKernel, let bias else { preconditionFailure("\(name) used before build") }
        let steps = inputShape[0], features = inputShape[1], u = units, width = 4 * u
        let batch = x.count / Swift.max(steps * features, 1)
        input = x
        // x·W for every step at once: rows in the input's (batch, time) order.
        let xw = self.xw.get([batch * steps, width])
        gemm(batch * steps, width, features, x.base, kernel.value.base, xw.base)
        let g = gates.get([steps, batch, width]), c = cells.get([steps + 1, batch, u]), h = hidden.get([steps + 1, batch, u])
        c.base.update(repeating: 0, count: batch * u)
        h.base.update(repeating: 0, count: batch * u)
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
        let steps = inputShape[0], features = inputShape[1], u = units, width = 4 * u
        let batch = dy.count / (returnSequences ? steps * u : u)
        let g = gates.tensor, c = cells.tensor, h = hidden.tensor
        let dzT = dz.get([steps, batch, width])
        // dL/dh and dL/dc flowing back from step t+1 (zero after the last step).
        let carry = step.get([2, batch, u])
        let dh = carry.base, dc = carry.base + batch * u
        dh.update(repeating: 0, count: 2 * batch * u)
        recurrentKernel.grad.base.update(repeating: 0, count: recurrentKernel.grad.count)
        for t in stride(from: steps - 1, through: 0, by: -1) {
            for b in 0..<batch {
                let gate = g.base + (t * batch + b) * width, d = dzT.base + (t * batch + b) * width
                let cPrev = c.base + (t * batch + b) * u, cNext = c.base + ((t + 1) * batch + b) * u
                let dhb = dh + b * u, dcb = dc + b * u
                if returnSequences {
                    let src = dy.base + (b * steps + t) * u
                    for j in 0..<u { dhb[j] += src[j] }
                } else if t == steps - 1 {
                    let src = dy.base + b * u
                    for j in 0..<u { dhb[j] += src[j] }
                }
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
        // dz in the input's (batch, time) row order, for dW = xᵀ·dz, db and dx = dz·Wᵀ.
        let dzB = dzBatchMajor.get([batch * steps, width])
        for b in 0..<batch { for t in 0..<steps {
            (dzB.base + (b * steps + t) * width).update(from: dzT.base + (t * batch + b) * width, count: width)
        } }
        gemm(features, width, batch * steps, input.base, transA: true, dzB.base, kernel.grad.base)
        bias.grad.base.update(repeating: 0, count: width)
        for r in 0..<(batch * steps) {
            let row = dzB.base + r * width
            for j in 0..<width { bias.grad.base[j] += row[j] }
        }
        let d = dx.get(input.shape)
        if needsInputGradient {
            gemm(batch * steps, features, width, dzB.base, kernel.value.base, transB: true, d.base)
        }
        return d
    }
}

@inline(__always) private func sigmoid(_ x: Float) -> Float { 1 / (1 + expf(-x)) }

/// Keras's `Orthogonal` initializer: the Q of a normal matrix's QR (signs so R's diagonal is
/// positive), transposed when the matrix is wider than tall. Gram–Schmidt in double precision.
func orthogonal(rows: Int, columns: Int, rng: inout SeededRNG) -> Tensor {
    let tall = Swift.max(rows, columns), narrow = Swift.min(rows, columns)
    // `narrow` columns of length `tall`, column-major.
    var q = [Double](repeating: 0, count: tall * narrow)
    for k in 0..<q.count { q[k] = rng.nextNormal() }
    for j in 0..<narrow {
        for p in 0..<j {
            var dot = 0.0
            for r in 0..<tall { dot += q[p * tall + r] * q[j * tall + r] }
            for r in 0..<tall { q[j * tall + r] -= dot * q[p * tall + r] }
        }
        var norm = 0.0
        for r in 0..<tall { norm += q[j * tall + r] * q[j * tall + r] }
        norm = norm.squareRoot()
        for r in 0..<tall { q[j * tall + r] = norm > 0 ? q[j * tall + r] / norm : 0 }
    }
    let t = Tensor(zeros: [rows, columns])
    for r in 0..<rows { for col in 0..<columns {
        // rows ≥ columns: Q itself (tall × narrow); otherwise its transpose.
        t.base[r * columns + col] = Float(rows >= columns ? q[col * tall + r] : q[r * tall + col])
    } }
    return t
}

extension SeededRNG {
    /// A standard normal draw (Box–Muller on two 53-bit uniforms), for `orthogonal`.
    mutating func nextNormal() -> Double {
        let u1 = (Double(next() >> 11) + 1) / 9_007_199_254_740_992.0, u2 = Double(next() >> 11) / 9_007_199_254_740_992.0
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
