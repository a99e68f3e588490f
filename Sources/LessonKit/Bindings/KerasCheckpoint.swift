import CNN
import Foundation
import KerasBindings
import Script

/// Keras objects in checkpoints: a model is its layers' arguments and names, its weights,
/// its compile settings and its optimizer's state, so a restored model trains on exactly as
/// the original would have.
extension KerasModelObject: CheckpointableObject {
    static var checkpointKind: String { "keras.Sequential" }

    func checkpointState(_ writer: CheckpointWriter) throws -> JSONValue {
        var state: [String: JSONValue] = [
            "name": .string(model.name),
            "seed": .string(String(model.seed)),
            "layers": .array(layers.map { $0.spec.json(name: $0.layer.name) }),
        ]
        if let input = model.inputShape, layers.first?.spec.inputShape != input { state["input"] = .array(input.map { .number(Double($0)) }) }
        if model.isBuilt { state["weights"] = try writer.tensors(model.weightTensors()) }
        if let loss = model.loss, let optimizer = model.optimizer {
            state["loss"] = .object(["kind": .string(loss.kind.rawValue), "from_logits": .bool(loss.fromLogits)])
            state["metrics"] = .array(model.metrics.map { .string($0) })
            state["optimizer"] = try KerasOptimizerObject.describe(optimizer)
            if let optimizerState = model.optimizerState() {
                state["iterations"] = .number(Double(optimizerState.iterations))
                state["slots"] = try writer.tensors(optimizerState.slots.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
            }
        }
        return .object(state)
    }

    static func restore(_ state: JSONValue, _ reader: CheckpointReader, _ context: BindingContext) throws -> Value {
        guard let name = state["name"]?.string, let layerStates = state["layers"]?.array,
              let seedText = state["seed"]?.string, let seed = UInt64(seedText) else {
            throw CheckpointError.damaged("a model's description is incomplete")
        }
        let layers = try layerStates.map { json -> Value in
            .object(try KerasLayerObject(spec: LayerSpec(json: json), context: context))
        }
        let object = try KerasModelObject(layers: [], name: name, seed: seed, context: context)
        if let input = CheckpointReader.shape(state["input"]) { try KerasCall.run { try object.model.add(Input(shape: input, scope: NameScope())) } }
        for layer in layers { try object.add(layer) }
        if state["weights"] != nil {
            if !object.model.isBuilt { throw CheckpointError.damaged("model '\(name)' has weights but no input shape") }
            try KerasCall.run { try object.model.setWeights(try reader.tensors(state["weights"])) }
        }
        if let loss = state["loss"], let kind = loss["kind"]?.string, let optimizer = state["optimizer"] {
            let metrics = state["metrics"]?.array?.compactMap(\.string) ?? []
            try KerasCall.run {
                try object.model.compile(optimizer: try KerasOptimizerObject.make(optimizer), loss: try Loss(name: kind, fromLogits: loss["from_logits"]?.boolean ?? false), metrics: metrics)
            }
            if let iterations = state["iterations"]?.number, iterations >= 0, iterations < 1e15 {
                let slots = state["slots"] == nil ? [:] : try reader.tensors(state["slots"])
                try KerasCall.run { try object.model.restoreOptimizerState(OptimizerState(iterations: Int(iterations), slots: slots)) }
            }
        }
        return .object(object)
    }
}

extension KerasHistoryObject: CheckpointableObject {
    static var checkpointKind: String { "keras.History" }

    func checkpointState(_ writer: CheckpointWriter) throws -> JSONValue {
        .object([
            "address": .string(address),
            "keys": .array(history.keys.map { .string($0) }),
            "values": .array(history.keys.map { key in .array((history.history[key] ?? []).map { .number($0) }) }),
            "epochs": .array(history.epochs.map { .number(Double($0)) }),
        ])
    }

    static func restore(_ state: JSONValue, _ reader: CheckpointReader, _ context: BindingContext) throws -> Value {
        guard let address = state["address"]?.string, let keys = state["keys"]?.array?.compactMap(\.string),
              let values = state["values"]?.array, values.count == keys.count,
              let epochs = state["epochs"]?.array?.compactMap(\.number) else {
            throw CheckpointError.damaged("a History's description is incomplete")
        }
        var columns: [String: [Double]] = [:]
        for (k, key) in keys.enumerated() {
            guard let column = values[k].array?.compactMap(\.number), column.count == epochs.count else {
                throw CheckpointError.damaged("a History's values are incomplete")
            }
            columns[key] = column
        }
        let history = History(keys: keys, history: columns, epochs: epochs.map { Int($0) })
        return .object(KerasHistoryObject(history, address: address))
    }
}

extension KerasOptimizerObject: CheckpointableObject {
    static var checkpointKind: String { "keras.Optimizer" }

    /// An optimizer object a lesson holds is kept as its settings: the state it learns
    /// lives with the model it was compiled into.
    func checkpointState(_ writer: CheckpointWriter) throws -> JSONValue { try Self.describe(optimizer) }

    static func restore(_ state: JSONValue, _ reader: CheckpointReader, _ context: BindingContext) throws -> Value {
        let optimizer = try make(state)
        return .object(KerasOptimizerObject(optimizer, name: state["class"]?.string ?? "Adam"))
    }

