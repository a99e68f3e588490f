import CNN
import Foundation
import NumPy
import Script

/// What one pass of `fit`/`evaluate` of a subclassed model trains or tests on: a dataset, or
/// arrays `x`, `y` cut into batches of `batchSize`.
struct FitData {
    var x: Value, y: Value, batchSize: Int

    init(x: Value, y: Value, batchSize: Int) { self.x = x; self.y = y; self.batchSize = batchSize }

    init(_ b: BoundArguments, batchKey: String) throws {
        x = b["x"] ?? .none; y = b["y"] ?? .none
        batchSize = b.has(batchKey) && !(b[batchKey]?.isNone ?? true) ? try b.int(batchKey) : 32
        guard batchSize > 0 else { throw ScriptError.valueError("batch_size must be positive") }
    }
}

/// `fit` of a lesson's `keras.Model` subclass: the lesson's `train_step` (or Keras's), with
/// `validation_data` / `validation_split` tested after each epoch by `test_step` (logs named
/// `val_…`), and the callbacks (Keras's built-in ones and the lesson's subclasses) run by the
/// same KerasCallbackList as Sequential's, in the order Keras calls them.
extension KerasTrackingPart {
    func fit(_ args: Arguments) throws -> Value {
        let b = try args.bind(["x", "y", "batch_size", "epochs", "verbose", "callbacks", "validation_split", "validation_data", "shuffle",
                               "class_weight", "sample_weight", "initial_epoch", "steps_per_epoch", "validation_steps", "validation_batch_size", "validation_freq"], required: 1)
        for unsupported in ["class_weight", "sample_weight", "initial_epoch", "steps_per_epoch", "validation_steps", "validation_freq"] where b.has(unsupported) && !(b[unsupported]?.isNone ?? true) {
            throw ScriptError.notSupported("fit(\(unsupported)=...) of a subclassed model is not supported in lessons")
        }
        guard compiled != nil else { throw ScriptError.runtimeError("You must call `compile()` before using the model.") }
        var train = try FitData(b, batchKey: "batch_size")
        var validation = try validationData(b, train: &train)
        if let v = validation, b.has("validation_batch_size"), !(b["validation_batch_size"]?.isNone ?? true) {
            validation = FitData(x: v.x, y: v.y, batchSize: try b.int("validation_batch_size"))
            guard (validation?.batchSize ?? 0) > 0 else { throw ScriptError.valueError("validation_batch_size must be positive") }
        }
        let epochs = try b.int("epochs", default: 1)
        let verbose = try KerasProgress.verbosity(b)
        let progress = KerasProgress(cell: context.cell, verbose: verbose)
        let callbacks = try KerasCallbackList(b, model: .object(instance), params: [("verbose", .int(verbose)), ("epochs", .int(epochs)), ("steps", .int(try steps(train)))],
                                              uncalled: KerasLessonCallback.uncalledHooks(validating: validation != nil), cell: context.cell)
        let handle = callbacks.progress(self, then: progress.handle)
        var rng = SeededRNG(seed: context.nextModelSeed())
        var history = History.empty()
        context.performed(.fit)
        stopTraining = false
        callbacks.trainBegin(self)
        if let failure = callbacks.failure { throw failure }
        var logs: [(String, Double)] = []
        for epoch in 1...Swift.max(epochs, 1) where epochs > 0 {
            let batches = try self.batches(train, shuffle: try b.bool("shuffle", default: true), rng: &rng)
            try context.chargeTraining(steps: batches.count)
            handle(.epochBegin(epoch: epoch, epochs: epochs))
            if let failure = callbacks.failure { throw failure }
            try resetMetrics()
            let start = Date()
            var taken = 0
            for (s, batch) in batches.enumerated() {
                if context.isInterrupted { throw ScriptError(.keyboardInterrupt, "Training interrupted at epoch \(epoch), step \(s + 1)") }
                if let own = try instance.callMethod("train_step", positional: [batch]) { logs = try Self.logs(own) }
                // Keras 3 shows the compiled metrics in name order (`accuracy` before `loss`).
                else { logs = try Self.logs(try defaultStep(batch, training: true)).sorted { $0.0 < $1.0 } }
                taken = s + 1
                // Keras's TerminateOnNaN hears the batch before the progress bar does, and stops at once.
                if callbacks.terminateOnNaN, let loss = logs.first(where: { $0.0 == "loss" })?.1, !loss.isFinite {
                    callbacks.io.say("Batch \(s): Invalid loss, terminating training\n")
                    stopTraining = true
                }
                handle(.batchEnd(step: s + 1, steps: batches.count, metrics: logs, elapsed: Date().timeIntervalSince(start)))
                if let failure = callbacks.failure { throw failure }
                if stopTraining { break }
            }
            if let validation { logs += try test(validation).map { ("val_" + $0.0, $0.1) } }
            // Callbacks (EarlyStopping, ReduceLROnPlateau, the lesson's) hear the epoch before History and the bar.
            let stop = callbacks.epochEnd(epoch, &logs, model: self)
            history.record(logs, epoch: epoch)
            handle(.epochEnd(epoch: epoch, metrics: logs, seconds: Date().timeIntervalSince(start), steps: taken))
            if let failure = callbacks.failure { throw failure }
            if stop { stopTraining = true }
            if stopTraining { break }
        }
        try callbacks.trainEnd(self)
        return callbacks.result(history, address: context.address())
    }

