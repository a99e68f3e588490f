import Foundation

/// Hands out Keras-style names: `conv2d`, `conv2d_1`, ... and `sequential`, `sequential_1`.
/// Made per lesson run (and passed to every layer and model) so each run numbers its layers
/// from zero, as a new Python process would; there is no process-wide scope.
public final class NameScope: @unchecked Sendable {
    private var counters: [String: Int] = [:]
    private let lock = NSLock()
    public init() {}
    public func uniqueName(_ prefix: String) -> String {
        lock.lock(); defer { lock.unlock() }
        let n = counters[prefix, default: 0]
        counters[prefix] = n + 1
        return n == 0 ? prefix : "\(prefix)_\(n)"
    }
    /// The counters, to keep with a checkpoint and put back (`conv2d` → 2 after `conv2d_1`).
    public var counts: [String: Int] {
        get { lock.lock(); defer { lock.unlock() }; return counters }
        set { lock.lock(); counters = newValue; lock.unlock() }
    }
    /// Forget every counter (the next `Conv2D` is `conv2d` again).
    public func reset() { lock.lock(); counters = [:]; lock.unlock() }
}

/// A trainable array with its gradient and a Keras-like name (`kernel`, `bias`).
public final class Parameter {
    public let name: String
    public internal(set) var value: Tensor
    var grad: Tensor
    init(name: String, value: Tensor) { self.name = name; self.value = value; grad = Tensor(zeros: value.shape) }
}

/// A layer of a `Sequential` model. Shapes exclude the batch axis.
/// Forward and backward reuse buffers the layer owns: a returned tensor is valid until the
/// layer's next call (the model copies what it keeps).
public class Layer {
    /// The Keras name, e.g. `conv2d_1`.
    public let name: String
    /// The input shape given with `inputShape:` (Keras's `input_shape=`), if any.
    public let declaredInputShape: [Int]?
    /// Set by `build`.
    public internal(set) var inputShape: [Int] = []
    public internal(set) var outputShape: [Int] = []
    public internal(set) var isBuilt = false
    /// False for the first layer of a model: nobody needs dL/d(input) there, so the
    /// backward pass skips that work (a GEMM and col2im for the first convolution).
    var needsInputGradient = true
    /// How many threads this layer splits a batch over; the model sets it from its own
    /// `threads` before each pass (a layer used alone runs on one).
    var threads = 1
    /// The model's threads that the parts run on (nil: libdispatch's).
    var workers: Workers?
    /// Keras's class name, shown by `summary()`.
    public var typeName: String { "Layer" }
    /// Trainable parameters, in Keras's order (kernel, bias).
    public var parameters: [Parameter] { [] }
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

    init(prefix: String, name: String?, inputShape: [Int]?, scope: NameScope) {
        self.name = name ?? scope.uniqueName(prefix)
        declaredInputShape = inputShape
    }

    /// Infers the output shape and creates weights. Throws naming the layer and shapes.
    func build(inputShape: [Int], rng: inout SeededRNG) throws {
        self.inputShape = inputShape
        outputShape = try computeOutputShape(inputShape)
        isBuilt = true
    }
    func computeOutputShape(_ s: [Int]) throws -> [Int] { s }
    /// Checks what a value must be beyond its shape (Embedding's indices) before `forward`.
    func validate(_ x: Tensor) throws {}
    /// True when `validate` checks something: such a layer must see its input, so it only
    /// heads a run of layers (`LayerChain`).
    var validatesInput: Bool { false }
    func forward(_ x: Tensor, training: Bool) -> Tensor { x }
    /// Given dL/d(output), accumulates parameter gradients and returns dL/d(input).
    func backward(_ dy: Tensor) -> Tensor { dy }
    /// Prepares per-run state (Dropout's generator).
    func reseed(_ seed: UInt64) {}

    func shapeError(_ msg: String, _ input: [Int]) -> CNNError {
        .shapeMismatch("Layer '\(name)' (\(typeName)) cannot take input of shape \(formatBatchShape(input)): \(msg).")
    }
}

/// `(None, 26, 26, 32)`
func formatBatchShape(_ s: [Int]) -> String { "(" + (["None"] + s.map(String.init)).joined(separator: ", ") + ")" }

/// A buffer owned by a layer, reallocated only when the batch shape changes.
struct Scratch {
    private(set) var tensor = Tensor(zeros: [0])
    mutating func get(_ shape: [Int]) -> Tensor {
        if tensor.shape != shape { tensor = Tensor(zeros: shape) }
        return tensor
    }
}

/// An index buffer (pooling's argmax) owned by a layer, reallocated only when its size changes.
final class IntScratch {
    private(set) var pointer = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    private var capacity = 1
    func get(_ n: Int) -> UnsafeMutablePointer<Int32> {
        if n > capacity { pointer.deallocate(); pointer = .allocate(capacity: n); capacity = n }
        return pointer
    }
    deinit { pointer.deallocate() }
}

/// Keras's glorot_uniform: U(−l, l), l = √(6 / (fanIn + fanOut)).
func glorotUniform(_ shape: [Int], fanIn: Int, fanOut: Int, rng: inout SeededRNG) -> Tensor {
    let t = Tensor(zeros: shape)
    let limit = (6 / Float(fanIn + fanOut)).squareRoot()
    let p = t.base
    for i in 0..<t.count { p[i] = (rng.nextFloat() * 2 - 1) * limit }
    return t
}

func parsePadding(_ p: String) throws -> Bool {
    switch p.lowercased() {
    case "valid": return false
    case "same": return true
    default: throw CNNError.invalidArgument("Unknown padding '\(p)'. Supported: 'valid', 'same'.")
    }
}
