import Foundation

/// A layer of a functional graph whose forward is code outside the engine (a lesson's
/// `keras.layers.Layer` subclass): it runs eagerly on the graph's tape each time the graph
/// runs, so its ops record their own backwards; its weights are read onto that tape.
public protocol GraphCustomLayer: AnyObject {
    var name: String { get }
    /// Keras's class name, shown by `summary()`.
    var typeName: String { get }
    /// Every weight, in Keras's order, and those `fit` may change.
    var parameters: [Parameter] { get }
    var trainableParameters: [Parameter] { get }
    func forward(_ x: Variable, training: Bool, tape: Tape?) throws -> Variable
    /// What its latest forward added with `add_loss`, as variables on that forward's tape.
    func addedLosses(tape: Tape?) throws -> [Variable]
}

extension GraphNode {
    /// `layer(x)` for a custom layer whose output shape (per sample) the caller found.
    public func applying(custom layer: GraphCustomLayer, outputShape: [Int]) throws -> GraphNode {
        guard outputShape.allSatisfy({ $0 > 0 }) else {
            throw CNNError.shapeMismatch("Layer '\(layer.name)' (\(layer.typeName)) gives output of shape \(formatBatchShape(outputShape)), which has an empty axis.")
        }
        return GraphNode(.custom(layer), inputs: [self], shape: outputShape, layerName: layer.name, batchSize: batchSize)
    }

    public var custom: GraphCustomLayer? { if case .custom(let c) = operation { return c }; return nil }
}

extension Ops {
    /// The same elements in another shape (`keepdims=True` of a reduction).
    public static func reshape(_ a: Variable, to shape: [Int], tape: Tape?) throws -> Variable {
        let y = try a.value.reshaped(shape)
        guard let tape else { return Variable(constant: y) }
        let from = a.shape
        return tape.record(y, inputs: [a]) { dy, _ in [try dy.reshaped(from)] }
    }
}
