import CNN
import Script

/// A callback a lesson passes to `fit(callbacks=[...])`; `fit` calls each in list order, as
/// Keras does, before its History and progress bar hear the epoch.
protocol KerasCallback: HostObject {
    func trainBegin(model: KerasCallbackModel)
    /// Keras's on_epoch_end with a 0-based epoch: may add to the logs; true asks training to stop.
    func epochEnd(_ epoch: Int, _ logs: inout [(String, Double)], model: KerasCallbackModel, io: KerasCallbackIO) -> Bool
    func trainEnd(model: KerasCallbackModel, io: KerasCallbackIO) throws
}

extension KerasCallback {
    func trainBegin(model: KerasCallbackModel) {}
    func epochEnd(_ epoch: Int, _ logs: inout [(String, Double)], model: KerasCallbackModel, io: KerasCallbackIO) -> Bool { false }
    func trainEnd(model: KerasCallbackModel, io: KerasCallbackIO) throws {}
}

/// Where a callback's `print_msg` (stdout) and `warnings.warn` (stderr) go.
struct KerasCallbackIO {
    let say: (String) -> Void
    let warn: (String) -> Void
}

enum KerasCallbacks {
    static func classes(path: String, context: BindingContext) -> [String: Value] {
        unowned let context = context
        return ["Callback": .object(KerasCallbackBaseClass(path: path)),
         "LearningRateScheduler": KerasClass.value("LearningRateScheduler", path: path) { args in .object(try KerasLearningRateScheduler(args, context: context)) },
         "History": KerasClass.value("History", path: path) { args in
             _ = try args.bind([], required: 0)
             return .object(KerasHistoryCallback(address: context.address()))
         },
         "EarlyStopping": KerasClass.value("EarlyStopping", path: path) { args in .object(try KerasEarlyStopping(args)) },
         "ReduceLROnPlateau": KerasClass.value("ReduceLROnPlateau", path: path) { args in .object(try KerasReduceLROnPlateau(args)) },
         "ModelCheckpoint": KerasClass.value("ModelCheckpoint", path: path) { args in .object(try KerasModelCheckpoint(args, context: context)) },
         "TerminateOnNaN": KerasClass.value("TerminateOnNaN", path: path) { args in
             _ = try args.bind([], required: 0)
             return .object(KerasTerminateOnNaN())
         }]
    }
}

/// `keras.callbacks.EarlyStopping`, with Keras 3's rules: after each epoch, the monitored
/// figure must beat the best so far by `min_delta`, else after `patience` such epochs
/// training stops; `restore_best_weights` puts back the best epoch's weights at the end.
final class KerasEarlyStopping: KerasCallback {
    let monitor: String
    let minDelta: Double
    let patience: Int
    let verbose: Int
    let maximize: Bool
    let baseline: Double?
    let restoreBestWeights: Bool
    let startFromEpoch: Int

    // State of one `fit`, reset when it begins (Keras's on_train_begin).
    private var wait = 0, stoppedEpoch = 0, bestEpoch = 0
    private var best = 0.0
    private var bestWeights: [Tensor]?

    init(_ args: Arguments) throws {
        let b = try args.bind(["monitor", "min_delta", "patience", "verbose", "mode", "baseline", "restore_best_weights", "start_from_epoch"], required: 0)
        monitor = try b.string("monitor", default: "val_loss")
        minDelta = abs(try b.double("min_delta", default: 0))
        patience = try b.int("patience", default: 0)
        verbose = try b.int("verbose", default: 0)
        let mode = try b.string("mode", default: "auto")
        switch mode {
        case "min": maximize = false
        case "max": maximize = true
        case "auto":
            let watched = try b.string("monitor", default: "val_loss")
            maximize = ["acc", "accuracy", "auc"].contains { watched.hasSuffix($0) }
        default: throw ScriptError.valueError("EarlyStopping mode \(mode) is unknown, expected one of ('auto', 'min', 'max')")
        }
        baseline = b.has("baseline") ? try b.double("baseline") : nil
        restoreBestWeights = try b.bool("restore_best_weights", default: false)
        startFromEpoch = try b.int("start_from_epoch", default: 0)
        guard patience >= 0, startFromEpoch >= 0 else { throw ScriptError.valueError("EarlyStopping: patience and start_from_epoch must not be negative") }
    }

    var typeName: String { "EarlyStopping" }
    func repr() -> String { "<keras.src.callbacks.early_stopping.EarlyStopping object at 0x7f3a1c0e4d50>" }

