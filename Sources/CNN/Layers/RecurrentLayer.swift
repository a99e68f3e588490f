import Foundation

/// What Keras's recurrent layers (LSTM, GRU, SimpleRNN) share: (T, F) sequences in, the last
/// step's output (u) or every step's (T, u) out; kernel (F, g·u), recurrent_kernel (u, g·u)
/// and a bias. A forward keeps its outputs time-major, (T+1, B, u) with the zero state first,
/// so each step's rows are contiguous for the products; the backward runs back through time.
public class RecurrentLayer: Layer {
    public let units: Int
    public let returnSequences: Bool
    public internal(set) var kernel: Parameter?
    public internal(set) var recurrentKernel: Parameter?
    public internal(set) var bias: Parameter?
    override public var parameters: [Parameter] { [kernel, recurrentKernel, bias].compactMap { $0 } }

    var input = Tensor(zeros: [0])
    var hidden = Scratch(), xw = Scratch(), out = Scratch(), dx = Scratch()
    /// dL/d(pre-activations) per step, time-major, and in the input's (batch, time) order.
    var dGates = Scratch(), dGatesBatchMajor = Scratch(), carry = Scratch()

    init(units: Int, returnSequences: Bool, prefix: String, inputShape: [Int]?, name: String?, scope: NameScope) throws {
        guard units > 0 else {
            throw CNNError.invalidArgument("Received an invalid value for argument `units`, expected a positive integer, got \(units).")
        }
        self.units = units
        self.returnSequences = returnSequences
        super.init(prefix: prefix, name: name, inputShape: inputShape, scope: scope)
    }

    override func computeOutputShape(_ s: [Int]) throws -> [Int] {
        guard s.count == 2, s[0] > 0, s[1] > 0 else {
            throw CNNError.shapeMismatch("Input 0 with name 'None' of layer '\(name)' is incompatible with the layer: expected ndim=3, found ndim=\(s.count + 1). Full shape received: \(formatBatchShape(s))")
        }
        return returnSequences ? [s[0], units] : [units]
    }

    /// Glorot-uniform kernel and orthogonal recurrent kernel for `gates` gates, in Keras's order.
    func makeKernels(gates: Int, rng: inout SeededRNG) {
        let features = inputShape[1], width = gates * units
        kernel = Parameter(name: "kernel", value: glorotUniform([features, width], fanIn: features, fanOut: width, rng: &rng))
        recurrentKernel = Parameter(name: "recurrent_kernel", value: orthogonal(rows: units, columns: width, rng: &rng))
    }

    /// x·W for every step at once (rows in the input's (batch, time) order) and the zero state.
    func startForward(_ x: Tensor, width: Int) -> (batch: Int, xw: Tensor, h: Tensor) {
        let steps = inputShape[0], features = inputShape[1]
        let batch = x.count / Swift.max(steps * features, 1)
        input = x
        let xw = self.xw.get([batch * steps, width])
        if let kernel { gemm(batch * steps, width, features, x.base, kernel.value.base, xw.base) }
        let h = hidden.get([steps + 1, batch, units])
        h.base.update(repeating: 0, count: batch * units)
        return (batch, xw, h)
    }

    /// The layer's output from the kept states: the last step's, or every step's as (B, T, u).
    func emit(batch: Int) -> Tensor {
        let steps = inputShape[0], u = units, h = hidden.tensor
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

    /// The batch of a backward's dL/dy.
    func batch(of dy: Tensor) -> Int { dy.count / (returnSequences ? inputShape[0] * units : units) }

    /// Adds dL/dy of step `t` (every step with `return_sequences`, else the last) into dh (B×u).
    func addOutputGradient(_ dy: Tensor, step t: Int, batch: Int, into dh: UnsafeMutablePointer<Float>) {
        let steps = inputShape[0], u = units
        guard returnSequences || t == steps - 1 else { return }
        for b in 0..<batch {
            let src = dy.base + (returnSequences ? (b * steps + t) * u : b * u), dst = dh + b * u
            for j in 0..<u { dst[j] += src[j] }
        }
    }

    /// From the time-major dL/d(x·W + b) of every step: dW = xᵀ·dz, `inputBiasGrad` += Σ dz,
    /// and dL/dx = dz·Wᵀ (when the layer before needs it).
    func finishBackward(batch: Int, width: Int, inputBiasGrad: UnsafeMutablePointer<Float>) -> Tensor {
        let steps = inputShape[0], features = inputShape[1]
        let dz = dGates.tensor, dB = dGatesBatchMajor.get([batch * steps, width])
        for b in 0..<batch { for t in 0..<steps {
            (dB.base + (b * steps + t) * width).update(from: dz.base + (t * batch + b) * width, count: width)
        } }
        if let kernel { gemm(features, width, batch * steps, input.base, transA: true, dB.base, kernel.grad.base) }
        for r in 0..<(batch * steps) {
            let row = dB.base + r * width
            for j in 0..<width { inputBiasGrad[j] += row[j] }
        }
        let d = dx.get(input.shape)
        if needsInputGradient, let kernel {
            gemm(batch * steps, features, width, dB.base, kernel.value.base, transB: true, d.base)
        }
        return d
    }
}

@inline(__always) func sigmoid(_ x: Float) -> Float { 1 / (1 + expf(-x)) }

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
