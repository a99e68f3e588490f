import CNN
import Foundation
import NumPy
import Script

/// `keras.Sequential` as a lesson uses it: `add`, `compile`, `fit`, `evaluate`, `predict`,
/// `summary`, weights in files inside the lesson's folder. The work is CNN's `Sequential`.
public final class KerasModelObject: HostObject {
    public let model: Sequential
    public private(set) var layers: [KerasLayerObject] = []
    unowned let context: BindingContext
    /// Keras's `model.stop_training`: a callback sets it, training stops after that epoch.
    var stopTraining = false
    /// The symbolic graph `model.inputs` / `outputs` made (Keras's Sequential is a functional
    /// graph once built), for the layers it was made for.
    var symbolicGraph: (input: KerasSymbolicTensor, output: KerasSymbolicTensor, layers: Int)?

    public init(layers: [Value], name: String?, seed: UInt64? = nil, context: BindingContext) throws {
        self.context = context
        model = try KerasCall.run { try Sequential(name: name, seed: seed ?? context.nextModelSeed(), scope: context.scope) }
        for layer in layers { try add(layer, rebuild: false) }
        takeFunctionalNameIfRebuilt()
    }

    /// Keras 3's Sequential rebuilds itself as a Functional graph whenever a layer joins it
    /// while its input is known (once for the list given to the constructor), and when data
    /// first builds it: each rebuild takes a `functional` name, so a `keras.Model` made after
    /// it is `functional_1`, as Keras names it.
    func takeFunctionalNameIfRebuilt() {
        if model.inputShape != nil, !model.layers.isEmpty { _ = context.scope.uniqueName("functional") }
    }

    /// Runs a call that may build the model from its data (fit, predict, build, `model(x)`).
    func buildingFromData<T>(_ body: () throws -> T) rethrows -> T {
        let wasBuilt = model.isBuilt
        defer { if !wasBuilt, model.isBuilt { takeFunctionalNameIfRebuilt() } }
        return try body()
    }

    public var typeName: String { "Sequential" }
    public func repr() -> String { "<Sequential name=\(model.name), built=\(model.isBuilt ? "True" : "False")>" }

    public func add(_ value: Value, rebuild: Bool = true) throws {
        guard case .object(let layer as KerasLayerObject) = value else {
            throw ScriptError.typeError("Only instances of `keras.Layer` can be added to a Sequential model. Received: \(value.repr) (of type \(value.typeName))")
        }
        guard !layer.isRegularized else {
            throw ScriptError.notSupported("Sequential.add() of a layer with a kernel_regularizer or bias_regularizer is not supported in lessons; list the layers in keras.Sequential([keras.Input(...), ...]) or use the functional API")
        }
        try reserveWeights(of: layer.spec)
        try KerasCall.run {
            // Flatten, pooling and dropout take `input_shape=` in Keras but not in CNN:
            // the model gets the input first, as Keras does internally.
            if layer.spec.kind != .input, model.layers.isEmpty, model.inputShape == nil,
               let shape = layer.spec.inputShape, layer.layer.declaredInputShape == nil {
                try model.add(Input(shape: shape, scope: context.scope))
            }
            try model.add(layer.layer)
        }
        if layer.spec.kind != .input { layers.append(layer) }
        if rebuild, layer.spec.kind != .input { takeFunctionalNameIfRebuilt() }
        context.performed(.build)
    }

    /// A layer's weights are made when it joins a built model: refuse sizes a lesson has
    /// no business asking for (`Dense(10**9)`) before they are allocated.
    func reserveWeights(of spec: LayerSpec) throws {
        guard let input = model.layers.isEmpty ? (model.inputShape ?? spec.inputShape) : model.outputShape else { return }
        try KerasMemory.chargeWeights(spec, input: input, run: context.run)
    }

    /// Refuses a pass of `x` through the model (`batch` samples at a time) whose weights
    /// or activations would pass the run's limits, before the CNN library allocates them.
    func reservePass(_ what: String, x: NDArray, batch: Int, training: Bool) throws {
        let sample = model.inputShape ?? Array(x.shape.dropFirst())
        try KerasMemory.chargePass(what, specs: layers.map(\.spec), sample: sample, samples: x.shape.first ?? 1,
                                   batch: batch, training: training, unbuilt: !model.isBuilt, run: context.run)
    }

