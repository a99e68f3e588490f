import CNN
import Foundation
import NumPy
import Script

/// What `compile` gave a subclassed model.
final class KerasCompiledState {
    let optimizer: KerasOptimizerObject
    let loss: KerasLossObject?
    /// Metrics by Keras name (`accuracy` → sparse categorical accuracy on integer labels).
    let metrics: [KerasMetricTracker]
    let lossTracker: KerasMetricTracker
    init(optimizer: KerasOptimizerObject, loss: KerasLossObject?, metrics: [KerasMetricTracker], lossTracker: KerasMetricTracker) {
        self.optimizer = optimizer; self.loss = loss; self.metrics = metrics; self.lossTracker = lossTracker
    }
}

/// `compile`, `fit`, `evaluate`, `predict`, `summary`, `compute_loss` and the default
/// `train_step`/`test_step` of a lesson's `keras.Model` subclass. `fit` runs the lesson's
/// own `train_step` when it overrides it, as Keras does; each step is eager.
extension KerasTrackingPart {
    func modelAttribute(_ attribute: String) throws -> Value? {
        switch attribute {
        case "compile": return method(attribute) { [self] args in try compile(args); return .none }
        case "fit": return method(attribute) { [self] args in try fit(args) }
        case "evaluate": return method(attribute) { [self] args in try evaluate(args) }
        case "predict": return method(attribute) { [self] args in try predict(args) }
        case "summary":
            return method(attribute) { [self] args in
                _ = try args.bind(["line_length", "positions", "print_fn", "expand_nested", "show_trainable"], required: 0)
                context.performed(.show)
                context.output?.write(summary() + "\n", to: .stdout)
                return .none
            }
        case "train_step": return method(attribute) { [self] args in try defaultStep(try args.bind(["data"])["data"] ?? .none, training: true) }
        case "test_step": return method(attribute) { [self] args in try defaultStep(try args.bind(["data"])["data"] ?? .none, training: false) }
        case "compute_loss":
            return method(attribute) { [self] args in
                let b = try args.bind(["x", "y", "y_pred", "sample_weight", "training"], required: 0)
                return try computeLoss(y: b["y"] ?? .none, yPred: b["y_pred"] ?? .none)
            }
        case "optimizer": return compiled.map { .object($0.optimizer) } ?? .none
        case "metrics": return .list(ListStorage(compiledMetrics.map { .object($0) }))
        default: return nil
        }
    }

    var compiledMetrics: [KerasMetricTracker] { compiled.map { [$0.lossTracker] + $0.metrics } ?? [] }

    private func compile(_ args: Arguments) throws {
        let b = try args.bind(["optimizer", "loss", "metrics", "loss_weights", "weighted_metrics", "run_eagerly", "steps_per_execution", "jit_compile"], required: 0)
        let optimizer: KerasOptimizerObject
        switch b["optimizer"] ?? .str("rmsprop") {
        case .str(let name): optimizer = KerasOptimizerObject(try KerasCall.run { try Optimizer.named(name) }, name: name.capitalized == "Sgd" ? "SGD" : name == "rmsprop" ? "RMSprop" : name.capitalized)
        case .object(let o as KerasOptimizerObject): optimizer = o
        case let other: throw ScriptError.valueError("Could not interpret optimizer identifier: \(other.repr)")
        }
        var loss: KerasLossObject?
        switch b["loss"] ?? .none {
        case .none: loss = nil
        case .str(let name): loss = KerasLossObject(try KerasCall.run { try Loss(name: name) })
        case .object(let o as KerasLossObject): loss = o
        case .object(let f as KerasCallable): loss = KerasLossObject(try KerasCall.run { try Loss(name: f.name) })
        case let other: throw ScriptError.valueError("Could not interpret loss identifier: \(other.repr)")
        }
        var metrics: [KerasMetricTracker] = []
        for item in b.has("metrics") ? (b["metrics"]?.sequenceElements ?? []) : [] {
            switch item {
            case .str("accuracy"), .str("acc"), .str("sparse_categorical_accuracy"):
                let categorical = loss?.loss.kind == .categoricalCrossentropy
                metrics.append(KerasMetricTracker(categorical ? .categoricalAccuracy : .sparseCategoricalAccuracy, name: item.stringValue == "sparse_categorical_accuracy" ? nil : "accuracy", context: context))
            case .object(let m as KerasMetricTracker): metrics.append(m)
            default: throw ScriptError.notSupported("compile(metrics=[\(item.repr)]) of a subclassed model is not supported in lessons (use 'accuracy' or keras.metrics objects)")
            }
        }
        compiled = KerasCompiledState(optimizer: optimizer, loss: loss, metrics: metrics, lossTracker: KerasMetricTracker(.mean, name: "loss", context: context))
        context.performed(.compile)
    }

    /// The compiled loss of `y` and `y_pred`, on the tape that recorded `y_pred`.
    func computeLoss(y: Value, yPred: Value) throws -> Value {
        guard let loss = compiled?.loss else { throw ScriptError.valueError("No loss to compute. Provide a `loss` argument in `compile()`.") }
        return try loss.call(positional: [y, yPred], keywords: [])
    }

