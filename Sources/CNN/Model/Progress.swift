/// What a running `fit`, `evaluate` or `predict` reports. The library never prints.
public enum TrainingEvent {
    /// Epochs are 1-based, as Keras prints them (`Epoch 1/5`).
    case epochBegin(epoch: Int, epochs: Int)
    /// After each training step: running means over the epoch so far, in Keras 3's order
    /// (`accuracy`, `loss`), and the seconds since the epoch began.
    case batchEnd(step: Int, steps: Int, metrics: [(String, Double)], elapsed: Double)
    /// The epoch's final metrics, `accuracy`, `loss`, then `val_accuracy`, `val_loss`.
    case epochEnd(epoch: Int, metrics: [(String, Double)], seconds: Double, steps: Int)
    /// Steps of `evaluate` (metrics are running means) and `predict` (no metrics).
    case evaluateStep(step: Int, steps: Int, metrics: [(String, Double)], elapsed: Double)
    case predictStep(step: Int, steps: Int, elapsed: Double)
}

public typealias ProgressHandler = (TrainingEvent) -> Void

/// Per-epoch metrics, `history.history["val_loss"]` as in Keras.
public struct History {
    public internal(set) var history: [String: [Double]] = [:]
    public internal(set) var epochs: [Int] = []
    /// Keys in Keras's order (`accuracy`, `loss`, `val_accuracy`, `val_loss`).
    public internal(set) var keys: [String] = []
    mutating func append(_ metrics: [(String, Double)], epoch: Int) {
        epochs.append(epoch)
        for (k, v) in metrics {
            if history[k] == nil { keys.append(k) }
            history[k, default: []].append(v)
        }
    }
}
