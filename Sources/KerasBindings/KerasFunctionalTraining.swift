import CNN
import Script

/// compile / fit / evaluate / predict of a functional model: per-output losses, metrics and
/// `loss_weights`, given as one value, a list (one per output) or a dict by output name.
extension KerasFunctionalModelObject {
    /// A list or dict of per-output values in output order; a single value applies to all.
    func perOutput(_ value: Value, _ what: String) throws -> [Value] {
        let names = graph.outputNames
        if case .dict(let d) = value {
            return try names.map { try d.get(.str($0)) ?? .none }
        }
        if case .list = value, multipleOutputs || graph.outputs.count > 1, let items = value.sequenceElements {
            guard items.count == names.count else {
                throw ScriptError.valueError("For a model with multiple outputs, when providing the `\(what)` argument as a list, it should have as many entries as the model has outputs. Received:\n\(what)=\(value.repr)\nof length \(items.count) whereas the model has \(names.count) outputs.")
            }
            return items
        }
        return Array(repeating: value, count: names.count)
    }

    func loss(_ value: Value) throws -> GraphLoss? {
        switch value {
        case .none: return nil
        case .str(let name): return try KerasCall.run { try GraphLoss(name: name) }
        case .object(let o as KerasLossObject):
            try o.checkFitReduction()
            return try KerasCall.run { try GraphLoss(name: o.loss.kind.rawValue, fromLogits: o.loss.fromLogits) }
        case .object(let f as KerasCallable): return try KerasCall.run { try GraphLoss(name: f.name) }
        default: throw ScriptError.valueError("Could not interpret loss identifier: \(value.repr)")
        }
    }

    func wantsAccuracy(_ value: Value) throws -> Bool {
        let items: [Value]
        switch value {
        case .none: return false
        case .str, .object: items = [value]
        default: items = value.sequenceElements ?? [value]
        }
        for item in items {
            let name: String
            switch item {
            case .str(let s): name = s
            case .object(let m as KerasMetricObject): name = m.name
            case .object(let m as KerasMetricTracker): name = m.compileName
            case .object(let f as KerasCallable): name = f.name
            default: throw ScriptError.valueError("Could not interpret metric identifier: \(item.repr)")
            }
            _ = try KerasCall.run { try Metric(name: name) }
        }
        return !items.isEmpty
    }

    func compile(_ args: Arguments) throws {
        let bound = try args.bind(["optimizer", "loss", "metrics", "loss_weights", "weighted_metrics", "run_eagerly", "steps_per_execution", "jit_compile"], required: 0)
        if bound.has("weighted_metrics") { throw ScriptError.notSupported("compile(weighted_metrics=...) is not supported in lessons") }
        let optimizer: Optimizer
        switch bound["optimizer"] ?? .str("rmsprop") {
        case .str(let name): optimizer = try KerasCall.run { try Optimizer.named(name) }
        case .object(let object as KerasOptimizerObject): optimizer = object.optimizer
        case let other: throw ScriptError.valueError("Could not interpret optimizer identifier: \(other.repr)")
        }
        guard let lossValue = bound["loss"], !lossValue.isNone else { throw ScriptError.notSupported("compile() without a loss is not supported in lessons") }
        var losses: [GraphLoss] = []
        let metricValues = try perOutput(bound["metrics"] ?? .none, "metrics")
        for (k, (l, m)) in zip(try perOutput(lossValue, "loss"), metricValues).enumerated() {
            guard var loss = try loss(l) else {
                throw ScriptError.notSupported("compile(): output '\(graph.outputNames[k])' has no loss; lessons need a loss for every output")
            }
            loss.accuracy = try wantsAccuracy(m)
            losses.append(loss)
        }
        var weights: [Float]?
        if let w = bound["loss_weights"], !w.isNone {
            weights = try perOutput(w, "loss_weights").map { v in
                guard let d = v.doubleValue, d.isFinite else { throw ScriptError.valueError("loss_weights must be numbers, received \(v.repr)") }
                return Float(d)
            }
        }
        try KerasCall.run { try graph.compile(optimizer: optimizer, losses: losses, lossWeights: weights) }
        context.performed(.compile)
    }

    func targets(_ value: Value?) throws -> [Tensor] {
        if case .list? = value, graph.outputs.count == 1 { return try arrays(value.map { .tuple([$0]) }, "y", nodes: graph.outputs) }
        return try arrays(value, "y", nodes: graph.outputs)
    }