    /// Keras's `Model.train_step` (and `test_step`): forward (on a tape when training), the
    /// compiled loss, one optimizer step, the compiled metrics; returns their results.
    private func defaultStep(_ data: Value, training: Bool) throws -> Value {
        guard let compiled else { throw ScriptError.runtimeError("You must call `compile()` before using the model.") }
        let (x, y) = try Self.unpack(data)
        let tape = try TFGradientTapeObject(Arguments(functionName: "GradientTape", positional: [], keywords: []), context: context)
        if training { context.eager.tapes.append(tape) }
        let yPred: Value, loss: Value
        do {
            defer { if training, let i = context.eager.tapes.lastIndex(where: { $0 === tape }) { context.eager.tapes.remove(at: i) } }
            yPred = try instance.call(positional: [x], keywords: [("training", .bool(training))])
            loss = try computeLoss(y: y, yPred: yPred)
        }
        if training {
            let vars = variables(trainableOnly: true)
            guard let g = try tape.getAttribute("gradient") else { return .none }
            let grads = try context.interpreter?.call(g, positional: [loss, .list(ListStorage(vars))]) ?? .none
            try KerasEager.apply(compiled.optimizer, Array(zip(grads.sequenceElements ?? [], vars)))
        }
        _ = try compiled.lossTracker.call(positional: [loss], keywords: [])
        for m in compiled.metrics { _ = try m.call(positional: [y, yPred], keywords: []) }
        return .dict(DictStorage(compiledMetrics.map { ($0.name, $0.result()) }))
    }

    static func unpack(_ data: Value) throws -> (Value, Value) {
        guard let items = data.sequenceElements, items.count >= 2 else {
            throw ScriptError.notSupported("train_step data without targets is not supported in lessons; give (x, y)")
        }
        return (items[0], items[1])
    }

    /// The batches of one pass: a dataset's own, or `x`/`y` cut by `batch_size` (shuffled).
    private func batches(_ b: BoundArguments, shuffle: Bool, rng: inout SeededRNG) throws -> [Value] {
        let xValue = b["x"] ?? .none
        if let dataset = xValue.object(as: TFDatasetObject.self) {
            var out: [Value] = []
            if let it = try dataset.iterate() { while let v = try it.next() { out.append(v) } }
            return out
        }
        let x = try ValueConversion.array(xValue, name: "x").array
        let y = try ValueConversion.array(b["y"] ?? .none, name: "y").array
        let n = x.shape.first ?? 0
        guard y.shape.first == n else { throw ScriptError.valueError("Data cardinality is ambiguous: x sizes: \(n), y sizes: \(y.shape.first ?? 0)") }
        let size = try b.int("batch_size", default: 32)
        guard size > 0 else { throw ScriptError.valueError("batch_size must be positive") }
        let order = shuffle ? rng.permutation(n) : Array(0..<n)
        return stride(from: 0, to: n, by: size).map { lo in
            let rows = Array(order[lo..<Swift.min(lo + size, n)])
            return .tuple([TFTensorObject.value(TFDatasetObject.rows(x, rows, keepAxis: true), context: context),
                           TFTensorObject.value(TFDatasetObject.rows(y, rows, keepAxis: true), context: context)])
        }
    }

    /// The logs a step returned, as numbers.
    static func logs(_ value: Value) throws -> [(String, Double)] {
        guard case .dict(let d) = value else { throw ScriptError.typeError("train_step must return a dict of metric results, not \(value.typeName)") }
        return try zip(d.keys, d.values).map { k, v in
            guard case .str(let name) = k else { throw ScriptError.typeError("train_step returned a non-string key") }
            let number = v.doubleValue ?? (try? ValueConversion.array(v, name: name).array.double(0))
            guard let number else { throw ScriptError.typeError("train_step returned \(v.typeName) for '\(name)'") }
            return (name, number)
        }
    }

    private func fit(_ args: Arguments) throws -> Value {
        let b = try args.bind(["x", "y", "batch_size", "epochs", "verbose", "callbacks", "validation_split", "validation_data", "shuffle"], required: 1)
        for unsupported in ["callbacks", "validation_split", "validation_data"] where b.has(unsupported) {
            throw ScriptError.notSupported("fit(\(unsupported)=...) of a subclassed model is not supported in lessons")
        }
        guard compiled != nil else { throw ScriptError.runtimeError("You must call `compile()` before using the model.") }
        let epochs = try b.int("epochs", default: 1)
        let progress = KerasProgress(cell: context.cell, verbose: try KerasProgress.verbosity(b))
        var rng = SeededRNG(seed: context.nextModelSeed())
        var history = History.empty()
        context.performed(.fit)
        stopTraining = false
        for epoch in 1...Swift.max(epochs, 1) where epochs > 0 {
            let batches = try self.batches(b, shuffle: try b.bool("shuffle", default: true), rng: &rng)
            try context.chargeTraining(steps: batches.count)
            progress.handle(.epochBegin(epoch: epoch, epochs: epochs))
            try resetMetrics()
            let start = Date()
            var logs: [(String, Double)] = []
            for (s, batch) in batches.enumerated() {
                if context.isInterrupted { throw ScriptError(.keyboardInterrupt, "Training interrupted at epoch \(epoch), step \(s + 1)") }
                if let own = try instance.callMethod("train_step", positional: [batch]) { logs = try Self.logs(own) }
                // Keras 3 shows the compiled metrics in name order (`accuracy` before `loss`).
                else { logs = try Self.logs(try defaultStep(batch, training: true)).sorted { $0.0 < $1.0 } }
                progress.handle(.batchEnd(step: s + 1, steps: batches.count, metrics: logs, elapsed: Date().timeIntervalSince(start)))
            }
            history.record(logs, epoch: epoch)
            progress.handle(.epochEnd(epoch: epoch, metrics: logs, seconds: Date().timeIntervalSince(start), steps: batches.count))
            if stopTraining { break }
        }
        return .object(KerasHistoryObject(history, address: context.address()))
    }