    public func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "name": return .str(model.name)
        case "layers": return .list(ListStorage(layers.map { .object($0) }))
        case "trainable_variables", "trainable_weights", "weights", "variables": return .list(ListStorage(KerasEager.variables(of: model.layers, context: context)))
        case "built": return .bool(model.isBuilt)
        case "stop_training": return .bool(stopTraining)
        case "optimizer":
            guard let optimizer = model.optimizer else { return Value.none }
            return .object(KerasOptimizerObject(optimizer, name: String(describing: type(of: optimizer))))
        case "input_shape":
            guard let shape = model.inputShape else { throw ScriptError.attributeError("The model has no input shape yet: it is not built") }
            return batchShape(shape)
        case "output_shape":
            guard let shape = model.outputShape else { throw ScriptError.attributeError("The model has no output shape yet: it is not built") }
            return batchShape(shape)
        default: break
        }
        if let value = try graphAttribute(name) { return value }
        guard let method = method(name) else { return nil }
        guard ["fit", "evaluate", "predict", "build"].contains(name) else { return .function(BuiltinFunction(name, isMethod: true, method)) }
        return .function(BuiltinFunction(name, isMethod: true) { [self] args in try buildingFromData { try method(args) } })
    }

    public func setAttribute(_ name: String, _ value: Value) throws {
        guard name == "stop_training" else { throw ScriptError.attributeError("'Sequential' object attribute '\(name)' cannot be set in lessons") }
        stopTraining = try Interpreter.truthy(value)
    }

    func method(_ name: String) -> ((Arguments) throws -> Value)? {
        switch name {
        case "add": return { [self] args in try self.add(try args.bind(["layer"])["layer"] ?? .none); return .none }
        case "pop":
            return { [self] args in
                _ = try args.bind(["rebuild"], required: 0)
                guard !layers.isEmpty else { throw ScriptError.typeError("There are no layers in the model.") }
                try KerasCall.run { try model.pop() }
                return .object(layers.removeLast())
            }
        case "compile": return { [self] args in try self.compile(args); return .none }
        case "fit": return { [self] args in try self.fit(args) }
        case "evaluate": return { [self] args in try self.evaluate(args) }
        case "predict": return { [self] args in try self.predict(args) }
        case "summary":
            return { [self] args in
                _ = try args.bind(["line_length", "positions", "print_fn", "expand_nested", "show_trainable"], required: 0)
                context.performed(.show)
                context.output?.write(model.summary() + "\n", to: .stdout)
                return .none
            }
        case "count_params":
            return { [self] args in
                _ = try args.bind([])
                guard model.isBuilt else { throw ScriptError.valueError("You tried to call `count_params` on layer '\(model.name)', but the layer isn't built.") }
                return .int(model.parameterCount)
            }
        case "build":
            return { [self] args in
                let bound = try args.bind(["input_shape"])
                // Keras's build takes the batch shape, (None, 28, 28, 1): the first entry is the batch.
                guard let items = bound["input_shape"]?.sequenceElements, items.count >= 2 else {
                    throw ScriptError.valueError("build() takes the batch shape, e.g. (None, 28, 28, 1)")
                }
                let shape = try items.dropFirst().map { item -> Int in
                    guard let size = item.intValue, size > 0 else { throw ScriptError.valueError("build(): input_shape sizes must be positive integers") }
                    return size
                }
                if !model.isBuilt {
                    try KerasMemory.chargePass("build", specs: layers.map(\.spec), sample: model.inputShape ?? shape, samples: 1, batch: 1,
                                               training: false, unbuilt: true, run: context.run)
                }
                try KerasCall.run { try model.build(inputShape: shape) }
                return .none
            }
        // Held strongly: `keras.Sequential([...]).load_weights(...)` calls it on a model nothing else holds.
        case "save_weights": return { [self] args in try KerasWeightsFiles.save(args, weightsModel, context: context) }
        case "load_weights": return { [self] args in try KerasWeightsFiles.load(args, weightsModel, context: context) }
        case "save":
            return { _ in throw ScriptError.notSupported("model.save() is not supported in lessons; use model.save_weights('NAME.weights.h5')") }
        default: return nil
        }
    }

    /// What `save_weights` / `load_weights` see of the model.
    var weightsModel: KerasWeightsFiles.Model {
        KerasWeightsFiles.Model(name: model.name, built: model.isBuilt, saveables: { [model] in KerasWeightsLayout.saveables(of: model) },
                                optimizer: model.optimizer, trainable: model.layers.flatMap(\.parameters))
    }

    /// `model(x)`: the outputs without a progress bar.
    public func call(positional: [Value], keywords: [(String, Value)]) throws -> Value {
        try buildingFromData { try callBuilt(positional: positional, keywords: keywords) }
    }

    private func callBuilt(positional: [Value], keywords: [(String, Value)]) throws -> Value {
        let bound = try Arguments(functionName: "__call__", positional: positional, keywords: keywords).bind(["inputs", "training"], required: 1)
        if let eager = try KerasEager.call(self, bound) { return eager }
        let x = try KerasModelObject.array(bound["inputs"], "inputs")
        try reservePass("__call__", x: x, batch: 32, training: false)
        // Keras 3 on TensorFlow gives an eager tf.Tensor here (predict gives a NumPy array).
        return TFTensorObject.value(.float32(try KerasCall.run { try model.predict(x: x.tensor(charging: context.run), batchSize: 32) }), context: context)
    }

    // MARK: compile / fit / evaluate / predict

    func compile(_ args: Arguments) throws {
        let bound = try args.bind(["optimizer", "loss", "metrics", "loss_weights", "weighted_metrics", "run_eagerly", "steps_per_execution", "jit_compile"], required: 0)
        for unsupported in ["loss_weights", "weighted_metrics"] where bound.has(unsupported) {
            throw ScriptError.notSupported("compile(\(unsupported)=...) is not supported in lessons")
        }
        let optimizer: Optimizer
        switch bound["optimizer"] ?? .str("rmsprop") {
        case .str(let name): optimizer = try KerasCall.run { try Optimizer.named(name) }
        case .object(let object as KerasOptimizerObject): optimizer = object.optimizer
        case let other: throw ScriptError.valueError("Could not interpret optimizer identifier: \(other.repr)")
        }
        let loss: Loss
        switch bound["loss"] ?? .none {
        case .str(let name): loss = try KerasCall.run { try Loss(name: name) }
        case .object(let object as KerasLossObject): try object.checkFitReduction(); loss = object.loss
        case .object(let function as KerasCallable): loss = try KerasCall.run { try Loss(name: function.name) }
        case .none: throw ScriptError.notSupported("compile() without a loss is not supported in lessons")
        case let other: throw ScriptError.valueError("Could not interpret loss identifier: \(other.repr)")
        }
        var metrics: [String] = []
        if bound.has("metrics") {
            guard let items = bound["metrics"]?.sequenceElements else { throw ScriptError.typeError("Expected `metrics` argument to be a list, tuple, or dict. Received: metrics=\(bound["metrics"]?.repr ?? "None")") }
            for item in items {
                switch item {
                case .str(let name): metrics.append(name)
                case .object(let metric as KerasMetricObject): metrics.append(metric.name)
                case .object(let metric as KerasMetricTracker): metrics.append(metric.compileName)
                case .object(let function as KerasCallable): metrics.append(function.name)
                default: throw ScriptError.valueError("Could not interpret metric identifier: \(item.repr)")
                }
            }
        }
        try KerasCall.run { try model.compile(optimizer: optimizer, loss: loss, metrics: metrics) }
        context.performed(.compile)
    }

    static func array(_ value: Value?, _ name: String) throws -> NDArray {
        guard let value, !value.isNone else { throw ScriptError.valueError("\(name) is required") }
        return try ValueConversion.array(value, name: name).array
    }

    func fit(_ args: Arguments) throws -> Value {
        let dataset = try TFDatasetObject.given(in: args)
        let args = try TFDatasetObject.expanding(args)
        let bound = try args.bind(["x", "y", "batch_size", "epochs", "verbose", "callbacks", "validation_split", "validation_data",
                                   "shuffle", "class_weight", "sample_weight", "initial_epoch", "steps_per_epoch"], required: 2)
        for unsupported in ["class_weight", "sample_weight", "initial_epoch", "steps_per_epoch"] where bound.has(unsupported) {
            throw ScriptError.notSupported("fit(\(unsupported)=...) is not supported in lessons")
        }
        let callbacks = try KerasCallbackList(bound, model: .object(self), params: try Self.callbackParams(bound),
                                              uncalled: KerasLessonCallback.uncalledHooks(validating: false), cell: context.cell)
        let x = try Self.array(bound["x"], "x"), y = try Self.array(bound["y"], "y")
        let epochs = try bound.int("epochs", default: 1), batchSize = try bound.int("batch_size", default: 32)
        try reservePass("fit", x: x, batch: batchSize, training: true)
        var validation: (x: any RowSource, y: Tensor)?
        if bound.has("validation_data") {
            guard let pair = bound["validation_data"]?.sequenceElements, pair.count == 2 else {
                throw ScriptError.valueError("validation_data must be a tuple (x_val, y_val)")
            }
            validation = try KerasCall.run { (try Self.array(pair[0], "x_val").rows(charging: context.run), try Self.array(pair[1], "y_val").tensor(charging: context.run)) }
        }
        let progress = KerasProgress(cell: context.cell, verbose: try KerasProgress.verbosity(bound))
        let split = try bound.double("validation_split", default: 0)
        let samples = x.shape.first ?? 0
        let trained = validation == nil ? samples - Int(Double(samples) * min(max(split, 0), 1)) : samples
        let (steps, overflow) = ((trained + max(batchSize, 1) - 1) / max(batchSize, 1)).multipliedReportingOverflow(by: max(epochs, 0))
        try context.chargeTraining(steps: overflow ? Int.max : steps)
        context.performed(.fit)
        let model = self.model
        callbacks.trainBegin(model)
        let io = callbacks.io
        stopTraining = false
        let history: History
        do { history = try KerasCall.run {
            try model.fit(x: x.rows(charging: context.run), y: y.tensor(charging: context.run), epochs: epochs, batchSize: batchSize,
                          validationSplit: split, validationData: validation,
                          shuffle: try bound.bool("shuffle", default: true),
                          shouldStop: { [weak context] in (context?.isInterrupted ?? false) || callbacks.failure != nil },
                          stopAfterEpoch: { [unowned self] epoch, logs in callbacks.epochEnd(epoch, &logs, model: model) || self.stopTraining },
                          terminateOnNaN: callbacks.terminateOnNaN ? { _, batch in io.say("Batch \(batch): Invalid loss, terminating training\n") } : nil,
                          progress: callbacks.progress(model, then: progress.handle),
                          validationProgress: KerasLessonCallback.validationHooks(callbacks.lessonCallbacks),
                          epochData: dataset.map { dataset in { [context] _ in
                              let pass = try dataset.nextPass()
                              return (try Self.array(pass.x, "x").rows(charging: context.run), try Self.array(pass.y, "y").tensor(charging: context.run))
                          } })
        } } catch {
            // A lesson hook's error, not the stop it caused, is what fit raises.
            if let failure = callbacks.failure { throw failure }
            throw error
        }
        try callbacks.trainEnd(model)
        context.cell?.add(TrainingRecord(epochs: history.epochs.count, metrics: history.keys.map { ($0, history.history[$0] ?? []) }))
        return callbacks.result(history, address: context.address())
    }

    /// `self.params` of a lesson's callback, as Keras 3 sets it.
    static func callbackParams(_ bound: BoundArguments) throws -> [(String, Value)] {
        let samples = (try? array(bound["x"], "x"))?.shape.first ?? 0
        let batch = max(try bound.int("batch_size", default: 32), 1)
        let split = min(max(try bound.double("validation_split", default: 0), 0), 1)
        let trained = bound.has("validation_data") ? samples : samples - Int(Double(samples) * split)
        return [("verbose", .int(try KerasProgress.verbosity(bound))), ("epochs", .int(try bound.int("epochs", default: 1))),
                ("steps", .int((trained + batch - 1) / batch))]
    }

    func evaluate(_ args: Arguments) throws -> Value {
        let args = try TFDatasetObject.expanding(args)
        let bound = try args.bind(["x", "y", "batch_size", "verbose", "sample_weight", "steps", "callbacks", "return_dict"], required: 2)
        let x = try Self.array(bound["x"], "x"), y = try Self.array(bound["y"], "y")
        let progress = KerasProgress(cell: context.cell, verbose: try KerasProgress.verbosity(bound))
        let batchSize = try bound.int("batch_size", default: 32)
        try reservePass("evaluate", x: x, batch: batchSize, training: false)
        context.performed(.evaluate)
        let hooks = try KerasLessonCallback.lessonCallbacks(bound["callbacks"], model: .object(self), params: [], uncalled: [])
        for c in hooks { c.hook("on_test_begin"); c.hook("on_test_batch_begin", [.int(0)]) }
        let values = try KerasCall.run {
            try model.evaluate(x: x.rows(charging: context.run), y: y.tensor(charging: context.run), batchSize: batchSize,
                               progress: KerasLessonCallback.progress(hooks, phase: "test", then: progress.handle))
        }
        // Keras returns `[loss, accuracy]`, or the loss alone when there are no metrics.
        let names = model.evaluateNames
        for c in hooks { c.hook("on_test_end", logs: Array(zip(names, values))) }
        if let failure = hooks.lazy.compactMap(\.failure).first { throw failure }
        if bound.has("return_dict"), try bound.bool("return_dict") {
            return .dict(DictStorage(zip(names, values).map { ($0, Value.float($1)) }))
        }
        return values.count == 1 ? .float(values[0]) : .list(ListStorage(values.map { Value.float($0) }))
    }

    func predict(_ args: Arguments) throws -> Value {
        let bound = try args.bind(["x", "batch_size", "verbose", "steps", "callbacks"], required: 1)
        let x = try Self.array(bound["x"], "x")
        let progress = KerasProgress(cell: context.cell, verbose: try KerasProgress.verbosity(bound))
        let batchSize = try bound.int("batch_size", default: 32)
        try reservePass("predict", x: x, batch: batchSize, training: false)
        context.performed(.predict)
        let hooks = try KerasLessonCallback.lessonCallbacks(bound["callbacks"], model: .object(self), params: [],
                                                            uncalled: KerasLessonCallback.uncalledHooks(validating: false))
        for c in hooks { c.hook("on_predict_begin"); c.hook("on_predict_batch_begin", [.int(0)]) }
        let outputs = KerasLessonCallback.wantsPredictOutputs(hooks)
        let output = try KerasCall.run {
            try model.predict(x: x.rows(charging: context.run), batchSize: batchSize,
                              progress: outputs ? nil : KerasLessonCallback.progress(hooks, phase: "predict", then: progress.handle))
        }
        if outputs { KerasLessonCallback.replayPredictBatches(hooks, output: output, batchSize: batchSize, context: context, then: progress.handle) }
        for c in hooks { c.hook("on_predict_end") }
        if let failure = hooks.lazy.compactMap(\.failure).first { throw failure }
        return NDArrayObject.value(in: context, .float32(output))
    }
}

