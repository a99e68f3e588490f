/// Cross-entropy losses, by Keras name.
public struct Loss: Sendable, Equatable {
    public enum Kind: String, Sendable { case sparseCategoricalCrossentropy = "sparse_categorical_crossentropy"
                                         case categoricalCrossentropy = "categorical_crossentropy"
                                         case meanSquaredError = "mean_squared_error" }
    public let kind: Kind
    /// True when the model outputs logits rather than probabilities.
    public let fromLogits: Bool
    public init(_ kind: Kind, fromLogits: Bool = false) { self.kind = kind; self.fromLogits = fromLogits }
    /// "sparse_categorical_crossentropy", "categorical_crossentropy" (also the CamelCase class names).
    public init(name: String, fromLogits: Bool = false) throws {
        switch name {
        case "sparse_categorical_crossentropy", "SparseCategoricalCrossentropy": kind = .sparseCategoricalCrossentropy
        case "categorical_crossentropy", "CategoricalCrossentropy": kind = .categoricalCrossentropy
        case "mean_squared_error", "mse", "MeanSquaredError": kind = .meanSquaredError
        default: throw CNNError.invalidArgument("Unknown loss '\(name)'. Supported: 'sparse_categorical_crossentropy', 'categorical_crossentropy', 'mean_squared_error'.")
        }
        self.fromLogits = fromLogits
    }
    public static let sparseCategoricalCrossentropy = Loss(.sparseCategoricalCrossentropy)
    public static let categoricalCrossentropy = Loss(.categoricalCrossentropy)
}
