import CNN
import Script

/// `keras.Sequential([model, layers.Softmax()])`: a Sequential whose items include a model
/// or a lesson's own layer.
/// CNN's Sequential stacks layers only, so this one is made as the functional model Keras
/// would build from it (an input of the first item's shape, each item called on the last
/// output), under the Sequential's name; its type shows as `Functional`.
enum KerasSequentialOfModels {
    static func isModel(_ value: Value) -> Bool {
        if case .object(let o) = value {
            return o is KerasModelObject || o is KerasFunctionalModelObject || KerasTrackingPart.part(of: value) != nil || (o as? KerasLayerObject)?.isRegularized == true
        }
        return false
    }

    /// Nil when no item is a model (the usual Sequential is made instead).
    static func make(_ items: [Value], name: String?, context: BindingContext) throws -> Value? {
        guard items.contains(where: isModel), let first = items.first else { return nil }
        var spec = LayerSpec(kind: .input)
        spec.inputShape = try inputShape(of: first)
        let input = try KerasLayerObject(spec: spec, context: context)
        var current: Value = .object(input)
        for item in items {
            switch item {
            case .object(let sequential as KerasModelObject):
                let graph = try KerasCall.run { try GraphModel(sequential.model, scope: context.scope) }
                let parent = try KerasFunctional.symbolic(current, sequential.model.name)
                let node = try KerasCall.run { try parent.node.applying(graph) }
                current = .object(KerasSymbolicTensor(node: node, producer: sequential, parents: [parent], context: context))
            case .object(let o as KerasFunctionalModelObject):
                current = try o.call(positional: [current], keywords: [])
            case .object(let layer as KerasLayerObject) where layer.spec.kind == .input:
                continue
            case .object(let o as KerasLayerObject):
                current = try o.call(positional: [current], keywords: [])
            case .object(let o as KerasMergeLayerObject):
                current = try o.call(positional: [current], keywords: [])
            case _ where KerasTrackingPart.part(of: item) != nil:
                // A lesson layer (or model) becomes a graph node (KerasLessonLayerNode.swift).
                current = try KerasTrackingPart.part(of: item)?.call(positional: [current], keywords: []) ?? current
            default:
                throw ScriptError.typeError("Only instances of `keras.Layer` can be added to a Sequential model. Received: \(item.repr) (of type \(item.typeName))")
            }
        }
        let modelName = name ?? context.scope.uniqueName("sequential")
        let args = Arguments(functionName: "Sequential", positional: [.object(input), current], keywords: [("name", .str(modelName))])
        let model = try KerasFunctionalModelObject(args, context: context)
        model.isSequential = true
        return .object(model)
    }

    /// The per-sample input of the first item: a built model's, or a layer's `input_shape=`.
    static func inputShape(of value: Value) throws -> [Int] {
        switch value {
        case .object(let s as KerasModelObject):
            if let shape = s.model.inputShape { return shape }
        case .object(let f as KerasFunctionalModelObject):
            if f.graph.inputs.count == 1, let shape = f.graph.inputs.first?.shape { return shape }
        case .object(let l as KerasLayerObject):
            if let shape = l.spec.inputShape { return shape }
        default:
            break
        }
        throw ScriptError.notSupported("Sequential: a model inside a Sequential needs a known input shape in lessons (build the first model, or start with keras.Input(shape=...))")
    }
}