/// What `fit` returns: `history.history['val_accuracy']`, `history.epoch`.
public final class KerasHistoryObject: HostObject {
    public let history: History
    public let address: String
    public init(_ history: History, address: String) { self.history = history; self.address = address }

    public var typeName: String { "History" }
    /// As Jupyter displays it (`Out[n]`), which is what lessons show.
    public func repr() -> String { "<keras.src.callbacks.history.History at \(address)>" }

    public func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "history": return .dict(DictStorage(history.keys.map { key in (key, .list(ListStorage((history.history[key] ?? []).map { .float($0) }))) }))
        case "epoch": return .list(ListStorage(history.epochs.map { .int($0 - 1) }))
        default: return nil
        }
    }
}

/// `keras.optimizers.Adam(learning_rate=1e-3)` and friends.
public final class KerasOptimizerObject: HostObject {
    public let optimizer: Optimizer
    public let name: String
    public init(_ optimizer: Optimizer, name: String) { self.optimizer = optimizer; self.name = name }
    public var typeName: String { name }
    public func repr() -> String { "<keras.src.optimizers.\(name.lowercased()).\(name) object at 0x7f3a1c0d2b10>" }
    public func getAttribute(_ attribute: String) throws -> Value? {
        if let eager = KerasEager.method(self, attribute) { return eager }
        return attribute == "learning_rate" ? .float(Double(optimizer.learningRate)) : nil
    }
    /// `model.optimizer.learning_rate = 1e-4`, as Keras 3 allows between two `fit`s.
    public func setAttribute(_ attribute: String, _ value: Value) throws {
        guard attribute == "learning_rate" else { throw ScriptError.attributeError("'\(name)' object attribute '\(attribute)' cannot be set in lessons") }
        guard let rate = value.doubleValue, rate.isFinite, rate >= 0 else {
            throw ScriptError.valueError("learning_rate must be a non-negative number, not \(value.repr)")
        }
        optimizer.learningRate = Float(rate)
    }