    /// Keras resets `model.metrics` (the lesson's property when it defines one) each epoch.
    private func resetMetrics() throws {
        for m in try (instance.getAttribute("metrics")?.sequenceElements ?? []) {
            if case .object(let o) = m, let reset = try o.getAttribute("reset_state") { _ = try context.interpreter?.call(reset, positional: []) }
        }
    }

    private func evaluate(_ args: Arguments) throws -> Value {
        let b = try args.bind(["x", "y", "batch_size", "verbose", "return_dict", "callbacks"], required: 1)
        var rng = SeededRNG(seed: 0)
        let batches = try self.batches(b, shuffle: false, rng: &rng)
        let progress = KerasProgress(cell: context.cell, verbose: try KerasProgress.verbosity(b))
        context.performed(.evaluate)
        try resetMetrics()
        let start = Date()
        var logs: [(String, Double)] = []
        for (s, batch) in batches.enumerated() {
            logs = try Self.logs(try instance.callMethod("test_step", positional: [batch]) ?? defaultStep(batch, training: false))
            progress.handle(.evaluateStep(step: s + 1, steps: batches.count, metrics: logs, elapsed: Date().timeIntervalSince(start)))
        }
        if try b.bool("return_dict", default: false) { return .dict(DictStorage(logs.map { ($0.0, .float($0.1)) })) }
        return logs.count == 1 ? .float(logs[0].1) : .list(ListStorage(logs.map { .float($0.1) }))
    }

    private func predict(_ args: Arguments) throws -> Value {
        let b = try args.bind(["x", "batch_size", "verbose", "steps", "callbacks"], required: 1)
        let x = try ValueConversion.array(b["x"] ?? .none, name: "x").array
        let size = try b.int("batch_size", default: 32), n = x.shape.first ?? 0
        guard size > 0 else { throw ScriptError.valueError("batch_size must be positive") }
        let progress = KerasProgress(cell: context.cell, verbose: try KerasProgress.verbosity(b))
        context.performed(.predict)
        var parts: [NDArray] = []
        let steps = (n + size - 1) / size, start = Date()
        for (s, lo) in stride(from: 0, to: n, by: size).enumerated() {
            let batch = TFTensorObject.value(TFDatasetObject.rows(x, Array(lo..<Swift.min(lo + size, n)), keepAxis: true), context: context)
            parts.append(try ValueConversion.array(try instance.call(positional: [batch], keywords: [("training", .bool(false))]), name: "output").array)
            progress.handle(.predictStep(step: s + 1, steps: steps, elapsed: Date().timeIntervalSince(start)))
        }
        guard let first = parts.first else { return NDArrayObject.value(in: context, NDArray(shape: [0], dtype: .float32, storage: .float32([]))) }
        let rest = Array(first.shape.dropFirst())
        let out = NDArray(doubles: parts.flatMap(\.doubles), shape: [n] + rest, dtype: .float32)
        return NDArrayObject.value(in: context, out)
    }

    func summary() -> String {
        var rows: [(layer: String, type: String, shape: String, params: String)] = []
        func count(_ vs: [Value]) -> Int { vs.reduce(0) { $0 + ($1.object(as: TFVariableObject.self)?.parameter.value.count ?? 0) } }
        for v in layerValues {
            let shape = v.object(as: AnyObject.self).flatMap { context.eager.outputShapes[ObjectIdentifier($0)] }
            if let l = v.object(as: KerasLayerObject.self) {
                let weighted = l.spec.kind == .dense || l.spec.kind == .conv2D
                let params = l.layer.isBuilt ? SubclassSummary.count(l.layer.parameterCount) : weighted ? "0 (unbuilt)" : "0"
                rows.append((l.layer.name, l.layer.typeName, SubclassSummary.shapeText(shape), params))
            } else if let p = Self.part(of: v) {
                let n = count(p.variables(trainableOnly: false))
                rows.append((p.name, p.instance.cls.name, SubclassSummary.shapeText(shape), p.built ? SubclassSummary.count(n) : "0 (unbuilt)"))
            }
        }
        let all = count(variables(trainableOnly: false)), train = count(variables(trainableOnly: true))
        return SubclassSummary.table(name: name, rows: rows, trainable: train, nonTrainable: all - train)
    }
}
