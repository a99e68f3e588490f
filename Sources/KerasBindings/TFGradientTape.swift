import CNN
import NumPy
import Script

/// The eager state of one run: the tapes whose `with` blocks are open (innermost last), and
/// the `training` flag a model call hands down to the layers its lesson `call` runs.
final class TFEagerState {
    var tapes: [TFGradientTapeObject] = []
    var training: [Bool] = []
    /// The model (or custom layer) whose lesson `call` is running: layers it calls join it.
    var owners: [KerasTrackingPart] = []
    /// The order layers and lesson models were made in (Keras tracks a model's layers in the
    /// order `__init__` assigns them, which is the order it makes them), and each layer's
    /// last eager output shape (for `summary`).
    private(set) var creation: [ObjectIdentifier: Int] = [:]
    var outputShapes: [ObjectIdentifier: [Int]] = [:]
    /// The regularizer of a weight made by `add_weight(regularizer=...)`, by its parameter.
    private var regularizers: [ObjectIdentifier: (CNN.Parameter, KerasRegularizerObject)] = [:]
    func setRegularizer(_ r: KerasRegularizerObject, for p: CNN.Parameter) { regularizers[ObjectIdentifier(p)] = (p, r) }
    func regularizer(of p: CNN.Parameter) -> KerasRegularizerObject? {
        guard let (held, r) = regularizers[ObjectIdentifier(p)], held === p else { return nil }
        return r
    }
    private var madeCount = 0
    /// A counter, not `creation.count`: a new object at a freed one's address replaces its entry,
    /// and must still rank after everything made before it.
    func created(_ object: AnyObject) { creation[ObjectIdentifier(object)] = madeCount; madeCount += 1 }
    /// The tape ops record on now, if any.
    var recording: TFGradientTapeObject? { tapes.last }
}

/// `tf.GradientTape(persistent=False)`: a context manager recording the eager ops run inside
/// it on a CNN `Tape`; `gradient(target, sources)` walks them back.
final class TFGradientTapeObject: HostObject {
    let tape: Tape
    let persistent: Bool
    private var used = false
    /// True once an op recorded here read a gradient an inner tape computed.
    var readInnerGradient = false
    unowned let context: BindingContext

    init(_ args: Arguments, context: BindingContext) throws {
        let bound = try args.bind(["persistent", "watch_accessed_variables"], required: 0)
        persistent = try bound.bool("persistent", default: false)
        guard try bound.bool("watch_accessed_variables", default: true) else {
            throw ScriptError.notSupported("GradientTape(watch_accessed_variables=False) is not supported in lessons")
        }
        self.context = context
        tape = Tape()
    }

    /// The tape of a graph's training step, for lesson layers the graph runs (KerasLessonLayerNode.swift).
    init(wrapping tape: Tape, context: BindingContext) {
        self.tape = tape; persistent = true; self.context = context
    }

    var typeName: String { "GradientTape" }
    func repr() -> String { "<tensorflow.python.eager.backprop.GradientTape object at \(context.address())>" }

    func getAttribute(_ name: String) throws -> Value? {
        let method: ((Arguments) throws -> Value)?
        switch name {
        case "__enter__":
            method = { [self] args in _ = try args.bind([]); context.eager.tapes.append(self); return .object(self) }
        case "__exit__":
            method = { [self] _ in
                if let i = context.eager.tapes.lastIndex(where: { $0 === self }) { context.eager.tapes.remove(at: i) }
                return .bool(false)
            }
        case "watch":
            method = { [self] args in
                let value = try args.bind(["tensor"])["tensor"] ?? .none
                for item in TFEager.flatten(value) { try watch(item) }
                return .none
            }
        case "gradient":
            method = { [self] args in try gradient(args) }
        default: method = nil
        }
        return method.map { .function(BuiltinFunction(name, isMethod: true, $0)) }
    }

    /// A tensor the lesson asks to differentiate by: it is on this tape from now on.
    private func watch(_ value: Value) throws {
        if value.object(as: TFVariableObject.self) != nil { return }
        guard let t = value.object(as: TFTensorObject.self) else {
            throw ScriptError.valueError("Passed in object \(value.repr) of type '\(value.typeName)', not tf.Tensor or tf.Variable")
        }
        if t.tape === self, t.variable?.isTracked == true { return }
        t.variable = tape.watch(try TFEager.tensor(t.ndarray))
        t.tape = self
    }

