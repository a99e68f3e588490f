import CNN
import Script

/// A symbolic tensor of Keras's functional API (`KerasTensor`): what `keras.Input(...)` and a
/// layer called on one return. It remembers which layer object made it, so that a model made
/// from it can list its layers (`model.layers`, `get_layer`).
final class KerasSymbolicTensor: HostObject {
    let node: GraphNode
    /// The lesson's layer object that made the node (an Input, a layer, a merge layer).
    let producer: HostObject
    let parents: [KerasSymbolicTensor]
    let name: String

    /// `name`: a named `keras.Input`'s tensor takes its name, as in Keras 3; others count up.
    init(node: GraphNode, producer: HostObject, parents: [KerasSymbolicTensor], context: BindingContext, name: String? = nil) {
        self.node = node; self.producer = producer; self.parents = parents
        self.name = name ?? context.scope.uniqueName("keras_tensor")
    }

    var typeName: String { "KerasTensor" }
    func repr() -> String {
        "<KerasTensor shape=\(shapeText([node.batchSize] + node.shape.map { $0 })), dtype=float32, sparse=False, name=\(name)>"
    }
    func getAttribute(_ attribute: String) throws -> Value? {
        switch attribute {
        case "shape": return .tuple([node.batchSize.map { .int($0) } ?? .none] + node.shape.map { .int($0) })
        case "dtype": return .str("float32")
        case "name": return .str(name)
        default: return nil
        }
    }
}

/// `layers.Concatenate()`, `layers.Add()`, … and the functions `layers.concatenate([a, b])`.
final class KerasMergeLayerObject: HostObject {
    let kind: GraphNode.Merge
    let name: String
    private(set) var outputShape: [Int]?
    unowned let context: BindingContext

    init(_ kind: GraphNode.Merge, name: String?, context: BindingContext) {
        self.kind = kind; self.context = context
        self.name = name ?? context.scope.uniqueName(kind.rawValue.lowercased())
    }

    var typeName: String { kind.rawValue }
    func repr() -> String { "<\(kind.rawValue) name=\(name), built=\(outputShape == nil ? "False" : "True")>" }
    func getAttribute(_ attribute: String) throws -> Value? {
        switch attribute {
        case "name": return .str(name)
        case "trainable": return .bool(true)
        case "count_params": return .function(BuiltinFunction("count_params", isMethod: true) { _ in .int(0) })
        case "get_weights": return .function(BuiltinFunction("get_weights", isMethod: true) { _ in .list([]) })
        default: return nil
        }
    }

    func call(positional: [Value], keywords: [(String, Value)]) throws -> Value {
        let bound = try Arguments(functionName: kind.rawValue, positional: positional, keywords: keywords).bind(["inputs"], required: 1)
        guard let items = bound["inputs"]?.sequenceElements, items.count >= 1 else {
            throw ScriptError.valueError("A merge layer should be called on a list of inputs. Received: inputs=\(bound["inputs"]?.repr ?? "None") (not a list of tensors)")
        }
        let parents = try items.map { try KerasFunctional.symbolic($0, kind.rawValue) }
        let node = try KerasCall.run { try GraphNode.merge(kind, parents.map(\.node), name: name, scope: context.scope) }
        outputShape = node.shape
        return .object(KerasSymbolicTensor(node: node, producer: self, parents: parents, context: context))
    }

    static func classes(path: String, context: BindingContext) -> [String: Value] {
        var members: [String: Value] = [:]
        unowned let context = context
        for kind in [GraphNode.Merge.add, .subtract, .multiply, .concatenate] {
            let parameters = kind == .concatenate ? ["axis", "name"] : ["name"]
            func make(_ bound: BoundArguments) throws -> KerasMergeLayerObject {
                if kind == .concatenate, bound.has("axis") {
                    let axis = try bound.int("axis")
                    guard axis == -1 else { throw ScriptError.notSupported("Concatenate(axis=\(axis)) is not supported in lessons; the last axis (axis=-1) is") }
                }
                return KerasMergeLayerObject(kind, name: bound.has("name") ? try bound.string("name") : nil, context: context)
            }
            members[kind.rawValue] = KerasClass.value(kind.rawValue, path: path) { args in
                .object(try make(try args.bind(parameters, required: 0)))
            }
            // `layers.concatenate([a, b], axis=-1)`: make the layer and call it at once.
            members[kind.rawValue.lowercased()] = .function(BuiltinFunction(kind.rawValue.lowercased()) { args in
                let bound = try args.bind(["inputs"] + parameters, required: 1)
                return try make(bound).call(positional: [bound["inputs"] ?? .none], keywords: [])
            })
        }
        return members
    }
}

