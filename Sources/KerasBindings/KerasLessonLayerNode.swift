import CNN
import NumPy
import Script

/// A lesson's `keras.layers.Layer` (or `keras.Model`) subclass called on a symbolic tensor:
/// a graph node that runs the lesson's `call` eagerly, on the graph's tape, whenever the graph
/// runs (the engine subclassed models use). Its output shape is found as Keras's
/// `compute_output_spec` finds it: `build(input_shape)` with a None batch, then one run of
/// `call` on a small batch of zeros.
final class KerasLessonLayerOp: GraphCustomLayer {
    /// Held strongly: the graph keeps the lesson's object alive.
    let instance: InstanceObject
    unowned let part: KerasTrackingPart
    /// The tape of the latest forward, kept for the `add_loss` values read after it.
    private var lastWrapper: TFGradientTapeObject?

    /// The trial batch's size: two rows, so a `call` that mixes rows still shows a batch axis.
    static let trialBatch = 2

    init(instance: InstanceObject, part: KerasTrackingPart) { self.instance = instance; self.part = part }

    var name: String { part.name }
    var typeName: String { instance.cls.name }
    var parameters: [CNN.Parameter] { Self.parameters(part.variables(trainableOnly: false)) }
    var trainableParameters: [CNN.Parameter] { Self.parameters(part.variables(trainableOnly: true)) }

    static func parameters(_ values: [Value]) -> [CNN.Parameter] {
        var seen = Set<ObjectIdentifier>()
        return values.compactMap { $0.object(as: TFVariableObject.self)?.parameter }.filter { seen.insert(ObjectIdentifier($0)).inserted }
    }

    func forward(_ x: Variable, training: Bool, tape: Tape?) throws -> Variable {
        let context = part.context
        let wrapper = tape.map { TFGradientTapeObject(wrapping: $0, context: context) }
        lastWrapper = wrapper
        let input = TFTensorObject(.float32(copiedTensor(x.value)), context: context)
        if let wrapper { input.variable = x; input.tape = wrapper }
        return try recording(on: wrapper) {
            let out = try part.call(positional: [.object(input)], keywords: [("training", .bool(training))])
            return try variable(out, on: wrapper)
        }
    }

    func addedLosses(tape: Tape?) throws -> [Variable] {
        let wrapper = tape.flatMap { t in lastWrapper?.tape === t ? lastWrapper : nil }
        return try recording(on: wrapper) { try part.losses().map { try variable($0, on: wrapper) } }
    }

    /// `body` with `wrapper` as the innermost open tape, so the lesson's ops record on it.
    private func recording<T>(on wrapper: TFGradientTapeObject?, _ body: () throws -> T) throws -> T {
        guard let wrapper else { return try body() }
        let eager = part.context.eager
        eager.tapes.append(wrapper)
        defer { if let i = eager.tapes.lastIndex(where: { $0 === wrapper }) { eager.tapes.remove(at: i) } }
        return try body()
    }

    /// What the lesson's `call` returned, as the engine's variable (on the tape when it recorded there).
    private func variable(_ value: Value, on wrapper: TFGradientTapeObject?) throws -> Variable {
        if let t = value.object(as: TFTensorObject.self), let wrapper, t.tape === wrapper, let v = t.variable { return v }
        guard value.object(as: TFTensorObject.self) != nil || value.object(as: TFVariableObject.self) != nil || value.object(as: NDArrayObject.self) != nil else {
            throw ScriptError.notSupported("\(typeName).call returned \(value.typeName); in a functional model a lesson layer must return one tensor")
        }
        return try TFEager.variable(value, tape: wrapper)
    }
}

extension KerasTrackingPart {
    /// `Antirectifier()(x)` on a KerasTensor: builds the layer, finds its output shape with one
    /// trial run, and returns the symbolic output of a node that runs `call` with the graph.
    func symbolicCall(_ input: Value) throws -> Value {
        guard KerasFunctionalModelObject.isTensor(input) else {
            throw ScriptError.notSupported("calling \(instance.cls.name) on a list of symbolic tensors is not supported in lessons; call it on one KerasTensor")
        }
        let parent = try KerasFunctional.symbolic(input, instance.cls.name)
        let sample = parent.node.shape
        if !built {
            // Keras hands `build` the shape with the batch axis unknown.
            if try instance.method(named: "build") != nil {
                _ = try instance.callMethod("build", positional: [.tuple([.none] + sample.map { .int($0) })])
            }
            built = true
        }
        let (count, overflow) = try NDArray.checkedCount(sample, charging: context.run).multipliedReportingOverflow(by: KerasLessonLayerOp.trialBatch)
        guard !overflow else { throw ScriptError.valueError("\(instance.cls.name): input shape \(sample) is too large") }
        try context.run.charge(elements: count, bytesPerElement: 8, what: "the trial batch of \(name)")
        let zeros = NDArray(shape: [KerasLessonLayerOp.trialBatch] + sample, dtype: .float32, storage: .float32(Array(repeating: 0, count: count)))
        let trial = try call(positional: [TFTensorObject.value(zeros, context: context)], keywords: [("training", .bool(false))])
        clearLosses()
        let shape = try Self.shape(of: trial)
        guard shape.first == KerasLessonLayerOp.trialBatch else {
            throw ScriptError.notSupported("\(instance.cls.name).call must keep the batch axis first to be used in a functional model in lessons (a batch of \(KerasLessonLayerOp.trialBatch) gave shape \(shapeText(shape.map { $0 })))")
        }
        let op = graphOp ?? KerasLessonLayerOp(instance: instance, part: self)
        graphOp = op
        let node = try KerasCall.run { try parent.node.applying(custom: op, outputShape: Array(shape.dropFirst())) }
        context.eager.outputShapes[ObjectIdentifier(instance)] = shape
        context.performed(.build)
        return .object(KerasSymbolicTensor(node: node, producer: instance, parents: [parent], context: context))
    }
}

extension KerasFunctionalModelObject {
    /// Keras's `weights` (or `trainable_weights`): every layer's in graph order, a lesson
    /// layer's as its own variables (`antirectifier/kernel`).
    func weightValues(trainableOnly: Bool) -> [Value] {
        if trainableOnly { syncFrozen() }
        let keep = Set(graph.trainableParameters.map(ObjectIdentifier.init))
        return graph.weightOwners.flatMap { owner -> [Value] in
            switch owner {
            case .layer(let l):
                return KerasEager.variables(of: [l], context: context).filter { v in
                    !trainableOnly || (v.object(as: TFVariableObject.self).map { keep.contains(ObjectIdentifier($0.parameter)) } ?? false)
                }
            case .custom(let c):
                return (c as? KerasLessonLayerOp)?.part.variables(trainableOnly: trainableOnly) ?? []
            }
        }
    }
}
