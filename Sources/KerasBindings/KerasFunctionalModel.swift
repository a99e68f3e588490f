import CNN
import Foundation
import NumPy
import Script

/// `keras.Model(inputs, outputs, name=)`: a functional model made of the lesson's symbolic
/// tensors, on CNN's `GraphModel` (the autodiff engine). Layers, summary, compile (losses,
/// metrics and `loss_weights` per output), fit, evaluate, predict, weights.
final class KerasFunctionalModelObject: HostObject {
    let graph: GraphModel
    /// The lesson's layer objects in Keras's order (`model.layers`).
    let layerObjects: [HostObject]
    let inputTensors: [KerasSymbolicTensor], outputTensors: [KerasSymbolicTensor]
    let multipleOutputs: Bool
    /// The keys of `inputs={...}` / `outputs={...}` given as dicts, in the lesson's order; the
    /// graph holds them in Keras's flattened order (sorted keys).
    let inputKeys: [String]?, outputKeys: [String]?
    unowned let context: BindingContext
    /// Made by `keras.Sequential([...])` (KerasSequentialOfModels.swift): its summary lists no InputLayer.
    var isSequential = false

    init(_ args: Arguments, context: BindingContext) throws {
        self.context = context
        let bound = try args.bind(["inputs", "outputs", "name", "trainable"], required: 2)
        let (ins, _, inKeys) = try Self.tensors(bound, "inputs"), (outs, listed, outKeys) = try Self.tensors(bound, "outputs")
        inputTensors = ins; outputTensors = outs; multipleOutputs = listed
        inputKeys = inKeys; outputKeys = outKeys
        let name = bound.has("name") ? try bound.string("name") : nil
        graph = try KerasCall.run {
            try GraphModel(inputs: ins.map(\.node), outputs: outs.map(\.node), name: name, seed: context.nextModelSeed(), scope: context.scope)
        }
        if let outKeys { graph.outputNames = outKeys.sorted() }
        // Which lesson object made each node, found by walking back from the outputs.
        var producers: [ObjectIdentifier: HostObject] = [:], stack = outs + ins
        while let t = stack.popLast() {
            guard producers[ObjectIdentifier(t.node)] == nil else { continue }
            producers[ObjectIdentifier(t.node)] = t.producer
            stack += t.parents
        }
        layerObjects = graph.summaryOrder().ops.compactMap { group in group.first.flatMap { producers[ObjectIdentifier($0)] } }
        graph.extraLosses = { [weak self] tape in try self?.penalties(tape: tape) ?? [] }
        for l in layerObjects.compactMap({ $0 as? KerasLayerObject }) where l.activityRegularizer != nil {
            graph.activityPenalties[ObjectIdentifier(l.layer)] = { [weak l] y, tape in try l?.activityPenalty(y, tape: tape) ?? Variable(constant: Tensor(shape: [], repeating: 0)) }
        }
        context.performed(.build)
    }

    /// `inputs=` or `outputs=`: one tensor, a list, or a dict by name (flattened in sorted key
    /// order, as Keras's tree does); whether it was a list or dict, and the dict's keys.
    static func tensors(_ bound: BoundArguments, _ name: String) throws -> ([KerasSymbolicTensor], Bool, [String]?) {
        let value = bound[name] ?? .none
        if Self.isTensor(value) { return ([try KerasFunctional.symbolic(value, "Model")], false, nil) }
        if case .dict(let d) = value {
            var entries: [(String, KerasSymbolicTensor)] = []
            for (k, v) in zip(d.keys, d.values) {
                guard case .str(let key) = k else { throw ScriptError.typeError("keras.Model: the keys of `\(name)` must be strings, received \(k.repr)") }
                entries.append((key, try KerasFunctional.symbolic(v, "Model")))
            }
            guard !entries.isEmpty else { throw ScriptError.valueError("keras.Model: `\(name)` must not be empty") }
            return (entries.sorted { $0.0 < $1.0 }.map(\.1), true, entries.map(\.0))
        }
        guard let items = value.sequenceElements, !items.isEmpty else {
            throw ScriptError.valueError("keras.Model: `\(name)` must be a KerasTensor or a list of them, received \(value.repr)")
        }
        return (try items.map { try KerasFunctional.symbolic($0, "Model") }, true, nil)
    }