    func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "stopped_epoch": return .int(stoppedEpoch)
        case "best_epoch": return .int(bestEpoch)
        case "best": return .float(best)
        case "wait": return .int(wait)
        case "patience": return .int(patience)
        case "monitor": return .str(monitor)
        default: return nil
        }
    }

    private func isImprovement(_ value: Double, over reference: Double) -> Bool {
        maximize ? value - minDelta > reference : value + minDelta < reference
    }

    func trainBegin(model: KerasCallbackModel) {
        wait = 0; stoppedEpoch = 0; bestEpoch = 0; bestWeights = nil
        best = maximize ? -.infinity : .infinity
    }

    /// Keras's on_epoch_end with a 0-based epoch; true asks training to stop.
    func epochEnd(_ epoch: Int, _ metrics: inout [(String, Double)], model: KerasCallbackModel, io: KerasCallbackIO) -> Bool {
        guard let current = metrics.first(where: { $0.0 == monitor })?.1 else {
            io.warn("UserWarning: Early stopping conditioned on metric `\(monitor)` which is not available. Available metrics are: \(metrics.map(\.0).joined(separator: ","))\n")
            return false
        }
        guard epoch >= startFromEpoch else { return false }
        if restoreBestWeights && bestWeights == nil { bestWeights = weights(model); bestEpoch = epoch }
        wait += 1
        if isImprovement(current, over: best) {
            best = current; bestEpoch = epoch
            if restoreBestWeights { bestWeights = weights(model) }
            if baseline == nil || isImprovement(current, over: baseline ?? 0) { wait = 0 }
            return false
        }
        if wait >= patience && epoch > 0 { stoppedEpoch = epoch; return true }
        return false
    }

    func trainEnd(model: KerasCallbackModel, io: KerasCallbackIO) throws {
        if stoppedEpoch > 0 && verbose > 0 { io.say("Epoch \(stoppedEpoch + 1): early stopping\n") }
        if restoreBestWeights, let bestWeights {
            if verbose > 0 { io.say("Restoring model weights from the end of the best epoch: \(bestEpoch + 1).\n") }
            try KerasCall.run { try model.restoreWeights(bestWeights) }
        }
    }

    private func weights(_ model: KerasCallbackModel) -> [Tensor] { model.weightSnapshot() }
}

/// `keras.callbacks.ReduceLROnPlateau`, with Keras 3's rules: the learning rate is added to
/// each epoch's logs (so the bar and the History show it); when the monitored figure has not
/// improved by `min_delta` for `patience` epochs, the rate is multiplied by `factor` (not
/// below `min_lr`), then `cooldown` epochs pass before epochs count again.
final class KerasReduceLROnPlateau: KerasCallback {
    let monitor: String
    let factor: Double
    let patience: Int
    let verbose: Int
    let minimize: Bool
    let minDelta: Double
    let cooldown: Int
    let minLR: Double
    private var best = 0.0, wait = 0, cooldownCounter = 0

    init(_ args: Arguments) throws {
        let b = try args.bind(["monitor", "factor", "patience", "verbose", "mode", "min_delta", "cooldown", "min_lr"], required: 0)
        monitor = try b.string("monitor", default: "val_loss")
        factor = try b.double("factor", default: 0.1)
        guard factor < 1 else {
            throw ScriptError.valueError("ReduceLROnPlateau does not support a factor >= 1.0. Received factor=\(PythonFormat.floatRepr(factor))")
        }
        patience = try b.int("patience", default: 10)
        verbose = try b.int("verbose", default: 0)
        // An unknown mode falls back to "auto", as in Keras (which also logs a warning; we do not).
        switch try b.string("mode", default: "auto") {
        case "min": minimize = true
        case "max": minimize = false
        default: minimize = !monitor.contains("acc")
        }
        minDelta = try b.double("min_delta", default: 1e-4)
        cooldown = try b.int("cooldown", default: 0)
        minLR = try b.double("min_lr", default: 0)
        guard patience >= 0, cooldown >= 0 else { throw ScriptError.valueError("ReduceLROnPlateau: patience and cooldown must not be negative") }
    }

    var typeName: String { "ReduceLROnPlateau" }
    func repr() -> String { "<keras.src.callbacks.reduce_lr_on_plateau.ReduceLROnPlateau object at 0x7f3a1c0e4e10>" }

    func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "monitor": return .str(monitor)
        case "factor": return .float(factor)
        case "patience": return .int(patience)
        case "cooldown": return .int(cooldown)
        case "min_lr": return .float(minLR)
        case "best": return .float(best)
        case "wait": return .int(wait)
        default: return nil
        }
    }

    func trainBegin(model: KerasCallbackModel) {
        best = minimize ? .infinity : -.infinity
        wait = 0; cooldownCounter = 0
    }

    func epochEnd(_ epoch: Int, _ logs: inout [(String, Double)], model: KerasCallbackModel, io: KerasCallbackIO) -> Bool {
        guard let optimizer = model.callbackOptimizer else { return false }
        logs.append(("learning_rate", Double(optimizer.learningRate)))
        guard let current = logs.first(where: { $0.0 == monitor })?.1 else {
            io.warn("UserWarning: Learning rate reduction is conditioned on metric `\(monitor)` which is not available. Available metrics are: \(logs.map(\.0).joined(separator: ","))\n")
            return false
        }
        if cooldownCounter > 0 { cooldownCounter -= 1; wait = 0 }
        if minimize ? current < best - minDelta : current > best + minDelta {
            best = current; wait = 0
        } else if cooldownCounter <= 0 {
            wait += 1
            let old = Double(optimizer.learningRate)
            if wait >= patience && old > Double(Float(minLR)) {
                let new = max(old * factor, minLR)
                optimizer.learningRate = Float(new)
                if verbose > 0 { io.say("\nEpoch \(epoch + 1): ReduceLROnPlateau reducing learning rate to \(PythonFormat.floatRepr(new)).\n") }
                cooldownCounter = cooldown; wait = 0
            }
        }
        return false
    }
}

/// `keras.callbacks.TerminateOnNaN`: a NaN or infinite loss prints `Batch N: Invalid loss,
/// terminating training` and ends `fit` after that epoch, which returns normally (without it,
/// a lesson's `fit` stops with a located error instead of training on NaN).
final class KerasTerminateOnNaN: KerasCallback {
    var typeName: String { "TerminateOnNaN" }
    func repr() -> String { "<keras.src.callbacks.terminate_on_nan.TerminateOnNaN object at 0x7f3a1c0e4e50>" }
    func getAttribute(_ name: String) throws -> Value? { nil }
}
