import CNN
import NumPy
import Script

/// `keras.Model` and `keras.layers.Layer` as base classes of lesson code. Called directly,
/// `keras.Model(inputs, outputs)` is the functional model; derived from, the host part of
/// each instance tracks the layers its `call` uses and the weights `add_weight` makes.
/// Lesson `call` code runs eagerly on real tensors every time (no tracing into a graph).
final class KerasSubclassBaseClass: HostClass {
    enum Kind { case model, layer }
    let kind: Kind
    let path: String
    unowned let context: BindingContext
    /// `keras.Model(inputs, outputs)` called directly.
    let direct: ((Arguments) throws -> Value)?

    init(_ kind: Kind, path: String, context: BindingContext, direct: ((Arguments) throws -> Value)? = nil) {
        self.kind = kind; self.path = path; self.context = context; self.direct = direct
    }

    var className: String { kind == .model ? "Model" : "Layer" }
    var typeName: String { "type" }
    func repr() -> String { "<class '\(path).\(className)'>" }
    func getAttribute(_ name: String) throws -> Value? { name == "__name__" ? .str(className) : nil }

    func call(positional: [Value], keywords: [(String, Value)]) throws -> Value {
        guard let direct else { throw ScriptError.notSupported("keras.layers.Layer() on its own is not supported in lessons; derive a class from it") }
        return try direct(Arguments(functionName: "Model", positional: positional, keywords: keywords))
    }

    func makeHostPart(for instance: InstanceObject, positional: [Value], keywords: [(String, Value)]) throws -> HostObject {
        let bound = try Arguments(functionName: "\(className).__init__", positional: positional, keywords: keywords)
            .bind(["name", "trainable", "dtype", "input_shape"], required: 0)
        guard positional.isEmpty else {
            throw ScriptError.notSupported("super().__init__(inputs, outputs) in a keras.Model subclass is not supported in lessons; build the functional model with keras.Model(inputs, outputs)")
        }
        let name = bound.has("name") ? try bound.string("name") : context.scope.uniqueName(Self.snakeCase(instance.cls.name))
        return KerasTrackingPart(instance: instance, kind: kind, name: name, context: context)
    }

    /// Keras's default name of an instance: `MyModel` → `my_model`.
    static func snakeCase(_ name: String) -> String {
        var out = ""
        for (i, c) in name.enumerated() {
            if c.isUppercase, i > 0 { out.append("_") }
            out.append(contentsOf: c.lowercased())
        }
        return out
    }
}

/// The host part of a lesson's model or layer: its name, weights, the layers its `call`
/// used (in first-call order, which is Keras's tracking order for the usual `__init__`),
/// and for a model, what `compile` set.
final class KerasTrackingPart: HostObject {
    unowned let instance: InstanceObject
    let kind: KerasSubclassBaseClass.Kind
    let name: String
    unowned let context: BindingContext
    private(set) var tracked: [Value] = []
    private var trackedIDs = Set<ObjectIdentifier>()
    var weights: [TFVariableObject] = []
    var built = false
    private var storedTrainable = true
    /// `layer.trainable = False` on the lesson's object lands in its attributes; read it there.
    var trainable: Bool {
        get {
            if case .bool(let b)? = instance.attributes["trainable"] { return b }
            return storedTrainable
        }
        set {
            storedTrainable = newValue
            if instance.attributes["trainable"] != nil { instance.attributes["trainable"] = .bool(newValue) }
        }
    }
    /// The graph node's op once the layer was called on a KerasTensor (one per layer, so a
    /// shared layer's weights count once).
    var graphOp: KerasLessonLayerOp?
    /// False once the lesson's `call` refused a `training=` argument.
    private var callTakesTraining = true
    var compiled: KerasCompiledState?
    var stopTraining = false
    /// What `add_loss` received during the latest call (KerasAddedLosses.swift).
    var addedLosses: [Value] = []

    init(instance: InstanceObject, kind: KerasSubclassBaseClass.Kind, name: String, context: BindingContext) {
        self.instance = instance; self.kind = kind; self.name = name; self.context = context
        context.eager.created(instance)
    }

    var typeName: String { instance.cls.name }
    func repr() -> String { "<\(instance.cls.name) name=\(name), built=\(built ? "True" : "False")>" }

