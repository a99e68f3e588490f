import CNN
import NumPy
import Script

/// The eager side of the existing Keras objects, for custom training loops: `model(x,
/// training=True)` recorded on the open tape (a Sequential's layers as one run, on the kernels
/// `fit` uses), a loss object on tape tensors, `model.trainable_variables`, and `optimizer.apply_gradients` / `optimizer.apply`.
enum KerasEager {
    /// `model(x, training=...)` of a Sequential inside a tape (or with training=True): its
    /// layers run as one op on the engine, with `fit`'s fused kernels. Nil when plain inference does.
    static func call(_ model: KerasModelObject, _ bound: BoundArguments) throws -> Value? {
        let input = bound["inputs"] ?? .none
        let training = try trainingFlag(bound, context: model.context)
        let tape = TFEager.tape(for: [input], context: model.context)
        guard tape != nil || training else { return nil }
        let x = try TFEager.variable(input, tape: tape)
        let net = model.model
        let out = try KerasCall.run { () -> Variable in
            if !net.isBuilt { try net.build(inputShape: Array(x.shape.dropFirst())) }
            net.prepareThreads()
            return try Ops.apply(chain: net.layers, x, training: training, tape: tape?.tape)
        }
        return TFEager.result(out, tape: tape, context: model.context)
    }

    /// The same for a functional model (one input).
    static func call(_ model: KerasFunctionalModelObject, _ bound: BoundArguments) throws -> Value? {
        let input = bound["inputs"] ?? .none
        let training = try trainingFlag(bound, context: model.context)
        let tape = TFEager.tape(for: [input], context: model.context)
        guard tape != nil || training, model.graph.inputs.count == 1 else { return nil }
        let x = try TFEager.variable(input, tape: tape)
        let outs = try KerasCall.run { try model.graph.forward(variables: [x], training: training, tape: tape?.tape) }
        let values = outs.map { TFEager.result($0, tape: tape, context: model.context) }
        return model.structured(values)
    }

    /// `training=` given, else the flag of the model call running (Keras hands it down).
    static func trainingFlag(_ bound: BoundArguments, context: BindingContext) throws -> Bool {
        if bound.has("training"), let v = bound["training"], !v.isNone { return try Interpreter.truthy(v) }
        return context.eager.training.last ?? false
    }

    /// Keras 3's variables of a list of layers, in layer order.
    static func variables(of layers: [Layer], frozen: Set<ObjectIdentifier> = [], context: BindingContext) -> [Value] {
        layers.filter { !frozen.contains(ObjectIdentifier($0)) }.flatMap { layer in
            layer.parameters.map { .object(TFVariableObject($0, path: "\(layer.name)/\($0.name)", context: context)) }
        }
    }

    /// `optimizer.apply_gradients(zip(grads, vars))` and `optimizer.apply(grads, vars)`.
    static func method(_ optimizer: KerasOptimizerObject, _ name: String) -> Value? {
        switch name {
        case "apply_gradients":
            return .function(BuiltinFunction(name, isMethod: true) { args in
                let pairs = try args.bind(["grads_and_vars"])["grads_and_vars"] ?? .none
                let items = try iterate(pairs).map { pair -> (Value, Value) in
                    guard let p = pair.sequenceElements, p.count == 2 else { throw ScriptError.valueError("apply_gradients expects (gradient, variable) pairs, received \(pair.repr)") }
                    return (p[0], p[1])
                }
                try apply(optimizer, items)
                return .none
            })
        case "apply":
            return .function(BuiltinFunction(name, isMethod: true) { args in
                let b = try args.bind(["grads", "trainable_variables"], required: 2)
                let grads = try iterate(b["grads"] ?? .none), vars = try iterate(b["trainable_variables"] ?? .none)
                guard grads.count == vars.count else { throw ScriptError.valueError("Received \(grads.count) gradients for \(vars.count) variables") }
                try apply(optimizer, Array(zip(grads, vars)))
                return .none
            })
        case "iterations":
            return .int(optimizer.optimizer.iterations)
        default: return nil
        }
    }

    static func iterate(_ v: Value) throws -> [Value] {
        if let items = v.sequenceElements { return items }
        if case .object(let o) = v, let it = try o.iterate() {
            var out: [Value] = []
            while let x = try it.next() { out.append(x) }
            return out
        }
        throw ScriptError.typeError("'\(v.typeName)' object is not iterable")
    }

    /// One optimizer step over the variables whose gradient is not None (Keras skips those).
    static func apply(_ optimizer: KerasOptimizerObject, _ items: [(Value, Value)]) throws {
        let pairs = try items.compactMap { g, v -> (CNN.Parameter, Tensor)? in
            guard let variable = v.object(as: TFVariableObject.self) else {
                throw ScriptError.valueError("apply_gradients: expected a variable, received \(v.typeName)")
            }
            if g.isNone { return nil }
            return (variable.parameter, try TFEager.tensor(try ValueConversion.array(g, name: "gradient").array))
        }
        try KerasCall.run { try optimizer.optimizer.apply(pairs, threads: defaultThreadCount()) }
    }

    /// `loss_fn(y_true, y_pred)` on a tensor a tape recorded: the engine's loss, on the tape.
    static func loss(_ object: KerasLossObject, positional: [Value], keywords: [(String, Value)]) throws -> Value? {
        let bound = try Arguments(functionName: "__call__", positional: positional, keywords: keywords).bind(["y_true", "y_pred", "sample_weight"], required: 2)
        let predicted = bound["y_pred"] ?? .none
        guard let tape = TFEager.tape(for: [predicted], context: nil), !bound.has("sample_weight") else { return nil }
        guard object.reduction != nil, object.reduction != "none" else {
            throw ScriptError.notSupported("\(object.loss.kind.rawValue)(reduction=\(object.reduction.map { "'\($0)'" } ?? "None")) on a recorded tensor is not supported in lessons; per-sample losses on a GradientTape are not recorded")
        }
        let output = try TFEager.variable(predicted, tape: tape)
        let truth = try TFEager.tensor(try ValueConversion.array(bound["y_true"] ?? .none, name: "y_true").array)
        let out = try KerasCall.run { () -> Variable in
            guard let classes = output.shape.last else { throw CNNError.shapeMismatch("y_pred must have a class axis") }
            let targets = object.loss.kind == .sparseCategoricalCrossentropy ? try Ops.oneHot(truth, classes: classes) : truth
            let mean = try Ops.crossEntropy(output, targets: targets.shape == output.shape ? targets : try targets.reshaped(output.shape), fromLogits: object.loss.fromLogits, tape: tape.tape)
            // reduction="sum": the batch mean times the rows (Keras's sum of per-sample losses).
            return object.reduction == "sum" ? Ops.scale(mean, by: Float(output.value.count / classes), tape: tape.tape) : mean
        }
        return TFEager.result(out, tape: tape, context: tape.context)
    }
}