    func fit(_ args: Arguments) throws -> Value {
        let dataset = try TFDatasetObject.given(in: args)
        let args = try TFDatasetObject.expanding(args)
        let bound = try args.bind(["x", "y", "batch_size", "epochs", "verbose", "callbacks", "validation_split", "validation_data",
                                   "shuffle", "class_weight", "sample_weight", "initial_epoch", "steps_per_epoch"], required: 2)
        for unsupported in ["class_weight", "sample_weight", "initial_epoch", "steps_per_epoch"] where bound.has(unsupported) {
            throw ScriptError.notSupported("fit(\(unsupported)=...) is not supported for functional models in lessons yet")
        }
        let x = try arrays(bound["x"], "x"), y = try targets(bound["y"])
        let epochs = try bound.int("epochs", default: 1), batchSize = try bound.int("batch_size", default: 32)
        let split = try bound.double("validation_split", default: 0)
        let validation = try validationData(bound["validation_data"])
        let samples = x.first?.shape.first ?? 0
        let trained = validation == nil ? samples - Int(Double(samples) * min(max(split, 0), 1)) : samples
        let (steps, overflow) = ((trained + max(batchSize, 1) - 1) / max(batchSize, 1)).multipliedReportingOverflow(by: max(epochs, 0))
        try context.chargeTraining(steps: overflow ? Int.max : steps)
        try reservePass("fit", samples: samples, batch: batchSize, training: true)
        syncFrozen()
        context.performed(.fit)
        let progress = KerasProgress(cell: context.cell, verbose: try KerasProgress.verbosity(bound))
        let validating = bound.has("validation_data") || bound.has("validation_split")
        let callbacks = try KerasCallbackList(bound, model: .object(self), params: try KerasModelObject.callbackParams(bound),
                                              uncalled: KerasLessonCallback.uncalledHooks(validating: validating), cell: context.cell)
        callbacks.trainBegin(graph)
        let io = callbacks.io, graph = self.graph
        let history: History
        do { history = try KerasCall.run {
            try graph.fit(x: x, y: y, epochs: epochs, batchSize: batchSize, validationSplit: split, validationData: validation,
                          shuffle: try bound.bool("shuffle", default: true),
                          shouldStop: { [weak context] in (context?.isInterrupted ?? false) || callbacks.failure != nil },
                          stopAfterEpoch: { epoch, logs in callbacks.epochEnd(epoch, &logs, model: graph) },
                          terminateOnNaN: callbacks.terminateOnNaN ? { _, batch in io.say("Batch \(batch): Invalid loss, terminating training\n") } : nil,
                          progress: callbacks.progress(graph, then: progress.handle),
                          epochData: dataset.map { dataset in { [unowned self] _ in
                              let pass = try dataset.nextPass()
                              return (try self.arrays(pass.x, "x"), try self.targets(pass.y))
                          } })
        } } catch {
            if let failure = callbacks.failure { throw failure }
            throw error
        }
        try callbacks.trainEnd(graph)
        context.cell?.add(TrainingRecord(epochs: history.epochs.count, metrics: history.keys.map { ($0, history.history[$0] ?? []) }))
        return callbacks.result(history, address: context.address())
    }

    func evaluate(_ args: Arguments) throws -> Value {
        let args = try TFDatasetObject.expanding(args)
        let bound = try args.bind(["x", "y", "batch_size", "verbose", "sample_weight", "steps", "callbacks", "return_dict"], required: 2)
        let x = try arrays(bound["x"], "x"), y = try targets(bound["y"])
        let progress = KerasProgress(cell: context.cell, verbose: try KerasProgress.verbosity(bound))
        let batchSize = try bound.int("batch_size", default: 32)
        try reservePass("evaluate", samples: x.first?.shape.first ?? 0, batch: batchSize, training: false)
        context.performed(.evaluate)
        let metrics = try KerasCall.run { try graph.evaluate(x: x, y: y, batchSize: batchSize, progress: progress.handle) }
        // Keras returns the loss first, then the other metrics.
        let ordered = metrics.filter { $0.0 == "loss" } + metrics.filter { $0.0 != "loss" }
        if bound.has("return_dict"), try bound.bool("return_dict") {
            return .dict(DictStorage(ordered.map { ($0.0, Value.float($0.1)) }))
        }
        return ordered.count == 1 ? .float(ordered[0].1) : .list(ordered.map { .float($0.1) })
    }

    func predict(_ args: Arguments) throws -> Value {
        let bound = try args.bind(["x", "batch_size", "verbose", "steps", "callbacks"], required: 1)
        let x = try arrays(bound["x"], "x")
        let progress = KerasProgress(cell: context.cell, verbose: try KerasProgress.verbosity(bound))
        let batchSize = try bound.int("batch_size", default: 32)
        try reservePass("predict", samples: x.first?.shape.first ?? 0, batch: batchSize, training: false)
        context.performed(.predict)
        return try outputs(try KerasCall.run { try graph.predict(x: x, batchSize: batchSize, progress: progress.handle) })
    }
}

extension KerasFunctionalModelObject {
    /// Refuses a pass whose activations (every node of a batch, kept for the backward when
    /// training) or predicted outputs would pass the run's limits, before CNN allocates them.
    func reservePass(_ what: String, samples: Int, batch: Int, training: Bool) throws {
        let perBatch = max(1, min(max(batch, 1), max(samples, 1)))
        var perSample: Int? = 0
        for node in graph.nodes { perSample = perSample.flatMap { total in RunContext.product(node.shape).flatMap { RunContext.sum(total, $0) } } }
        let copies = training ? KerasMemory.trainingCopies : 1
        guard let elements = perSample.flatMap({ RunContext.product([$0, perBatch, copies]) }),
              let bytes = RunContext.bytes(elements: elements, bytesPerElement: KerasMemory.bytesPerActivation),
              bytes <= context.run.limits.maxAllocationBytes else {
            throw ScriptError.memoryError("\(what): the activations of a batch of \(perBatch) would take more than the \(context.run.limits.maxAllocationBytes) bytes a lesson run allows for one value")
        }
        try context.run.chargeResident(bytes, what: "\(what): the activations of a batch of \(perBatch)")
        if !training {
            for out in graph.outputs {
                try context.run.charge(elements: RunContext.product(out.shape + [max(samples, 0)]) ?? Int.max,
                                       bytesPerElement: KerasMemory.bytesPerActivation, what: "\(what): the outputs")
            }
        }
    }
}
