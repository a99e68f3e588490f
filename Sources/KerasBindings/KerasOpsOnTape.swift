import CNN
import Script

/// `keras.ops` functions on a tensor an open GradientTape recorded (`self.add_loss(rate *
/// ops.mean(inputs))`, a loss written with `ops.square`): they run as engine ops on that tape,
/// so gradients flow through them as on TensorFlow. Off the tape NumPy computes them.
extension KerasOps {
    static let unaryOnTape: [String: (Variable, Tape?) -> Variable] = [
        "square": Ops.square, "exp": Ops.exp, "log": Ops.log, "tanh": Ops.tanh, "abs": Ops.absolute, "absolute": Ops.absolute,
        "negative": Ops.negate, "sqrt": Ops.squareRoot, "sigmoid": Ops.sigmoid, "relu": Ops.relu,
    ]
    static let binaryOnTape: [String: Ops.Binary] = ["add": .add, "subtract": .subtract, "multiply": .multiply, "divide": .divide]

    /// The op on the tape when an operand is on one; nil to let NumPy compute it.
    static func onTape(_ name: String, _ args: Arguments, context: BindingContext) throws -> Value? {
        // A list operand (`concatenate([a, b])`) is on the tape when one of its items is.
        guard TFEager.tape(for: (args.positional + args.keywords.map(\.1)).flatMap(TFEager.flatten), context: nil) != nil else { return nil }
        if let f = unaryOnTape[name] {
            let x = try args.bind(["x"])["x"] ?? .none
            return try TFOps.op([x], context) { v, tape in f(v[0], tape) }
        }
        if let kind = binaryOnTape[name] {
            let b = try args.bind(["x1", "x2"])
            return try TFOps.op([b["x1"] ?? .none, b["x2"] ?? .none], context) { v, tape in try Ops.binary(kind, v[0], v[1], tape: tape) }
        }
        switch name {
        case "matmul":
            let b = try args.bind(["x1", "x2"])
            return try TFOps.op([b["x1"] ?? .none, b["x2"] ?? .none], context) { v, tape in try Ops.matmul(v[0], v[1], tape: tape) }
        case "sum", "mean":
            let b = try args.bind(["x", "axis", "keepdims"], required: 1)
            let keepdims = try b.bool("keepdims", default: false)
            let axis: Int?
            switch b["axis"] ?? .none {
            case .none: axis = nil
            case .int(let k): axis = k
            case let other: throw ScriptError.notSupported("keras.ops.\(name)(axis=\(other.repr)) on a recorded tensor is not supported in lessons; give one axis or None")
            }
            return try TFOps.op([b["x"] ?? .none], context) { v, tape in
                let r = try Ops.reduce(v[0], axis: axis, mean: name == "mean", tape: tape)
                guard keepdims else { return r }
                // keepdims=True: the reduced axes stay, of size 1.
                let n = v[0].shape.count
                let kept = v[0].shape.indices.map { i -> Int in axis.map { ($0 < 0 ? $0 + n : $0) == i ? 1 : v[0].shape[i] } ?? 1 }
                return try Ops.reshape(r, to: kept, tape: tape)
            }
        case "concatenate":
            let b = try args.bind(["xs", "axis"], required: 1)
            let items = b["xs"]?.sequenceElements ?? []
            let rank = try items.first.map { try KerasTrackingPart.shape(of: $0).count } ?? 0
            let axis = b.has("axis") ? try b.int("axis") : 0
            guard axis == -1 || (rank > 0 && axis == rank - 1) else {
                throw ScriptError.notSupported("keras.ops.concatenate(axis=\(axis)) on a recorded tensor is not supported in lessons; the last axis (axis=-1) is")
            }
            return try TFOps.op(items, context) { v, tape in try Ops.concatenate(v, tape: tape) }
        default:
            return nil
        }
    }
}