    private func gradient(_ args: Arguments) throws -> Value {
        let bound = try args.bind(["target", "sources", "output_gradients", "unconnected_gradients"], required: 2)
        guard !bound.has("output_gradients") || (bound["output_gradients"]?.isNone ?? true) else {
            throw ScriptError.notSupported("GradientTape.gradient(output_gradients=...) is not supported in lessons")
        }
        if used && !persistent {
            throw ScriptError.runtimeError("A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)")
        }
        used = true
        let flat = TFEager.flatten(bound["target"] ?? .none)
        if readInnerGradient || flat.contains(where: { $0.object(as: TFTensorObject.self)?.isInnerGradient == true }) {
            throw ScriptError.notSupported("GradientTape.gradient of a gradient (nested tapes, higher-order gradients) is not supported in lessons: the target depends on what an inner tape's gradient() returned, whose backward is not recorded on this tape")
        }
        // Gradients taken while an outer tape records would be on it in TensorFlow.
        let outerOpen = context.eager.tapes.contains { $0 !== self }
        func gradientValue(_ t: Tensor) -> Value {
            let out = TFTensorObject(.float32(copiedTensor(t)), context: context)
            out.isInnerGradient = outerOpen
            return .object(out)
        }
        let targets = flat.compactMap { v -> Variable? in
            guard let t = v.object(as: TFTensorObject.self), t.tape === self else { return nil }
            return t.variable
        }
        let grads = try KerasCall.run { try tape.gradients(of: targets) }
        return try TFEager.mapStructure(bound["sources"] ?? .none) { source in
            if let v = source.object(as: TFVariableObject.self) { return grads[v.parameter].map(gradientValue) ?? .none }
            if let t = source.object(as: TFTensorObject.self) {
                guard t.tape === self, let v = t.variable else { return .none }
                return grads[v].map(gradientValue) ?? .none
            }
            throw ScriptError.valueError("GradientTape.gradient: sources must be variables or tensors, received \(source.typeName)")
        }
    }
}

func copiedTensor(_ t: Tensor) -> Tensor { t.detached }

/// How binding code moves between lesson values and the engine's variables.
enum TFEager {
    /// An array as a float32 tensor of the same shape (a 0-d array stays 0-d).
    static func tensor(_ a: NDArray) throws -> Tensor {
        let t = try a.tensor()
        return a.shape == t.shape ? t : try t.reshaped(a.shape)
    }

    /// The operand as a variable on `tape` (a weight is read onto it; anything else is a constant).
    static func variable(_ value: Value, tape: TFGradientTapeObject?) throws -> Variable {
        if let v = value.object(as: TFVariableObject.self) { return Ops.read(v.parameter, tape: tape?.tape) }
        if let t = value.object(as: TFTensorObject.self) {
            if t.isInnerGradient, let tape { tape.readInnerGradient = true }
            if let v = t.variable, t.tape === tape { return v }
            return Variable(constant: try tensor(t.ndarray))
        }
        if case .float(let d) = value { return Variable(constant: Tensor(shape: [], repeating: Float(d))) }
        if case .int(let i) = value { return Variable(constant: Tensor(shape: [], repeating: Float(i))) }
        return Variable(constant: try tensor(try ValueConversion.array(value, name: "x").array))
    }

    /// The tape an op on these operands records on: the open one, when an operand is a
    /// variable or a tensor it recorded or watched.
    static func tape(for values: [Value], context: BindingContext?) -> TFGradientTapeObject? {
        for v in values {
            if let t = v.object(as: TFTensorObject.self), let tape = t.tape, tape.context.eager.tapes.contains(where: { $0 === tape }) { return tape }
            if let w = v.object(as: TFVariableObject.self), let tape = w.context.eager.recording { return tape }
        }
        return context?.eager.recording
    }

    /// A result of the engine as an eager tensor, recorded on `tape` when there is one.
    static func result(_ v: Variable, tape: TFGradientTapeObject?, context: BindingContext?) -> Value {
        let t = TFTensorObject(.float32(copiedTensor(v.value)), context: context)
        if let tape { t.variable = v; t.tape = tape }
        return .object(t)
    }

    /// Lists and tuples, nested, as one flat list.
    static func flatten(_ value: Value) -> [Value] {
        switch value {
        case .list, .tuple: return (value.sequenceElements ?? []).flatMap(flatten)
        default: return [value]
        }
    }

    /// `f` applied to every leaf, keeping lists, tuples and dicts as they are.
    static func mapStructure(_ value: Value, _ f: (Value) throws -> Value) throws -> Value {
        switch value {
        case .list: return .list(ListStorage(try (value.sequenceElements ?? []).map { try mapStructure($0, f) }))
        case .tuple(let items): return .tuple(try items.map { try mapStructure($0, f) })
        default: return try f(value)
        }
    }
}
