import CNN
import NumPy
import Script

/// The `tf` functions of custom training code: `tf.GradientTape`, `tf.Variable`,
/// `tf.constant`, `tf.matmul`, `tf.reduce_mean`, `tf.square`, `tf.nn.relu`, … Each records on
/// the open tape when an operand is on it, and returns an eager tensor.
enum TFOps {
    static func install(into tf: ModuleValue, context: BindingContext) {
        tf.addFunction("GradientTape") { [unowned context] args in .object(try TFGradientTapeObject(args, context: context)) }
        tf.addFunction("Variable") { [unowned context] args in
            let bound = try args.bind(["initial_value", "trainable", "name", "dtype"], required: 1)
            let value = try TFEager.tensor(try ValueConversion.array(bound["initial_value"] ?? .none, name: "initial_value").array)
            let name = bound.has("name") ? try bound.string("name") : context.scope.uniqueName("Variable")
            return .object(TFVariableObject(CNN.Parameter.make(name: name, value: value), path: name,
                                            trainable: try bound.bool("trainable", default: true), context: context))
        }
        for name in ["constant", "convert_to_tensor"] {
            tf.addFunction(name) { [unowned context] args in
                let bound = try args.bind(["value", "dtype", "shape", "name"], required: 1)
                var array = try ValueConversion.array(bound["value"] ?? .none, name: "value").array
                if bound.has("dtype"), let d = bound["dtype"], !d.isNone { array = array.astype(try ValueConversion.dtype(d)) }
                else if array.dtype == .float64 { array = array.astype(.float32) }
                return TFTensorObject.value(array, context: context)
            }
        }
        tf.addFunction("matmul") { [unowned context] args in
            let b = try args.bind(["a", "b"], required: 2)
            return try op([b["a"] ?? .none, b["b"] ?? .none], context) { v, tape in try Ops.matmul(v[0], v[1], tape: tape) }
        }
        for (name, kind) in [("add", Ops.Binary.add), ("subtract", .subtract), ("multiply", .multiply), ("divide", .divide)] {
            tf.addFunction(name) { [unowned context] args in
                let b = try args.bind(["x", "y", "name"], required: 2)
                return try op([b["x"] ?? .none, b["y"] ?? .none], context) { v, tape in try Ops.binary(kind, v[0], v[1], tape: tape) }
            }
        }
        for (name, mean) in [("reduce_mean", true), ("reduce_sum", false)] {
            tf.addFunction(name) { [unowned context] args in
                let b = try args.bind(["input_tensor", "axis", "keepdims", "name"], required: 1)
                guard !(try b.bool("keepdims", default: false)) else { throw ScriptError.notSupported("tf.\(name)(keepdims=True) is not supported in lessons") }
                let axis = b.has("axis") && !(b["axis"]?.isNone ?? true) ? try b.int("axis") : nil
                return try op([b["input_tensor"] ?? .none], context) { v, tape in try Ops.reduce(v[0], axis: axis, mean: mean, tape: tape) }
            }
        }
        for (name, f) in unaryFunctions { tf.addFunction(name) { [unowned context] args in try unary(args, f, context) } }
        tf.addFunction("stop_gradient") { [unowned context] args in
            let v = try TFEager.variable(try args.bind(["input", "name"], required: 1)["input"] ?? .none, tape: nil)
            return TFEager.result(Ops.constant(v), tape: nil, context: context)
        }
        let data = ModuleValue(name: "tensorflow.data")
        data.members["Dataset"] = .object(TFDatasetClass(context: context))
        data.members["AUTOTUNE"] = .int(-1)
        tf.members["data"] = .module(data)
    }

    static let unaryFunctions: [(String, (Variable, Tape?) -> Variable)] = [
        ("square", Ops.square), ("exp", Ops.exp), ("tanh", Ops.tanh), ("sigmoid", Ops.sigmoid),
    ]

    /// `tf.nn.relu`, `tf.nn.sigmoid`, `tf.nn.tanh` for the `tensorflow.nn` module.
    static func installNN(into nn: ModuleValue, context: BindingContext) {
        let fs: [(String, (Variable, Tape?) -> Variable)] = [("relu", Ops.relu), ("sigmoid", Ops.sigmoid), ("tanh", Ops.tanh)]
        for (name, f) in fs { nn.addFunction(name) { [unowned context] args in try unary(args, f, context) } }
    }

    /// `tf.math.log`-like functions of one tensor.
    static func unary(_ args: Arguments, _ f: (Variable, Tape?) -> Variable, _ context: BindingContext) throws -> Value {
        let b = try args.bind(["x", "name"], required: 1)
        return try op([b["x"] ?? .none], context) { v, tape in f(v[0], tape) }
    }

    /// Runs an engine op on lesson operands, on the open tape when one of them is on it.
    static func op(_ values: [Value], _ context: BindingContext, _ f: ([Variable], Tape?) throws -> Variable) throws -> Value {
        let tape = TFEager.tape(for: values, context: nil)
        let vs = try values.map { try TFEager.variable($0, tape: tape) }
        // A result larger than its operands (a broadcast, an outer product) is charged first.
        if vs.count == 2 {
            let a = vs[0].shape, b = vs[1].shape
            let (rows, cols) = (a.count == 2 ? a[0] : 1, b.count == 2 ? b[1] : 1)
            let (product, overflow) = rows.multipliedReportingOverflow(by: cols)
            let broadcast = (try? KerasCall.run { try Ops.broadcastShape(a, b) })?.reduce(1, *) ?? 0
            try context.run.charge(elements: overflow ? Int.max / 32 : Swift.max(product, broadcast), bytesPerElement: 20, what: "the result")
        }
        return TFEager.result(try KerasCall.run { try f(vs, tape?.tape) }, tape: tape, context: context)
    }

    /// `keras.Variable(initializer, shape=, dtype=, trainable=, name=)`: Keras 3's variable, from
    /// an initializer's name (seeded from the run) or from an initial value.
    static func kerasVariable(context: BindingContext) -> Value {
        .function(BuiltinFunction("Variable") { [unowned context] args in
            let b = try args.bind(["initializer", "shape", "dtype", "trainable", "autocast", "aggregation", "synchronization", "name"], required: 1)
            let value: Tensor
            if case .str(let initializer) = b["initializer"] ?? .none {
                guard b.has("shape"), let s = b["shape"], !s.isNone else {
                    throw ScriptError.valueError("When creating a Variable from an initializer, the `shape` argument should be specified. Received: initializer=\(initializer) and shape=None")
                }
                let shape = try ValueConversion.shape(s, name: "shape")
                let count = try NDArray.checkedCount(shape, charging: context.run)
                try context.run.charge(elements: count, bytesPerElement: 4, what: "keras.Variable")
                var rng = SeededRNG(seed: context.nextModelSeed())
                value = try KerasCall.run { try Initializer.make(initializer, shape: shape, rng: &rng) }
            } else {
                value = try TFEager.tensor(try ValueConversion.array(b["initializer"] ?? .none, name: "initializer").array)
            }
            let name = b.has("name") && !(b["name"]?.isNone ?? true) ? try b.string("name") : context.scope.uniqueName("variable")
            return .object(TFVariableObject(CNN.Parameter.make(name: name, value: value), path: name,
                                            trainable: try b.bool("trainable", default: true), context: context))
        })
    }
}
