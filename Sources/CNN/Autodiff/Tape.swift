import Foundation

/// A tensor seen by the autodiff engine: its value and, when a tape recorded it, its place on
/// that tape. Ops take `Variable`s and return one; with no tape they only compute.
public struct Variable {
    public let value: Tensor
    /// Index on the tape that made it, nil when nothing records (inference, constants).
    let id: Int?
    init(_ value: Tensor, id: Int?) { self.value = value; self.id = id }
    /// A value that gradients do not flow into (data, targets).
    public init(constant value: Tensor) { self.init(value, id: nil) }
    public var shape: [Int] { value.shape }
}

/// Gradients computed by `Tape.gradients`: per watched variable and per layer parameter.
/// Where a tensor fans out (read by several ops) or a layer is shared, contributions add up.
public struct Gradients {
    var byID: [Int: Tensor] = [:]
    var byParameter: [ObjectIdentifier: (Parameter, Tensor)] = [:]
    /// dL/dv, or nil when `v` does not reach the loss.
    public subscript(_ v: Variable) -> Tensor? { v.id.flatMap { byID[$0] } }
    /// dL/dθ for a layer parameter, nil when the parameter took no part.
    public subscript(_ p: Parameter) -> Tensor? { byParameter[ObjectIdentifier(p)]?.1 }
    /// Every parameter that received a gradient, in the order they were first reached.
    public var parameters: [Parameter] { parameterOrder.compactMap { byParameter[$0]?.0 } }
    var parameterOrder: [ObjectIdentifier] = []

    mutating func accumulate(_ g: Tensor, into id: Int) {
        if let old = byID[id] { byID[id] = sum(old, g) } else { byID[id] = copied(g) }
    }
    mutating func accumulate(_ g: Tensor, into p: Parameter) {
        let key = ObjectIdentifier(p)
        if let (_, old) = byParameter[key] { byParameter[key] = (p, sum(old, g)) } else {
            byParameter[key] = (p, copied(g)); parameterOrder.append(key)
        }
    }
}

/// Records operations in the order they run; `gradients` walks them backwards (reverse-mode).
/// Each record keeps the backward of its op, written beside the forward in the Ops files.
/// A tape is a value of one computation: make one per training step, never share it.
public final class Tape {
    /// Given dL/d(output), returns dL/d(each input) (nil where an input needs none) and adds
    /// parameter gradients into `grads`.
    typealias Backward = (_ dy: Tensor, _ grads: inout Gradients) throws -> [Tensor?]
    struct Record { let inputs: [Int?]; let output: Int; let backward: Backward }
    private(set) var records: [Record] = []
    private var nextID = 0
    /// The record id of each layer's latest forward: a shared layer's buffers hold only its
    /// last call, so the backward of an earlier call runs that forward again first.
    var lastForward: [ObjectIdentifier: Int] = [:]

    public init() {}

    /// Starts tracking `value` (an input or any tensor one wants dL/d of).
    public func watch(_ value: Tensor) -> Variable { Variable(value, id: newID()) }

    func newID() -> Int { defer { nextID += 1 }; return nextID }

    /// Records an op whose output is `value`, computed from `inputs`.
    func record(_ value: Tensor, inputs: [Variable], backward: @escaping Backward) -> Variable {
        let id = newID()
        records.append(Record(inputs: inputs.map(\.id), output: id, backward: backward))
        return Variable(value, id: id)
    }

    /// Reverse-mode pass from `outputs`, each seeded with `seeds` (ones when nil: the gradient
    /// of the sum of the outputs, i.e. of a scalar loss).
    public func gradients(of outputs: [Variable], seeds: [Tensor]? = nil) throws -> Gradients {
        var grads = Gradients()
        if let seeds, seeds.count != outputs.count {
            throw CNNError.invalidArgument("gradients: \(outputs.count) outputs but \(seeds.count) seeds")
        }
        for (k, out) in outputs.enumerated() {
            guard let id = out.id else { continue }
            let seed = seeds?[k] ?? Tensor(shape: out.value.shape, repeating: 1)
            guard seed.shape == out.value.shape else {
                throw CNNError.shapeMismatch("gradients: seed of shape \(formatShape(seed.shape)) for an output of shape \(formatShape(out.value.shape))")
            }
            grads.accumulate(seed, into: id)
        }
        for r in records.reversed() {
            guard let dy = grads.byID[r.output] else { continue }
            let dxs = try r.backward(dy, &grads)
            for (input, dx) in zip(r.inputs, dxs) {
                if let input, let dx { grads.accumulate(dx, into: input) }
            }
        }
        return grads
    }

    public func gradients(of loss: Variable) throws -> Gradients { try gradients(of: [loss]) }
}

/// A tensor with storage of its own (layers hand out buffers they reuse).
func copied(_ t: Tensor) -> Tensor { var c = t; c.makeUnique(); return c }

/// Element-wise a + b of equal shapes, in a new tensor.
func sum(_ a: Tensor, _ b: Tensor) -> Tensor {
    let out = Tensor(zeros: a.shape)
    let pa = a.base, pb = b.base, po = out.base
    for i in 0..<Swift.min(a.count, b.count) { po[i] = pa[i] + pb[i] }
    return out
}