    static func classes(path: String) -> [String: Value] {
        [
            "Adam": KerasClass.value("Adam", path: path) { args in
                let b = try args.bind(["learning_rate", "beta_1", "beta_2", "epsilon"], required: 0)
                return .object(KerasOptimizerObject(Adam(learningRate: Float(try b.double("learning_rate", default: 0.001)),
                                                         beta1: Float(try b.double("beta_1", default: 0.9)), beta2: Float(try b.double("beta_2", default: 0.999)),
                                                         epsilon: Float(try b.double("epsilon", default: 1e-7))), name: "Adam"))
            },
            "SGD": KerasClass.value("SGD", path: path) { args in
                let b = try args.bind(["learning_rate", "momentum"], required: 0)
                return .object(KerasOptimizerObject(SGD(learningRate: Float(try b.double("learning_rate", default: 0.01)),
                                                        momentum: Float(try b.double("momentum", default: 0))), name: "SGD"))
            },
            "RMSprop": KerasClass.value("RMSprop", path: path) { args in
                let b = try args.bind(["learning_rate", "rho", "epsilon"], required: 0)
                return .object(KerasOptimizerObject(RMSprop(learningRate: Float(try b.double("learning_rate", default: 0.001)),
                                                            rho: Float(try b.double("rho", default: 0.9)), epsilon: Float(try b.double("epsilon", default: 1e-7))), name: "RMSprop"))
            },
        ]
    }
}