    /// A layer called inside this part's `call` joins it once.
    func track(_ value: Value) {
        guard case .object(let o) = value, trackedIDs.insert(ObjectIdentifier(o)).inserted else { return }
        tracked.append(value)
    }

    /// The layers of the part: those its attributes hold (directly or in a list), in the
    /// order they were made, then any other layer its `call` used.
    var layerValues: [Value] {
        func isLayer(_ v: Value) -> Bool {
            guard case .object(let o) = v else { return false }
            return o is KerasLayerObject || o is KerasModelObject || o is KerasFunctionalModelObject || Self.part(of: v) != nil
        }
        var held = instance.attributes.values.flatMap { v -> [Value] in
            if case .list(let l) = v { return l.items.filter(isLayer) }
            if case .tuple(let t) = v { return t.filter(isLayer) }
            return isLayer(v) ? [v] : []
        }
        let order = context.eager.creation
        func rank(_ v: Value) -> Int { v.object(as: AnyObject.self).flatMap { order[ObjectIdentifier($0)] } ?? Int.max }
        held.sort { rank($0) < rank($1) }
        var seen = Set(held.compactMap { $0.object(as: AnyObject.self).map(ObjectIdentifier.init) })
        for v in tracked where v.object(as: AnyObject.self).map({ seen.insert(ObjectIdentifier($0)).inserted }) ?? false { held.append(v) }
        return held
    }

    /// Every weight of the part and its layers, as Keras lists `weights`; a layer's weights
    /// have the model's path in front (`mlp/dense/kernel`).
    func variables(trainableOnly: Bool, prefix: String = "") -> [Value] {
        var out: [Value] = weights.filter { !trainableOnly || ($0.trainable && trainable) }.map { .object($0) }
        let inner = prefix + name + "/"
        for v in layerValues {
            if let layer = v.object(as: KerasLayerObject.self) {
                if trainableOnly && (!layer.trainable || !trainable) { continue }
                out += layer.layer.parameters.map { .object(TFVariableObject($0, path: "\(inner)\(layer.layer.name)/\($0.name)", context: context)) }
            } else if let part = Self.part(of: v) {
                if trainableOnly && !trainable { continue }
                out += part.variables(trainableOnly: trainableOnly, prefix: inner)
            } else if let m = v.object(as: KerasModelObject.self) {
                out += KerasEager.variables(of: m.model.layers, context: context)
            } else if let f = v.object(as: KerasFunctionalModelObject.self) {
                out += f.weightValues(trainableOnly: trainableOnly)
            }
        }
        return out
    }

    static func part(of value: Value) -> KerasTrackingPart? {
        guard let i = value.object(as: InstanceObject.self), i.cls.hostBase is KerasSubclassBaseClass else { return nil }
        if i.hostPart == nil { _ = try? i.getAttribute("name") }
        return i.hostPart as? KerasTrackingPart
    }

    /// `model(x, training=...)`: builds on the first call (the lesson's `build(input_shape)`
    /// when it has one), then runs the lesson's `call` with the training flag handed down.
    func call(positional: [Value], keywords: [(String, Value)]) throws -> Value {
        guard let input = positional.first ?? keywords.first(where: { $0.0 == "inputs" })?.1 else {
            throw ScriptError.typeError("\(instance.cls.name).call() missing 1 required positional argument: 'inputs'")
        }
        // On a KerasTensor the layer becomes a node of the functional graph (KerasLessonLayerNode.swift).
        if KerasFunctionalModelObject.isTensor(input) || (input.sequenceElements?.first.map(KerasFunctionalModelObject.isTensor) ?? false) {
            return try symbolicCall(input)
        }
        var rest = keywords.filter { $0.0 != "inputs" && $0.0 != "training" }
        let given = keywords.first { $0.0 == "training" }?.1
        let training = try given.map { $0.isNone ? (context.eager.training.last ?? false) : try Interpreter.truthy($0) } ?? (context.eager.training.last ?? false)
        if context.eager.owners.isEmpty { clearLosses() }
        context.eager.owners.last?.track(.object(instance))
        if !built {
            if try instance.method(named: "build") != nil {
                _ = try instance.callMethod("build", positional: [.tuple(try Self.shape(of: input).map { .int($0) })])
            }
            built = true
        }
        context.eager.training.append(training)
        context.eager.owners.append(self)
        defer { context.eager.training.removeLast(); context.eager.owners.removeLast() }
        let args = Array(positional.dropFirst())
        if callTakesTraining {
            do {
                return recordShape(try instance.callMethod("call", positional: [input] + args, keywords: rest + [("training", .bool(training))]) ?? .none)
            } catch let e as ScriptError where e.message.hasSuffix("got an unexpected keyword argument 'training'") {
                // Keras passes `training` only to a `call` that declares it.
                callTakesTraining = false
            }
        }
        rest = rest.filter { $0.0 != "mask" }
        guard let out = try instance.callMethod("call", positional: [input] + args, keywords: rest) else {
            throw ScriptError.notSupported("\(instance.cls.name) must define call(self, inputs)")
        }
        return recordShape(out)
    }

