/// Keras's `Input(shape=...)` placed first in a `Sequential`: declares the input shape.
/// It has no weights and, as in Keras 3, does not appear in `summary()`.
public final class Input: Layer {
    override public var typeName: String { "InputLayer" }
    public init(shape: [Int], name: String? = nil, scope: NameScope) throws {
        guard !shape.isEmpty, shape.allSatisfy({ $0 > 0 }) else {
            throw CNNError.invalidArgument("Input shape must be non-empty with positive sizes (got \(formatShape(shape))).")
        }
        super.init(prefix: "input_layer", name: name, inputShape: shape, scope: scope)
    }
}