/// `keras.losses.SparseCategoricalCrossentropy(from_logits=True)`.
public final class KerasLossObject: HostObject {
    public let loss: Loss
    /// Keras 3's `reduction=` ("sum_over_batch_size", "mean", "sum", "none"; nil for None).
    let reduction: String?
    public init(_ loss: Loss) { self.loss = loss; reduction = "sum_over_batch_size" }
    init(_ loss: Loss, reduction: String?) { self.loss = loss; self.reduction = reduction }
    public var typeName: String { "Loss" }
    /// The reduction `fit` computes (the mean over the batch).
    var reducesToBatchMean: Bool { reduction == "sum_over_batch_size" || reduction == "mean" }
    public func getAttribute(_ name: String) throws -> Value? {
        name == "reduction" ? reduction.map { .str($0) } ?? Value.none : nil
    }
    /// `compile(loss=...)` of a Sequential or functional model trains on the batch mean.
    func checkFitReduction() throws {
        guard reducesToBatchMean else {
            throw ScriptError.notSupported("compile(loss=\(loss.kind.rawValue)(reduction=\(reduction.map { "'\($0)'" } ?? "None"))) of a Sequential or functional model is not supported in lessons; fit trains on the batch mean (reduction='sum_over_batch_size')")
        }
    }

    static func classes(path: String) -> [String: Value] {
        var classes: [String: Value] = [:]
        for name in ["SparseCategoricalCrossentropy", "CategoricalCrossentropy"] {
            classes[name] = KerasClass.value(name, path: path) { args in
                let b = try args.bind(["from_logits", "reduction", "name"], required: 0)
                let reduction = try KerasLossFunctionObject.reduction(args, b, positionalFirst: false)
                return .object(KerasLossObject(try KerasCall.run { try Loss(name: name, fromLogits: try b.bool("from_logits", default: false)) }, reduction: reduction))
            }
        }
        for name in ["sparse_categorical_crossentropy", "categorical_crossentropy"] { classes[name] = .object(KerasCallable(name)) }
        return classes
    }
}

/// `keras.metrics.SparseCategoricalAccuracy()`: accuracy by another name.
public final class KerasMetricObject: HostObject {
    public let name: String
    public init(_ name: String) { self.name = name }
    public var typeName: String { "Metric" }

    static func classes(path: String) -> [String: Value] {
        var classes: [String: Value] = [:]
        for (name, metric) in [("Accuracy", "accuracy"), ("SparseCategoricalAccuracy", "sparse_categorical_accuracy"), ("CategoricalAccuracy", "categorical_accuracy")] {
            classes[name] = KerasClass.value(name, path: path) { args in _ = try args.bind(["name"], required: 0); return .object(KerasMetricObject(metric)) }
        }
        return classes
    }
}
