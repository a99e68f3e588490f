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
        guard TFEager.tape(for: args.positional + args.keywords.map(\.1), context: nil) != nil else { return nil }
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
            guard !(try b.bool("keepdims", default: false)) else { throw ScriptError.notSupported("keras.ops.\(name)(keepdims=True) on a recorded tensor is not supported in lessons") }
            let axis: Int?
            switch b["axis"] ?? .none {
            case .none: axis = nil
            case .int(let k): axis = k
            case let other: throw ScriptError.notSupported("keras.ops.\(name)(axis=\(other.repr)) on a recorded tensor is not supported in lessons; give one axis or None")
            }
            return try TFOps.op([b["x"] ?? .none], context) { v, tape in try Ops.reduce(v[0], axis: axis, mean: name == "mean", tape: tape) }
        default:
            return nil
        }
    }
}
