import Foundation

/// A loss of one output of a functional model, with the metric Keras's 'accuracy' means for it.
public struct GraphLoss: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case sparseCategoricalCrossentropy = "sparse_categorical_crossentropy"
        case categoricalCrossentropy = "categorical_crossentropy"
        case meanSquaredError = "mean_squared_error"
        case binaryCrossentropy = "binary_crossentropy"
    }
    public let kind: Kind
    public let fromLogits: Bool
    /// Whether `accuracy` is tracked for this output (compile's `metrics`).
    public var accuracy: Bool
    public init(_ kind: Kind, fromLogits: Bool = false, accuracy: Bool = false) {
        self.kind = kind; self.fromLogits = fromLogits; self.accuracy = accuracy
    }
    public init(name: String, fromLogits: Bool = false, accuracy: Bool = false) throws {
        switch name {
        case "sparse_categorical_crossentropy", "SparseCategoricalCrossentropy": kind = .sparseCategoricalCrossentropy
        case "categorical_crossentropy", "CategoricalCrossentropy": kind = .categoricalCrossentropy
        case "mean_squared_error", "mse", "MeanSquaredError": kind = .meanSquaredError
        case "binary_crossentropy", "BinaryCrossentropy": kind = .binaryCrossentropy
        default: throw CNNError.invalidArgument("Unknown loss '\(name)'. Supported: 'sparse_categorical_crossentropy', 'categorical_crossentropy', 'mean_squared_error', 'binary_crossentropy'.")
        }
        self.fromLogits = fromLogits; self.accuracy = accuracy
    }

    /// The targets the loss kernel takes: one-hot rows for sparse labels, as given otherwise.
    func prepare(_ y: Tensor, output shape: [Int]) throws -> Tensor {
        switch kind {
        case .sparseCategoricalCrossentropy:
            guard let classes = shape.last else { throw CNNError.shapeMismatch("sparse labels for a scalar output") }
            let labels = try y.reshaped([-1])
            return try Ops.oneHot(labels, classes: classes).reshaped([y.shape.first ?? 0] + shape)
        case .categoricalCrossentropy, .meanSquaredError, .binaryCrossentropy:
            guard Array(y.shape.dropFirst()) == shape || (y.count == (y.shape.first ?? 0) * shape.reduce(1, *)) else {
                throw CNNError.shapeMismatch("targets of shape \(formatShape(y.shape)) for an output of shape \(formatBatchShape(shape))")
            }
            return try y.reshaped([y.shape.first ?? 0] + shape)
        }
    }

    /// The mean loss over the batch, on `tape` when given.
    func value(_ out: Variable, _ targets: Tensor, tape: Tape?) throws -> Variable {
        switch kind {
        case .sparseCategoricalCrossentropy, .categoricalCrossentropy:
            return try Ops.crossEntropy(out, targets: targets, fromLogits: fromLogits, tape: tape)
        case .meanSquaredError:
            return try Ops.meanSquaredError(out, targets: targets, tape: tape)
        case .binaryCrossentropy:
            return try Ops.binaryCrossentropy(out, targets: targets, fromLogits: fromLogits, tape: tape)
        }
    }

    /// Rows whose argmax matches the target's (Keras's accuracy for a classifier).
    func correct(_ out: Tensor, _ targets: Tensor) -> Int {
        guard let k = out.shape.last, k > 0 else { return 0 }
        var c = 0
        for r in 0..<(out.count / k) where argmax(out.base + r * k, k) == argmax(targets.base + r * k, k) { c += 1 }
        return c
    }
}
