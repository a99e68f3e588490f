import CKernels
import Foundation

/// Updates parameters from their gradients. Slots (moments) are kept per parameter.
public class Optimizer {
    public var learningRate: Float
    /// Training steps taken (Keras's `optimizer.iterations`); Adam's bias correction uses it.
    public internal(set) var iterations = 0
    var slots: [ObjectIdentifier: [Tensor]] = [:]
    init(learningRate: Float) { self.learningRate = learningRate }
    /// Keras's name: "adam", "sgd", "rmsprop".
    public static func named(_ name: String) throws -> Optimizer {
        switch name.lowercased() {
        case "adam": return Adam()
        case "sgd": return SGD()
        case "rmsprop": return RMSprop()
        default: throw CNNError.invalidArgument("Unknown optimizer '\(name)'. Supported: 'adam', 'sgd', 'rmsprop'.")
        }
    }
    func step(_ params: [Parameter], threads: Int = 1, on workers: Workers? = nil) {
        iterations += 1
        for p in params {
            let s = slots[ObjectIdentifier(p)] ?? makeSlots(p)
            slots[ObjectIdentifier(p)] = s
            // Element-wise, so large tensors split over the threads without changing results.
            let w = p.value.base, g = p.grad.base
            if p.value.count < 16_384 { update(w, g, p.value.count, s); continue }
            parallelChunks(p.value.count, threads: threads, on: workers) { _, r in
                update(w + r.lowerBound, g + r.lowerBound, r.count, s.map { $0.slice(r.lowerBound..<r.upperBound) })
            }
        }
    }
    /// Flat slot tensors (one per moment), so element ranges can be sliced.
    func makeSlots(_ p: Parameter) -> [Tensor] { [] }
    /// The names of the slots `makeSlots` makes, in order (Keras's variable names).
    public var slotNames: [String] { [] }
    /// Keras's class name ("Adam"); its snake case names the optimizer in a weights file.
    public var kerasClass: String { "Optimizer" }
    func update(_ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ n: Int, _ slots: [Tensor]) {}
}

/// Adam with Keras's defaults (lr 0.001, β₁ 0.9, β₂ 0.999, ε 1e-7) and Keras's update form.
public final class Adam: Optimizer {
    public let beta1: Float, beta2: Float, epsilon: Float
    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7) {
        self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon
        super.init(learningRate: learningRate)
    }
    override func makeSlots(_ p: Parameter) -> [Tensor] { [Tensor(zeros: [p.value.count]), Tensor(zeros: [p.value.count])] }
    /// Keras calls them `momentum` and `velocity`; they are Adam's first and second moments.
    override public var slotNames: [String] { ["m", "v"] }
    override public var kerasClass: String { "Adam" }
    override func update(_ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ n: Int, _ s: [Tensor]) {
        let t = Float(iterations)
        let lr = learningRate * (1 - powf(beta2, t)).squareRoot() / (1 - powf(beta1, t))
        // One pass at the CPU's vector width (AVX-512, AVX2 or SSE, the same bits on each).
        ck_adam(w, g, s[0].base, s[1].base, n, 1 - beta1, 1 - beta2, lr, epsilon)
    }
}

/// SGD, with Keras's momentum form: v = μ·v − lr·g; w += v.
public final class SGD: Optimizer {
    public let momentum: Float
    public init(learningRate: Float = 0.01, momentum: Float = 0) {
        self.momentum = momentum
        super.init(learningRate: learningRate)
    }
    override func makeSlots(_ p: Parameter) -> [Tensor] { momentum == 0 ? [] : [Tensor(zeros: [p.value.count])] }
    override public var slotNames: [String] { momentum == 0 ? [] : ["momentum"] }
    override public var kerasClass: String { "SGD" }
    override func update(_ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ n: Int, _ s: [Tensor]) {
        if momentum == 0 { for i in 0..<n { w[i] -= learningRate * g[i] }; return }
        let v = s[0].base
        for i in 0..<n { v[i] = momentum * v[i] - learningRate * g[i]; w[i] += v[i] }
    }
}