    static func isTensor(_ v: Value) -> Bool {
        if case .object(let o) = v { return o is KerasSymbolicTensor || (o as? KerasLayerObject)?.symbolicInput != nil }
        return false
    }

    var typeName: String { "Functional" }
    func repr() -> String { "<Functional name=\(graph.name), built=True>" }

    var kerasLayers: [KerasLayerObject] { layerObjects.compactMap { $0 as? KerasLayerObject } }

    /// Keras's `trainable` flags, read when training starts and for the summary.
    func syncFrozen() {
        graph.frozen = Set(kerasLayers.filter { !$0.trainable && $0.spec.kind != .input }.map { ObjectIdentifier($0.layer) })
        for case let nested as KerasFunctionalModelObject in layerObjects { nested.syncFrozen() }
    }

    func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "name": return .str(graph.name)
        case "trainable": return .bool(true)
        case "layers": return .list(layerObjects.map { .object($0) })
        case "trainable_variables", "trainable_weights":
            return .list(ListStorage(weightValues(trainableOnly: true)))
        case "weights", "variables": return .list(ListStorage(weightValues(trainableOnly: false)))
        case "losses": return .list(ListStorage(try lossValues()))
        case "non_trainable_weights", "non_trainable_variables":
            let trainable = Set(weightValues(trainableOnly: true).compactMap { $0.object(as: TFVariableObject.self).map { ObjectIdentifier($0.parameter) } })
            return .list(ListStorage(weightValues(trainableOnly: false).filter { v in
                v.object(as: TFVariableObject.self).map { !trainable.contains(ObjectIdentifier($0.parameter)) } ?? false
            }))
        case "inputs": return .list(inputTensors.map { .object($0) })
        case "outputs": return .list(outputTensors.map { .object($0) })
        case "built": return .bool(true)
        default: break
        }
        // Bound methods hold their model, as Python's do: `keras.Model(x, y).summary()` works.
        let method: ((Arguments) throws -> Value)?
        switch name {
        case "summary":
            method = { [self] args in
                _ = try args.bind(["line_length", "positions", "print_fn", "expand_nested", "show_trainable"], required: 0)
                syncFrozen()
                context.performed(.show)
                context.output?.write(graph.summary(hidingInputs: isSequential) + "\n", to: .stdout)
                return .none
            }
        case "get_layer":
            method = { [self] args in
                let bound = try args.bind(["name", "index"], required: 0)
                if bound.has("index"), let i = bound["index"]?.intValue {
                    guard layerObjects.indices.contains(i) else { throw ScriptError.valueError("Was asked to retrieve layer at index \(i) but model only has \(layerObjects.count) layers.") }
                    return .object(layerObjects[i])
                }
                let wanted = try bound.string("name")
                for o in layerObjects {
                    if case .str(let n)? = try o.getAttribute("name"), n == wanted { return .object(o) }
                }
                throw ScriptError.valueError("No such layer: \(wanted). Existing layers are: \(try layerObjects.map { try $0.getAttribute("name")?.repr ?? "?" }).")
            }
        case "count_params":
            method = { [self] args in _ = try args.bind([]); return .int(graph.parameters.reduce(0) { $0 + $1.value.count }) }
        case "get_weights":
            method = { [self] args in
                _ = try args.bind([])
                return .list(graph.parameters.map { NDArrayObject.value(in: context, .float32($0.value)) })
            }
        case "set_weights":
            method = { [self] args in
                let items = try args.bind(["weights"])["weights"]?.sequenceElements ?? []
                let params = graph.parameters
                guard items.count == params.count else {
                    throw ScriptError.valueError("You called `set_weights(weights)` on model '\(graph.name)' with a weight list of length \(items.count), but the model was expecting \(params.count) weights.")
                }
                for (p, v) in zip(params, items) {
                    let t = try KerasModelObject.array(v, "weights").tensor(charging: context.run)
                    try KerasCall.run { try p.assign(t) }
                }
                return .none
            }
        case "save_weights": method = { [self] args in try KerasWeightsFiles.save(args, weightsModel, context: context) }
        case "load_weights": method = { [self] args in try KerasWeightsFiles.load(args, weightsModel, context: context) }
        case "compile": method = { [self] args in try compile(args); return .none }
        case "fit": method = { [self] args in try fit(args) }
        case "evaluate": method = { [self] args in try evaluate(args) }
        case "predict": method = { [self] args in try predict(args) }
        default: method = nil
        }
        return method.map { .function(BuiltinFunction(name, isMethod: true, $0)) }
    }

    /// What `save_weights` / `load_weights` see of the model.
    var weightsModel: KerasWeightsFiles.Model {
        syncFrozen()
        return KerasWeightsFiles.Model(name: graph.name, built: true, saveables: { [graph] in
            var visited = Set<ObjectIdentifier>()
            return KerasWeightsLayout.saveables(of: graph, visited: &visited)
        }, optimizer: graph.optimizer, trainable: graph.trainableParameters)
    }

    /// `model(x)`: the outputs as arrays, without a progress bar.
    func call(positional: [Value], keywords: [(String, Value)]) throws -> Value {
        let bound = try Arguments(functionName: "__call__", positional: positional, keywords: keywords).bind(["inputs", "training"], required: 1)
        // On a symbolic tensor the model is a layer of a bigger model (Keras's nested models).
        if let value = bound["inputs"], let inputs = try symbolicInputs(value) {
            let node = try KerasCall.run { try GraphNode.applying(graph, to: inputs.map(\.node)) }
            context.performed(.build)
            return .object(KerasSymbolicTensor(node: node, producer: self, parents: inputs, context: context))
        }
        if let eager = try KerasEager.call(self, bound) { return eager }
        let x = try arrays(bound["inputs"], "inputs")
        try reservePass("__call__", samples: x.first?.shape.first ?? 0, batch: 32, training: false)
        return try outputs(try KerasCall.run { try graph.predict(x: x, batchSize: 32) })
    }

    /// The symbolic tensors of a nested call: one, a list (in the model's input order), or a
    /// dict by the model's input keys (else its input names); nil when they are data.
    func symbolicInputs(_ value: Value) throws -> [KerasSymbolicTensor]? {
        if Self.isTensor(value) { return [try KerasFunctional.symbolic(value, graph.name)] }
        if case .dict(let d) = value, let first = d.values.first, Self.isTensor(first) {
            return try (inputKeys?.sorted() ?? graph.inputs.map(\.layerName)).map { key in
                guard let v = try d.get(.str(key)) else { throw ScriptError.keyError("'\(key)'") }
                return try KerasFunctional.symbolic(v, graph.name)
            }
        }
        switch value {
        case .list, .tuple:
            guard let items = value.sequenceElements, let first = items.first, Self.isTensor(first) else { return nil }
            return try items.map { try KerasFunctional.symbolic($0, graph.name) }
        default: return nil
        }
    }

    func outputs(_ ts: [Tensor]) throws -> Value {
        structured(ts.map { NDArrayObject.value(in: context, .float32($0)) })
    }

    /// Output values (in graph order) as the lesson gave the outputs: one, a list, or a dict.
    func structured(_ values: [Value]) -> Value {
        if let outputKeys {
            let byName = Dictionary(zip(graph.outputNames, values), uniquingKeysWith: { a, _ in a })
            return .dict(DictStorage(outputKeys.map { ($0, byName[$0] ?? .none) }))
        }
        return multipleOutputs ? .list(values) : (values.first ?? .none)
    }

    /// One array, a list of them, or a dict by input (output) name.
    func arrays(_ value: Value?, _ name: String, nodes: [GraphNode]? = nil) throws -> [Tensor] {
        guard let value, !value.isNone else { throw ScriptError.valueError("\(name) is required") }
        // A dict is read by the model's dict keys, else by the input (output) layers' names.
        let keys = nodes == nil ? (inputKeys?.sorted() ?? graph.inputs.map(\.layerName)) : graph.outputNames
        if case .dict(let d) = value {
            return try keys.map { key in
                guard let v = try d.get(.str(key)) else { throw ScriptError.keyError("'\(key)'") }
                return try KerasModelObject.array(v, name).tensor(charging: context.run)
            }
        }
        if case .object = value { return [try KerasModelObject.array(value, name).tensor(charging: context.run)] }
        guard let items = value.sequenceElements else { throw ScriptError.typeError("\(name) must be an array, a list of arrays or a dict") }
        return try items.map { try KerasModelObject.array($0, name).tensor(charging: context.run) }
    }
}