    /// `validation_data=(x, y)` or a dataset, else the last `validation_split` of `x`/`y`
    /// (taken before shuffling, as Keras takes it), which `train` then loses.
    private func validationData(_ b: BoundArguments, train: inout FitData) throws -> FitData? {
        if b.has("validation_data"), let v = b["validation_data"], !v.isNone {
            if v.object(as: TFDatasetObject.self) != nil { return FitData(x: v, y: .none, batchSize: train.batchSize) }
            guard let items = v.sequenceElements, items.count == 2 || items.count == 3 else {
                throw ScriptError.valueError("When passing a `validation_data` argument, it must contain either 2 items (x_val, y_val), or 3 items (x_val, y_val, val_sample_weights). Received: validation_data=\(v.repr)")
            }
            guard items.count == 2 else { throw ScriptError.notSupported("validation_data with sample weights is not supported in lessons") }
            return FitData(x: items[0], y: items[1], batchSize: train.batchSize)
        }
        guard b.has("validation_split"), let fraction = try? b.double("validation_split"), fraction != 0 else { return nil }
        guard fraction > 0, fraction < 1 else { throw ScriptError.valueError("`validation_split` must be between 0 and 1, received: \(PythonFormat.floatRepr(fraction))") }
        if let dataset = train.x.object(as: TFDatasetObject.self) {
            throw ScriptError.valueError("Argument `validation_split` is only supported for tensors or NumPy arrays.Found incompatible type in the input: [<class '\(dataset.pythonClass)'>]")
        }
        let x = try ValueConversion.array(train.x, name: "x").array, y = try ValueConversion.array(train.y, name: "y").array
        let n = x.shape.first ?? 0
        guard y.shape.first == n else { throw ScriptError.valueError("Data cardinality is ambiguous: x sizes: \(n), y sizes: \(y.shape.first ?? 0)") }
        let splitAt = Int((Double(n) * (1 - fraction)).rounded(.down))
        guard splitAt > 0, splitAt < n else {
            throw ScriptError.valueError("Training data contains \(splitAt) samples, which is not sufficient to split it into a validation and training set as specified by `validation_split=\(PythonFormat.floatRepr(fraction))`. Either provide more data, or a different value for the `validation_split` argument.")
        }
        func part(_ a: NDArray, _ r: Range<Int>) -> Value { NDArrayObject.value(in: context, TFDatasetObject.rows(a, Array(r), keepAxis: true)) }
        train = FitData(x: part(x, 0..<splitAt), y: part(y, 0..<splitAt), batchSize: train.batchSize)
        return FitData(x: part(x, splitAt..<n), y: part(y, splitAt..<n), batchSize: train.batchSize)
    }

    /// One validation pass, as `evaluate` inside `fit` runs it: metrics reset, then `test_step`
    /// on each batch; the last step's logs.
    private func test(_ data: FitData) throws -> [(String, Double)] {
        var rng = SeededRNG(seed: 0)
        let batches = try self.batches(data, shuffle: false, rng: &rng)
        try resetMetrics()
        var logs: [(String, Double)] = []
        for batch in batches {
            if let own = try instance.callMethod("test_step", positional: [batch]) { logs = try Self.logs(own) }
            else { logs = try Self.logs(try defaultStep(batch, training: false)).sorted { $0.0 < $1.0 } }
        }
        return logs
    }

    /// The steps of one epoch (`params["steps"]`).
    private func steps(_ data: FitData) throws -> Int {
        if let dataset = data.x.object(as: TFDatasetObject.self) { return try dataset.length() ?? 0 }
        let n = try ValueConversion.array(data.x, name: "x").array.shape.first ?? 0
        return (n + data.batchSize - 1) / data.batchSize
    }

    /// The batches of one pass: a dataset's own (a new pass each time, so a shuffled dataset
    /// is reshuffled each epoch), or `x`/`y` cut by `batchSize` (shuffled).
    func batches(_ data: FitData, shuffle: Bool, rng: inout SeededRNG) throws -> [Value] {
        if let dataset = data.x.object(as: TFDatasetObject.self) {
            var out: [Value] = []
            if let it = try dataset.iterate() { while let v = try it.next() { out.append(v) } }
            dataset.dropPass()
            return out
        }
        let x = try ValueConversion.array(data.x, name: "x").array
        let y = try ValueConversion.array(data.y, name: "y").array
        let n = x.shape.first ?? 0
        guard y.shape.first == n else { throw ScriptError.valueError("Data cardinality is ambiguous: x sizes: \(n), y sizes: \(y.shape.first ?? 0)") }
        let order = shuffle ? rng.permutation(n) : Array(0..<n)
        return stride(from: 0, to: n, by: data.batchSize).map { lo in
            let rows = Array(order[lo..<Swift.min(lo + data.batchSize, n)])
            return .tuple([TFTensorObject.value(TFDatasetObject.rows(x, rows, keepAxis: true), context: context),
                           TFTensorObject.value(TFDatasetObject.rows(y, rows, keepAxis: true), context: context)])
        }
    }
}
