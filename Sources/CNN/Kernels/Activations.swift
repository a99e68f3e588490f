import Foundation

/// The activations Keras accepts by name.
public enum Activation: String, CaseIterable, Sendable {
    case linear, relu, sigmoid, tanh, softmax

    /// `nil`, "linear" and "None" mean no activation; an unknown name is an error.
    public init(name: String?) throws {
        guard let name, name != "None", !name.isEmpty else { self = .linear; return }
        guard let a = Activation(rawValue: name.lowercased()) else {
            throw CNNError.invalidArgument("Unknown activation '\(name)'. Supported: \(Activation.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")).")
        }
        self = a
    }

    /// Applies in place; softmax acts on rows of `width` elements.
    func forward(_ x: UnsafeMutablePointer<Float>, count: Int, width: Int) {
        switch self {
        case .linear: break
        case .relu: reluForward(x, count)
        case .sigmoid: for i in 0..<count { x[i] = 1 / (1 + expf(-x[i])) }
        case .tanh: for i in 0..<count { x[i] = tanhf(x[i]) }
        case .softmax:
            for r in 0..<(count / width) { softmaxRow(x + r * width, width) }
        }
    }

    /// dL/dz into `d` from dL/dy in `dy` (ReLU fuses the copy with the mask).
    func backward(_ y: UnsafePointer<Float>, from dy: UnsafePointer<Float>, into d: UnsafeMutablePointer<Float>, count: Int, width: Int) {
        if self == .relu { reluBackward(y, from: dy, into: d, count); return }
        d.update(from: dy, count: count)
        backward(y, d, count: count, width: width)
    }

    /// Turns dL/dy into dL/dz in place, from the activation's output `y`.
    func backward(_ y: UnsafePointer<Float>, _ d: UnsafeMutablePointer<Float>, count: Int, width: Int) {
        switch self {
        case .linear: break
        case .relu: reluBackward(y, d, count)
        case .sigmoid: for i in 0..<count { d[i] *= y[i] * (1 - y[i]) }
        case .tanh: for i in 0..<count { d[i] *= 1 - y[i] * y[i] }
        case .softmax:
            // Jacobian-vector product: dz = y ⊙ (dy − ⟨dy, y⟩), per row.
            for r in 0..<(count / width) {
                let yr = y + r * width, dr = d + r * width
                var dot: Float = 0
                for j in 0..<width { dot += dr[j] * yr[j] }
                for j in 0..<width { dr[j] = yr[j] * (dr[j] - dot) }
            }
        }
    }
}

/// Numerically stable softmax of one row, in place (subtract the max before exp).
@inline(__always)
func softmaxRow(_ x: UnsafeMutablePointer<Float>, _ n: Int) {
    var m = -Float.infinity
    for j in 0..<n { m = Swift.max(m, x[j]) }
    var s: Float = 0
    for j in 0..<n { x[j] = expf(x[j] - m); s += x[j] }
    let inv = 1 / s
    for j in 0..<n { x[j] *= inv }
}