    /// The shape of a call's output, for `summary`.
    private func recordShape(_ out: Value) -> Value {
        if let t = out.object(as: TFTensorObject.self) { context.eager.outputShapes[ObjectIdentifier(instance)] = t.ndarray.shape }
        return out
    }

    static func shape(of value: Value) throws -> [Int] {
        if let t = value.object(as: TFTensorObject.self) { return t.variable?.shape ?? t.ndarray.shape }
        return try ValueConversion.array(value, name: "inputs").array.shape
    }

    func getAttribute(_ attribute: String) throws -> Value? {
        switch attribute {
        case "name": return .str(name)
        case "built": return .bool(built)
        case "trainable": return .bool(trainable)
        case "trainable_weights", "trainable_variables": return .list(ListStorage(variables(trainableOnly: true)))
        case "weights", "variables": return .list(ListStorage(variables(trainableOnly: false)))
        case "non_trainable_weights", "non_trainable_variables":
            return .list(ListStorage(weights.filter { !$0.trainable }.map { .object($0) }))
        case "layers": return .list(ListStorage(layerValues))
        case "stop_training": return .bool(stopTraining)
        case "add_weight": return method(attribute) { [self] args in try addWeight(args) }
        case "add_loss": return method(attribute) { [self] args in try addLoss(args) }
        case "save_weights" where kind == .model: return method(attribute) { [self] args in try KerasWeightsFiles.save(args, weightsModel, context: context) }
        case "load_weights" where kind == .model: return method(attribute) { [self] args in try KerasWeightsFiles.load(args, weightsModel, context: context) }
        case "losses": return .list(ListStorage(try losses()))
        case "build": return method(attribute) { [self] args in _ = try args.bind(["input_shape"], required: 0); built = true; return .none }
        case "get_config":
            return method(attribute) { [self] args in _ = try args.bind([]); return .dict(DictStorage([("name", .str(name)), ("trainable", .bool(trainable)), ("dtype", .str("float32"))])) }
        case "get_weights":
            return method(attribute) { [self] args in
                _ = try args.bind([])
                return .list(ListStorage(variables(trainableOnly: false).compactMap { $0.object(as: TFVariableObject.self) }.map { NDArrayObject.value(in: context, .float32($0.parameter.value)) }))
            }
        case "set_weights":
            return method(attribute) { [self] args in
                let items = try args.bind(["weights"])["weights"]?.sequenceElements ?? []
                let params = variables(trainableOnly: false).compactMap { $0.object(as: TFVariableObject.self)?.parameter }
                guard items.count == params.count else {
                    throw ScriptError.valueError("You called `set_weights(weights)` on layer '\(name)' with a weight list of length \(items.count), but the layer was expecting \(params.count) weights.")
                }
                let tensors = try items.map { try KerasModelObject.array($0, "weights").tensor(charging: context.run) }
                // Every shape is checked before any weight changes, with Keras 3's message.
                for (p, t) in zip(params, tensors) where p.value.shape != t.shape {
                    throw ScriptError.valueError("Layer \(name) weight shape \(shapeText(p.value.shape.map { $0 })) is not compatible with provided weight shape \(shapeText(t.shape.map { $0 })).")
                }
                for (p, t) in zip(params, tensors) { try KerasCall.run { try p.assign(t) } }
                return .none
            }
        case "count_params":
            return method(attribute) { [self] args in
                _ = try args.bind([])
                return .int(try variables(trainableOnly: false).reduce(0) { $0 + ($1.object(as: TFVariableObject.self)?.parameter.value.count ?? 0) })
            }
        default: break
        }
        if kind == .model, let m = try modelAttribute(attribute) { return m }
        return nil
    }

