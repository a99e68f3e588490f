import Foundation

/// A symbolic tensor of a functional model (Keras's KerasTensor): where it comes from (an
/// input, a layer applied to one tensor, a merge of several) and its per-sample shape.
public final class GraphNode {
    public enum Merge: String, Sendable { case add = "Add", subtract = "Subtract", multiply = "Multiply", concatenate = "Concatenate" }
    public enum Operation {
        case input
        case layer(Layer)
        case merge(Merge)
        /// A functional model used as a layer (its inputs, one output).
        case model(GraphModel)
        /// A layer whose forward is code outside the engine (CustomGraphLayer.swift).
        case custom(GraphCustomLayer)
    }
    public let operation: Operation
    public let inputs: [GraphNode]
    /// Shape without the batch axis.
    public let shape: [Int]
    /// The name of the layer that made it (`input_layer`, `dense_1`, `concatenate`).
    public let layerName: String
    /// The declared batch size of an input (`keras.Input(batch_size=)`), else nil (None).
    public let batchSize: Int?

    init(_ operation: Operation, inputs: [GraphNode], shape: [Int], layerName: String, batchSize: Int? = nil) {
        self.operation = operation; self.inputs = inputs; self.shape = shape; self.layerName = layerName; self.batchSize = batchSize
    }

    /// `keras.Input(shape=(784,), name=...)`: named `input_layer`, `input_layer_1`, … by default.
    public static func input(shape: [Int], batchSize: Int? = nil, name: String? = nil, scope: NameScope) throws -> GraphNode {
        guard shape.allSatisfy({ $0 > 0 }) else { throw CNNError.invalidArgument("Input shape must be positive, got \(formatShape(shape))") }
        return GraphNode(.input, inputs: [], shape: shape, layerName: name ?? scope.uniqueName("input_layer"), batchSize: batchSize)
    }

    /// `layer(x)`: builds the layer on first use (weights from `rng`); a built layer must see
    /// the shape it was built for (that is how a shared layer is reused).
    public func applying(_ layer: Layer, rng: inout SeededRNG) throws -> GraphNode {
        if layer.isBuilt {
            guard layer.inputShape == shape else {
                throw CNNError.shapeMismatch("Layer '\(layer.name)' (\(layer.typeName)) was built for input \(formatBatchShape(layer.inputShape)) but receives \(formatBatchShape(shape)).")
            }
        } else {
            try layer.build(inputShape: shape, rng: &rng)
            layer.needsInputGradient = true
        }
        return GraphNode(.layer(layer), inputs: [self], shape: layer.outputShape, layerName: layer.name, batchSize: batchSize)
    }

    /// `layers.add([a, b])`, `layers.concatenate([a, b])`, …: shapes checked as Keras does.
    public static func merge(_ kind: Merge, _ inputs: [GraphNode], name: String? = nil, scope: NameScope) throws -> GraphNode {
        guard let first = inputs.first else { throw CNNError.invalidArgument("A merge layer should be called on a list of inputs.") }
        let shape: [Int]
        switch kind {
        case .concatenate:
            let lead = Array(first.shape.dropLast())
            guard !first.shape.isEmpty, inputs.allSatisfy({ Array($0.shape.dropLast()) == lead && !$0.shape.isEmpty }) else {
                throw CNNError.shapeMismatch("A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape=[\(inputs.map { formatBatchShape($0.shape) }.joined(separator: ", "))]")
            }
            shape = lead + [inputs.reduce(0) { $0 + ($1.shape.last ?? 0) }]
        case .subtract:
            guard inputs.count == 2 else { throw CNNError.invalidArgument("A `Subtract` layer should be called on exactly 2 inputs. Received: input=\(inputs.count) inputs") }
            fallthrough
        case .add, .multiply:
            guard inputs.allSatisfy({ $0.shape == first.shape }) else {
                throw CNNError.shapeMismatch("Inputs have incompatible shapes. Received shapes \(inputs.map { formatShape($0.shape) }.joined(separator: " and "))")
            }
            shape = first.shape
        }
        let prefix = kind.rawValue.lowercased()
        return GraphNode(.merge(kind), inputs: inputs, shape: shape, layerName: name ?? scope.uniqueName(prefix), batchSize: inputs.lazy.compactMap(\.batchSize).first)
    }

    public var typeName: String {
        switch operation {
        case .input: return "InputLayer"
        case .layer(let l): return l.typeName
        case .merge(let m): return m.rawValue
        case .model: return "Functional"
        case .custom(let c): return c.typeName
        }
    }
    public var layer: Layer? { if case .layer(let l) = operation { return l }; return nil }
    public var model: GraphModel? { if case .model(let m) = operation { return m }; return nil }

    /// `model(x)` on a symbolic tensor: the whole model becomes one node (Keras's nested model).
    public func applying(_ model: GraphModel) throws -> GraphNode { try GraphNode.applying(model, to: [self]) }

    /// `model([a, b])`: a model of several inputs called on as many tensors, one node reading them all.
    public static func applying(_ model: GraphModel, to inputs: [GraphNode]) throws -> GraphNode {
        guard model.outputs.count == 1, let output = model.outputs.first else {
            throw CNNError.invalidArgument("Model '\(model.name)' can be called as a layer only with one output in lessons.")
        }
        guard inputs.count == model.inputs.count else {
            throw CNNError.invalidArgument("Model '\(model.name)' expects \(model.inputs.count) input(s), but it received \(inputs.count) input tensors.")
        }
        for (expected, given) in zip(model.inputs, inputs) where expected.shape != given.shape {
            throw CNNError.shapeMismatch("Model '\(model.name)' expects input of shape \(formatBatchShape(expected.shape)) but receives \(formatBatchShape(given.shape)).")
        }
        return GraphNode(.model(model), inputs: inputs, shape: output.shape, layerName: model.name, batchSize: inputs.lazy.compactMap(\.batchSize).first)
    }
}
