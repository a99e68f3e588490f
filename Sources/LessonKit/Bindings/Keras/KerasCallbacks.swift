import CNN
import Script

/// `keras.callbacks.EarlyStopping`, with Keras 3's rules: after each epoch, the monitored
/// figure must beat the best so far by `min_delta`, else after `patience` such epochs
/// training stops; `restore_best_weights` puts back the best epoch's weights at the end.
final class KerasEarlyStopping: HostObject {
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
    private var bestWeights: [String: Tensor]?

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

    func trainBegin() {
        wait = 0; stoppedEpoch = 0; bestEpoch = 0; bestWeights = nil
        best = maximize ? -.infinity : .infinity
    }

    /// Keras's on_epoch_end with a 0-based epoch; true asks training to stop.
    func epochEnd(_ epoch: Int, _ metrics: [(String, Double)], model: Sequential, warn: (String) -> Void) -> Bool {
        guard let current = metrics.first(where: { $0.0 == monitor })?.1 else {
            warn("UserWarning: Early stopping conditioned on metric `\(monitor)` which is not available. Available metrics are: \(metrics.map(\.0).joined(separator: ","))\n")
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

    func trainEnd(model: Sequential, print: (String) -> Void) throws {
        if stoppedEpoch > 0 && verbose > 0 { print("Epoch \(stoppedEpoch + 1): early stopping\n") }
        if restoreBestWeights, let bestWeights {
            if verbose > 0 { print("Restoring model weights from the end of the best epoch: \(bestEpoch + 1).\n") }
            try KerasCall.run { try model.setWeights(bestWeights) }
        }
    }

    private func weights(_ model: Sequential) -> [String: Tensor] {
        Dictionary(model.weightTensors().map { ($0.name, $0.tensor) }, uniquingKeysWith: { $1 })
    }

    static func classes(path: String) -> [String: Value] {
        ["EarlyStopping": KerasClass.value("EarlyStopping", path: path) { args in .object(try KerasEarlyStopping(args)) }]
    }
}