    func setAttribute(_ attribute: String, _ value: Value) throws {
        switch attribute {
        case "trainable": trainable = try Interpreter.truthy(value)
        case "stop_training": stopTraining = try Interpreter.truthy(value)
        default: throw ScriptError.attributeError("'\(instance.cls.name)' object attribute '\(attribute)' is read-only")
        }
    }

    /// A bound method holds its instance, as Python's does: `build().fit(...)` keeps the
    /// model alive while it trains although nothing else refers to it.
    func method(_ name: String, _ body: @escaping (Arguments) throws -> Value) -> Value {
        let owner = instance
        return .function(BuiltinFunction(name, isMethod: true) { args in try withExtendedLifetime(owner) { try body(args) } })
    }

    /// `self.add_weight(shape=, initializer=, trainable=, name=)`, seeded from the run.
    private func addWeight(_ args: Arguments) throws -> Value {
        let b = try args.bind(["shape", "initializer", "dtype", "trainable", "autocast", "regularizer", "constraint", "aggregation", "overwrite_with_gradient", "name"], required: 0)
        let shape = b.has("shape") && !(b["shape"]?.isNone ?? true) ? try ValueConversion.shape(b["shape"] ?? .none, name: "shape") : []
        let count = try NDArray.checkedCount(shape, charging: context.run)
        try context.run.charge(elements: count, bytesPerElement: 8, what: "a weight of \(name)")
        // A name or a keras.initializers object (KerasInitializers.swift); glorot_uniform by default.
        let initializer = try KerasInitializerObject.from(b["initializer"] ?? .none, context: context)
            ?? KerasInitializerObject(className: "GlorotUniform", engineName: "glorot_uniform", context: context)
        var rng = SeededRNG(seed: context.nextModelSeed())
        let value = try initializer.make(shape, rng: &rng)
        let weightName = b.has("name") && !(b["name"]?.isNone ?? true) ? try b.string("name") : "variable_\(weights.count)"
        // Keras names a weight by the models whose call is building it (`two_linear/linear/kernel`).
        let scope = context.eager.owners.filter { $0 !== self }.map { $0.name + "/" }.joined()
        let v = TFVariableObject(CNN.Parameter.make(name: weightName, value: value), path: "\(scope)\(name)/\(weightName)",
                                 trainable: try b.bool("trainable", default: true), context: context)
        if let r = try KerasRegularizerObject.from(b["regularizer"] ?? .none, context: context) { context.eager.setRegularizer(r, for: v.parameter) }
        weights.append(v)
        return .object(v)
    }
}

extension KerasLayerObject {
    /// `layer(x)` on an array or an eager tensor (inside a lesson model's `call`, or alone):
    /// builds on the input's shape, runs the layer as one engine op, on the open tape.
    func eagerCall(_ bound: BoundArguments) throws -> Value {
        let input = bound["inputs"] ?? .none
        let tape = TFEager.tape(for: [input], context: context)
        let training = try KerasEager.trainingFlag(bound, context: context)
        let x = try TFEager.variable(input, tape: tape)
        guard x.shape.count >= 2 else {
            throw ScriptError.valueError("Input 0 of layer \"\(layer.name)\" is incompatible with the layer: expected min_ndim=2, found ndim=\(x.shape.count). Full shape received: \(shapeText(x.shape.map { $0 }))")
        }
        let sample = Array(x.shape.dropFirst())
        if !layer.isBuilt, spec.kind == .conv2D || spec.kind == .dense { try KerasMemory.chargeWeights(spec, input: sample, run: context.run) }
        var rng = SeededRNG(seed: context.nextModelSeed())
        let out = try KerasCall.run { () -> Variable in
            try layer.buildIfNeeded(inputShape: sample, rng: &rng)
            layer.useThreads(defaultThreadCount())
            return try Ops.apply(layer, x, training: training, tape: tape?.tape)
        }
        context.eager.owners.last?.track(.object(self))
        context.eager.outputShapes[ObjectIdentifier(self)] = out.shape
        // An activity penalty is an added loss of the lesson model whose call runs the layer.
        if let owner = context.eager.owners.last, let penalty = try KerasCall.run({ try activityPenalty(out, tape: tape?.tape) }) {
            owner.addedLosses.append(TFEager.result(penalty, tape: tape, context: context))
        }
        return TFEager.result(out, tape: tape, context: context)
    }
}