    static func describe(_ optimizer: Optimizer) throws -> JSONValue {
        switch optimizer {
        case let adam as Adam:
            return .object(["class": .string("Adam"), "learning_rate": .number(Double(adam.learningRate)), "beta_1": .number(Double(adam.beta1)),
                            "beta_2": .number(Double(adam.beta2)), "epsilon": .number(Double(adam.epsilon))])
        case let sgd as SGD:
            return .object(["class": .string("SGD"), "learning_rate": .number(Double(sgd.learningRate)), "momentum": .number(Double(sgd.momentum))])
        case let rms as RMSprop:
            return .object(["class": .string("RMSprop"), "learning_rate": .number(Double(rms.learningRate)), "rho": .number(Double(rms.rho)),
                            "epsilon": .number(Double(rms.epsilon))])
        default:
            throw CheckpointError.unsupported("an optimizer of type \(type(of: optimizer)) cannot be kept")
        }
    }

    static func make(_ state: JSONValue) throws -> Optimizer {
        func number(_ key: String) throws -> Float {
            guard let x = state[key]?.number, x.isFinite else { throw CheckpointError.damaged("an optimizer's \(key) is missing") }
            return Float(x)
        }
        switch state["class"]?.string {
        case "Adam": return Adam(learningRate: try number("learning_rate"), beta1: try number("beta_1"), beta2: try number("beta_2"), epsilon: try number("epsilon"))
        case "SGD": return SGD(learningRate: try number("learning_rate"), momentum: try number("momentum"))
        case "RMSprop": return RMSprop(learningRate: try number("learning_rate"), rho: try number("rho"), epsilon: try number("epsilon"))
        default: throw CheckpointError.damaged("an optimizer of an unknown class")
        }
    }
}

extension KerasLossObject: CheckpointableObject {
    static var checkpointKind: String { "keras.Loss" }
    func checkpointState(_ writer: CheckpointWriter) throws -> JSONValue {
        .object(["kind": .string(loss.kind.rawValue), "from_logits": .bool(loss.fromLogits)])
    }
    static func restore(_ state: JSONValue, _ reader: CheckpointReader, _ context: BindingContext) throws -> Value {
        guard let kind = state["kind"]?.string else { throw CheckpointError.damaged("a loss has no kind") }
        return .object(KerasLossObject(try KerasCall.run { try Loss(name: kind, fromLogits: state["from_logits"]?.boolean ?? false) }))
    }
}

extension KerasMetricObject: CheckpointableObject {
    static var checkpointKind: String { "keras.Metric" }
    func checkpointState(_ writer: CheckpointWriter) throws -> JSONValue { .object(["name": .string(name)]) }
    static func restore(_ state: JSONValue, _ reader: CheckpointReader, _ context: BindingContext) throws -> Value {
        guard let name = state["name"]?.string else { throw CheckpointError.damaged("a metric has no name") }
        return .object(KerasMetricObject(name))
    }
}

extension LayerSpec {
    /// The arguments, with the name the layer was given (so a restored model prints the same summary).
    func json(name: String) -> JSONValue {
        var object: [String: JSONValue] = [
            "kind": .string(kind.rawValue), "name": .string(name), "filters": .number(Double(filters)),
            "kernel_size": .array(kernelSize.map { .number(Double($0)) }), "strides": .array(strides.map { .number(Double($0)) }),
            "padding": .string(padding), "units": .number(Double(units)), "pool_size": .array(poolSize.map { .number(Double($0)) }),
            "rate": .number(rate), "input_dim": .number(Double(inputDim)), "output_dim": .number(Double(outputDim)),
        ]
        if let inputShape { object["input_shape"] = .array(inputShape.map { .number(Double($0)) }) }
        if let activation { object["activation"] = .string(activation) }
        if returnSequences { object["return_sequences"] = .bool(true) }
        return .object(object)
    }

    init(json: JSONValue) throws {
        guard let kindName = json["kind"]?.string, let kind = Kind(rawValue: kindName), let name = json["name"]?.string else {
            throw CheckpointError.damaged("a layer's description is incomplete")
        }
        func ints(_ key: String) throws -> [Int] {
            guard let shape = CheckpointReader.shape(json[key]) else { throw CheckpointError.damaged("a layer's \(key) is not a list of sizes") }
            return shape
        }
        func int(_ key: String) throws -> Int {
            guard let x = json[key]?.number, x >= 0, x < 1e9, x.rounded() == x else { throw CheckpointError.damaged("a layer's \(key) is not a count") }
            return Int(x)
        }
        self.init(kind: kind)
        self.name = name
        if json["input_shape"] != nil { inputShape = try ints("input_shape") }
        filters = try int("filters"); units = try int("units")
        kernelSize = try ints("kernel_size"); strides = try ints("strides"); poolSize = try ints("pool_size")
        padding = json["padding"]?.string ?? "valid"
        activation = json["activation"]?.string
        rate = json["rate"]?.number ?? 0
        if json["input_dim"] != nil { inputDim = try int("input_dim"); outputDim = try int("output_dim") }
        returnSequences = json["return_sequences"]?.boolean ?? false
        guard (kind != .conv2D || kernelSize.count == 2), strides.count == 2, poolSize.count == 2, (0..<1).contains(rate) else {
            throw CheckpointError.damaged("layer '\(name)' has arguments Keras would refuse")
        }
    }
}

enum KerasCheckpoints {
    /// Registers the restorers in the run's set (idempotent).
    static func register(in restorers: CheckpointRestorers) {
        restorers.register(KerasModelObject.checkpointKind, KerasModelObject.restore)
        restorers.register(KerasHistoryObject.checkpointKind, KerasHistoryObject.restore)
        restorers.register(KerasOptimizerObject.checkpointKind, KerasOptimizerObject.restore)
        restorers.register(KerasLossObject.checkpointKind, KerasLossObject.restore)
        restorers.register(KerasMetricObject.checkpointKind, KerasMetricObject.restore)
        restorers.register(KerasMetricTracker.checkpointKind, KerasMetricTracker.restore)
    }
}