/// RMSprop with Keras's defaults (lr 0.001, ρ 0.9, ε 1e-7).
public final class RMSprop: Optimizer {
    public let rho: Float, epsilon: Float
    public init(learningRate: Float = 0.001, rho: Float = 0.9, epsilon: Float = 1e-7) {
        self.rho = rho; self.epsilon = epsilon
        super.init(learningRate: learningRate)
    }
    override func makeSlots(_ p: Parameter) -> [Tensor] { [Tensor(zeros: [p.value.count])] }
    override public var slotNames: [String] { ["velocity"] }
    override public var kerasClass: String { "RMSprop" }
    override func update(_ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ n: Int, _ s: [Tensor]) {
        let v = s[0].base
        for i in 0..<n {
            v[i] = rho * v[i] + (1 - rho) * g[i] * g[i]
            w[i] -= learningRate * g[i] / (v[i].squareRoot() + epsilon)
        }
    }
}

/// What an optimizer has learnt, as copies: its step count and, per parameter, its slots
/// (Adam's `m` and `v`, SGD's `momentum`, RMSprop's `velocity`), shaped like the parameter.
/// A parameter the optimizer has not updated yet has no slots.
public struct OptimizerState: Equatable {
    public var iterations: Int
    /// `"<parameter name>/<slot name>"` → the slot, e.g. `"conv2d/kernel/m"`.
    public var slots: [String: Tensor]

    public init(iterations: Int, slots: [String: Tensor]) { self.iterations = iterations; self.slots = slots }

    public static func == (a: Self, b: Self) -> Bool {
        a.iterations == b.iterations && a.slots.keys.sorted() == b.slots.keys.sorted()
            && a.slots.allSatisfy { key, t in b.slots[key].map { $0.shape == t.shape && $0.scalars == t.scalars } ?? false }
    }
}

extension Optimizer {
    /// The state for `parameters`, each named (a model names them `<layer>/<kernel|bias>`).
    public func state(of parameters: [(name: String, parameter: Parameter)]) -> OptimizerState {
        var out: [String: Tensor] = [:]
        for (name, p) in parameters {
            guard let s = slots[ObjectIdentifier(p)] else { continue }
            for (slotName, slot) in zip(slotNames, s) {
                out["\(name)/\(slotName)"] = slot.copied(shape: p.value.shape)
            }
        }
        return OptimizerState(iterations: iterations, slots: out)
    }

    /// Puts back a state `state(of:)` returned, for the same parameters by name. Throws when a
    /// slot is missing, unknown, or of the wrong size; then nothing is changed.
    public func restore(_ state: OptimizerState, for parameters: [(name: String, parameter: Parameter)]) throws {
        guard state.iterations >= 0 else { throw CNNError.invalidArgument("An optimizer state cannot have \(state.iterations) iterations.") }
        var restored: [ObjectIdentifier: [Tensor]] = [:]
        var used = Set<String>()
        for (name, p) in parameters {
            let keys = slotNames.map { "\(name)/\($0)" }
            let present = keys.filter { state.slots[$0] != nil }
            if present.isEmpty { continue }
            guard present.count == keys.count else {
                throw CNNError.invalidArgument("The optimizer state of '\(name)' has \(present.joined(separator: ", ")) but needs \(keys.joined(separator: ", ")).")
            }
            restored[ObjectIdentifier(p)] = try keys.map { key in
                guard let t = state.slots[key], t.count == p.value.count else {
                    throw CNNError.shapeMismatch("Optimizer slot '\(key)' has shape \(formatShape(state.slots[key]?.shape ?? [])) but the parameter has shape \(formatShape(p.value.shape)).")
                }
                used.insert(key)
                return t.copied(shape: [t.count])
            }
        }
        if let unknown = state.slots.keys.sorted().first(where: { !used.contains($0) }) {
            throw CNNError.invalidArgument("The optimizer state has a slot '\(unknown)' for no parameter of this model.")
        }
        iterations = state.iterations
        slots = restored
    }
}

extension DenseTensor {
    /// A copy that shares nothing with `self` (kernels write into storage without copy on write).
    func copied(shape newShape: [Int]? = nil) -> DenseTensor {
        DenseTensor(shape: newShape ?? shape, storage: TensorStorage(copying: base, count: count), offset: 0)
    }
}