enum KerasFunctional {
    static func symbolic(_ value: Value, _ caller: String) throws -> KerasSymbolicTensor {
        guard case .object(let o) = value else {
            throw ScriptError.notSupported("\(caller): calling a layer on \(value.typeName) values is not supported in lessons; call it on keras.Input(...) or on what a layer returned (Keras's functional API)")
        }
        if let t = o as? KerasSymbolicTensor { return t }
        if let layer = o as? KerasLayerObject, layer.spec.kind == .input, let t = layer.symbolicInput { return t }
        throw ScriptError.notSupported("\(caller): calling a layer on \(o.typeName) values is not supported in lessons; call it on keras.Input(...) or on what a layer returned (Keras's functional API)")
    }

    /// `Dense(64)(x)`: builds the layer on the symbolic tensor's shape (weights from a seed of
    /// the run), and returns the symbolic output.
    static func call(_ layer: KerasLayerObject, positional: [Value], keywords: [(String, Value)]) throws -> Value {
        let bound = try Arguments(functionName: layer.spec.kind.rawValue, positional: positional, keywords: keywords).bind(["inputs", "training", "mask"], required: 1)
        // On an array or eager tensor the layer runs at once (KerasSubclassing.swift).
        if !KerasFunctionalModelObject.isTensor(bound["inputs"] ?? .none) { return try layer.eagerCall(bound) }
        let input = try symbolic(bound["inputs"] ?? .none, layer.spec.kind.rawValue)
        if !layer.layer.isBuilt, layer.spec.kind == .conv2D || layer.spec.kind == .dense || layer.spec.kind == .conv2DTranspose {
            try KerasMemory.chargeWeights(layer.spec, input: input.node.shape, run: layer.context.run)
        }
        var rng = SeededRNG(seed: layer.context.nextModelSeed())
        let node = try KerasCall.run { try input.node.applying(layer.layer, rng: &rng) }
        layer.context.performed(.build)
        let output = KerasSymbolicTensor(node: node, producer: layer, parents: [input], context: layer.context)
        layer.recordFirstCall(input: input, output: output)
        return .object(output)
    }

    /// `keras.Input(shape=, batch_size=, name=, dtype=)`: a layer object (so `Sequential` still
    /// takes it) whose symbolic tensor the functional API reads.
    static func input(_ layer: KerasLayerObject) throws -> KerasSymbolicTensor {
        let node = try KerasCall.run {
            try GraphNode.input(shape: layer.spec.inputShape ?? [], batchSize: layer.spec.batchSize, name: layer.layer.name, scope: layer.context.scope)
        }
        return KerasSymbolicTensor(node: node, producer: layer, parents: [], context: layer.context, name: layer.spec.name)
    }
}

extension KerasFunctional {
    /// `batch_size=` (a positive int or None) and `dtype=` (float32 is what the engine holds).
    static func parseInputExtras(_ bound: BoundArguments, into spec: inout LayerSpec) throws {
        if bound.has("batch_size"), let value = bound["batch_size"], !value.isNone {
            let size = try bound.int("batch_size")
            guard size > 0 else { throw ScriptError.valueError("Input: batch_size must be a positive integer, received batch_size=\(size)") }
            spec.batchSize = size
        }
        if bound.has("dtype"), let value = bound["dtype"], !value.isNone {
            let dtype = try bound.string("dtype")
            guard dtype == "float32" else { throw ScriptError.notSupported("keras.Input(dtype='\(dtype)') is not supported in lessons; the engine computes in float32") }
        }
    }
}
