/// Metrics `compile(metrics:)` accepts. Accuracy compares the prediction's argmax with the
/// label (sparse indices or one-hot rows, as Keras picks for the loss); it is counted in the
/// fused cross-entropy kernel, so no extra pass over the outputs is needed.
public enum Metric: String, CaseIterable, Sendable {
    case accuracy
    case meanAbsoluteError = "mean_absolute_error"

    /// "accuracy" or "acc"; anything else is an error naming what is supported.
    public init(name: String) throws {
        switch name {
        case "accuracy", "acc", "sparse_categorical_accuracy", "categorical_accuracy": self = .accuracy
        case "mean_absolute_error", "mae", "MeanAbsoluteError": self = .meanAbsoluteError
        default: throw CNNError.invalidArgument("Unknown metric '\(name)'. Supported: 'accuracy', 'mean_absolute_error'.")
        }
    }
}
