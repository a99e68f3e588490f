import CNN
import Foundation
import NumPy
import Script

/// What `compile` gave a subclassed model.
final class KerasCompiledState {
    let optimizer: KerasOptimizerObject
    /// A Keras loss object, or any callable of (y_true, y_pred) the lesson gave.
    let loss: Value?
    /// Metrics by Keras name (`accuracy` → sparse categorical accuracy on integer labels).
    let metrics: [KerasMetricTracker]
    let lossTracker: KerasMetricTracker
    init(optimizer: KerasOptimizerObject, loss: Value?, metrics: [KerasMetricTracker], lossTracker: KerasMetricTracker) {
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
        let loss: Value?
        func named(_ name: String) throws -> Value {
            if let f = KerasLossFunctionObject.named(name, context: context) { return .object(f) }
            return .object(KerasLossObject(try KerasCall.run { try Loss(name: name) }))
        }
        switch b["loss"] ?? .none {
        case .none: loss = nil
        case .str(let name): loss = try named(name)
        case .object(let f as KerasCallable): loss = try named(f.name)
        case .object(let o) where o is KerasLossObject || o is KerasLossFunctionObject: loss = .object(o)
        case .function(let f): loss = .function(f)
        case let other: throw ScriptError.valueError("Could not interpret loss identifier: \(other.repr)")
        }
        var metrics: [KerasMetricTracker] = []
        for item in b.has("metrics") ? (b["metrics"]?.sequenceElements ?? []) : [] {
            switch item {
            case .str("accuracy"), .str("acc"), .str("sparse_categorical_accuracy"):
                let categorical = loss?.object(as: KerasLossObject.self)?.loss.kind == .categoricalCrossentropy
                let binary = loss?.object(as: KerasLossFunctionObject.self)?.kind == .binaryCrossentropy
                let kind: KerasMetricTracker.Kind = item.stringValue == "sparse_categorical_accuracy" ? .sparseCategoricalAccuracy : binary ? .binaryAccuracy : categorical ? .categoricalAccuracy : .sparseCategoricalAccuracy
                metrics.append(KerasMetricTracker(kind, name: item.stringValue == "sparse_categorical_accuracy" ? nil : "accuracy", context: context))
            case .object(let m as KerasMetricTracker): metrics.append(m)
            default: throw ScriptError.notSupported("compile(metrics=[\(item.repr)]) of a subclassed model is not supported in lessons (use 'accuracy' or keras.metrics objects)")
            }
        }
        compiled = KerasCompiledState(optimizer: optimizer, loss: loss, metrics: metrics, lossTracker: KerasMetricTracker(.mean, name: "loss", context: context))
        context.performed(.compile)
    }

    /// Keras's `Model.train_step` (and `test_step`): forward (on a tape when training), the
    /// compiled loss, one optimizer step, the compiled metrics; returns their results.
    func defaultStep(_ data: Value, training: Bool) throws -> Value {
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
        // Keras 3 weights a step's loss by its batch size.
        let lossValue = try ValueConversion.array(loss, name: "loss").array
        compiled.lossTracker.add(Float(lossValue.count == 1 ? lossValue.double(0) : lossValue.doubles.reduce(0, +)), weight: Float((try? Self.shape(of: x).first) ?? 1))
        for m in compiled.metrics { _ = try m.call(positional: [y, yPred], keywords: []) }
        return .dict(DictStorage(compiledMetrics.map { ($0.name, $0.result()) }))
    }

    static func unpack(_ data: Value) throws -> (Value, Value) {
        guard let items = data.sequenceElements, items.count >= 2 else {
            throw ScriptError.notSupported("train_step data without targets is not supported in lessons; give (x, y)")
        }
        return (items[0], items[1])
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

    /// Keras resets `model.metrics` (the lesson's property when it defines one) each epoch.
    func resetMetrics() throws {
        for m in try (instance.getAttribute("metrics")?.sequenceElements ?? []) {
            if case .object(let o) = m, let reset = try o.getAttribute("reset_state") { _ = try context.interpreter?.call(reset, positional: []) }
        }
    }

    private func evaluate(_ args: Arguments) throws -> Value {
        let b = try args.bind(["x", "y", "batch_size", "verbose", "return_dict", "callbacks"], required: 1)
        var rng = SeededRNG(seed: 0)
        let batches = try self.batches(try FitData(b, batchKey: "batch_size"), shuffle: false, rng: &rng)
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
