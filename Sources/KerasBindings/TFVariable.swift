import CNN
import NumPy
import Script

/// A weight as lesson code holds it (`model.trainable_variables[0]`, `self.add_weight(...)`,
/// `tf.Variable(...)`): Keras 3's KerasVariable over a CNN `Parameter`. Read inside a tape it
/// is watched, as TensorFlow watches trainable variables.
final class TFVariableObject: HostObject, NDArrayConvertible {
    let parameter: CNN.Parameter
    /// Keras's `path` (`dense/kernel`) and `name` (`kernel`).
    let path: String
    let trainable: Bool
    unowned let context: BindingContext

    init(_ parameter: CNN.Parameter, path: String, trainable: Bool = true, context: BindingContext) {
        self.parameter = parameter; self.path = path; self.trainable = trainable; self.context = context
    }

    var ndarray: NDArray { NDArray(shape: parameter.value.shape, dtype: .float32, storage: .float32(parameter.value.scalars)) }
    var typeName: String { "Variable" }
    /// As Keras 3.15 prints a variable on the TensorFlow backend.
    func repr() -> String {
        let value = NumPyFormat.string(ndarray, options: PrintOptions.current(in: context.run))
        return "<Variable path=\(path), shape=\(shapeText(parameter.value.shape.map { $0 })), dtype=float32, value=\(value)>"
    }

    func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "name": return .str(parameter.name)
        case "path": return .str(path)
        case "trainable": return .bool(trainable)
        case "dtype": return .str("float32")
        case "shape": return .tuple(parameter.value.shape.map { .int($0) })
        case "numpy", "value":
            return .function(BuiltinFunction(name, isMethod: true) { [self] args in _ = try args.bind([]); return NDArrayObject.value(in: context, ndarray) })
        case "assign", "assign_add", "assign_sub":
            return .function(BuiltinFunction(name, isMethod: true) { [self] args in
                let v = try ValueConversion.array(try args.bind(["value"])["value"] ?? .none, name: "value").array
                var t = try TFEager.tensor(v)
                if name != "assign" {
                    let old = parameter.value
                    t = try Ops.binary(name == "assign_add" ? .add : .subtract, Variable(constant: old), Variable(constant: t), tape: nil).value
                }
                guard t.shape == parameter.value.shape else {
                    throw ScriptError.valueError("Cannot assign value to variable '\(path)': Shape mismatch. The variable shape \(shapeText(parameter.value.shape.map { $0 })), and the assigned value has shape \(shapeText(t.shape.map { $0 }))")
                }
                try KerasCall.run { try parameter.assign(t) }
                return .none
            })
        default: return nil
        }
    }

    func binaryOp(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> OperatorResult {
        try TFEager.binary(op, .object(self), other, reflected: reflected, context: context)
            ?? TFTensorObject(ndarray, context: context).binaryOp(op, other, reflected: reflected)
    }
    func unaryOp(_ op: UnaryOperator) throws -> OperatorResult { try TFTensorObject(ndarray, context: context).unaryOp(op) }
    func length() throws -> Int? { parameter.value.shape.first }
}

extension TFEager {
    /// `a + b`, `a @ b`, … recorded on the open tape when an operand is on it; nil when no
    /// tape is involved (NumPy computes it) or for operators the engine lacks.
    static func binary(_ op: BinaryOperator, _ me: Value, _ other: Value, reflected: Bool, context: BindingContext?) throws -> Value? {
        guard let tape = tape(for: [me, other], context: nil) else { return nil }
        let (l, r) = reflected ? (other, me) : (me, other)
        let a = try variable(l, tape: tape), b = try variable(r, tape: tape)
        // The result and its index maps are charged to the run before they are made.
        let shape = try KerasCall.run { try Ops.broadcastShape(a.shape, b.shape) }
        try tape.context.run.charge(elements: shape.reduce(1, *), bytesPerElement: 20, what: "the result of \(op.rawValue)")
        let out: Variable
        switch op {
        case .add: out = try KerasCall.run { try Ops.binary(.add, a, b, tape: tape.tape) }
        case .subtract: out = try KerasCall.run { try Ops.binary(.subtract, a, b, tape: tape.tape) }
        case .multiply: out = try KerasCall.run { try Ops.binary(.multiply, a, b, tape: tape.tape) }
        case .divide: out = try KerasCall.run { try Ops.binary(.divide, a, b, tape: tape.tape) }
        case .matmul: out = try KerasCall.run { try Ops.matmul(a, b, tape: tape.tape) }
        case .power:
            guard case .int(2) = r else { return nil }
            out = Ops.square(a, tape: tape.tape)
        default: return nil
        }
        return result(out, tape: tape, context: context ?? tape.context)
    }
}
