import CNN
import NumPy
import Script

/// A Keras class a lesson calls to make an object (`Conv2D(...)`, `Adam(...)`).
final class KerasClass: HostObject {
    let name: String
    let path: String
    let make: (Arguments) throws -> Value

    init(_ name: String, path: String, make: @escaping (Arguments) throws -> Value) {
        self.name = name; self.path = path; self.make = make
    }

    var typeName: String { "type" }
    func repr() -> String { "<class '\(path).\(name)'>" }
    func getAttribute(_ attribute: String) throws -> Value? { attribute == "__name__" ? .str(name) : nil }
    func call(positional: [Value], keywords: [(String, Value)]) throws -> Value {
        try make(Arguments(functionName: name, positional: positional, keywords: keywords))
    }

    static func value(_ name: String, path: String, make: @escaping (Arguments) throws -> Value) -> Value {
        .object(KerasClass(name, path: path, make: make))
    }
}

/// A Keras layer in a lesson: its checked arguments and the CNN layer made from them. The
/// CNN layer is made at once, so names count up (`conv2d`, `conv2d_1`) as Keras names them.
public final class KerasLayerObject: HostObject {
    public let spec: LayerSpec
    public let layer: Layer
    /// The run whose arrays `get_weights` makes.
    let context: BindingContext
    /// For `keras.Input(...)`: the symbolic tensor the functional API reads (KerasFunctional).
    private(set) var symbolicInput: KerasSymbolicTensor?
    /// Keras's `layer.trainable`: a functional model's `fit` leaves a frozen layer's weights.
    var trainable = true
    /// `kernel_regularizer=` and `bias_regularizer=` (KerasLayerRegularizers.swift).
    var kernelRegularizer: KerasRegularizerObject?, biasRegularizer: KerasRegularizerObject?, activityRegularizer: KerasRegularizerObject?
    /// The symbolic tensors of the first functional call (`layer.input`, `layer.output`).
    var firstCall: (input: KerasSymbolicTensor, output: KerasSymbolicTensor)?

    public init(spec: LayerSpec, context: BindingContext) throws {
        self.spec = spec
        self.context = context
        // A kernel that overflows, or weights too big for the input it declares, are refused
        // before the CNN layer exists.
        if spec.kind == .conv2D || spec.kind == .dense || spec.kind == .conv2DTranspose || spec.kind == .embedding || spec.isRecurrent {
            try KerasMemory.chargeWeights(spec, input: spec.inputShape ?? [], run: context.run)
        }
        let scope = context.scope
        layer = try KerasCall.run {
            switch spec.kind {
            case .input:
                return try Input(shape: spec.inputShape ?? [], name: spec.name, scope: scope)
            case .conv2D:
                return try Conv2D(filters: spec.filters, kernelSize: (spec.kernelSize[0], spec.kernelSize[1]),
                                  strides: (spec.strides[0], spec.strides[1]), padding: spec.padding,
                                  activation: spec.activation, inputShape: spec.inputShape, name: spec.name, scope: scope)
            case .maxPooling2D:
                return try MaxPooling2D(poolSize: (spec.poolSize[0], spec.poolSize[1]), strides: (spec.strides[0], spec.strides[1]),
                                        padding: spec.padding, name: spec.name, scope: scope)
            case .flatten:
                return Flatten(name: spec.name, scope: scope)
            case .dense:
                return try Dense(units: spec.units, activation: spec.activation, inputShape: spec.inputShape, name: spec.name, scope: scope)
            case .dropout:
                return try Dropout(rate: Float(spec.rate), name: spec.name, scope: scope)
            case .conv2DTranspose, .upSampling2D, .softmax, .globalMaxPooling2D, .globalAveragePooling2D, .embedding, .globalMaxPooling1D, .globalAveragePooling1D:
                return try spec.makeShapeLayer(scope: scope)
            case .lstm, .gru, .simpleRNN:
                return try spec.makeRecurrentLayer(scope: scope)
            }
        }
        if spec.inputShape != nil, spec.kind != .input {
            context.warnOnce(KerasWarnings.inputShape(layerClass: spec.kind.rawValue))
        }
        if spec.kind == .input { symbolicInput = try KerasFunctional.input(self) }
        context.eager.created(self)
    }

    public var typeName: String { spec.kind.rawValue }

    public func repr() -> String {
        spec.kind == .input
            ? symbolicInput?.repr() ?? "<KerasTensor shape=\(shapeText([nil] + (spec.inputShape ?? []).map { $0 })), dtype=float32, sparse=False, name=keras_tensor>"
            : "<\(spec.kind.rawValue) name=\(layer.name), built=\(layer.isBuilt ? "True" : "False")>"
    }

    public func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "name": return .str(layer.name)
        case "trainable": return .bool(trainable)
        case "built": return .bool(layer.isBuilt)
        case "input_shape" where layer.isBuilt: return batchShape(layer.inputShape)
        case "output_shape" where layer.isBuilt: return batchShape(layer.outputShape)
        case "shape" where spec.kind == .input: return batchShape(spec.inputShape ?? [])
        case "filters" where spec.kind == .conv2D: return .int(spec.filters)
        case "units" where spec.kind == .dense || spec.isRecurrent: return .int(spec.units)
        case "return_sequences" where spec.isRecurrent: return .bool(spec.returnSequences)
        case "rate" where spec.kind == .dropout: return .float(spec.rate)
        case "count_params":
            return .function(BuiltinFunction("count_params", isMethod: true) { [layer] args in
                _ = try args.bind([])
                guard layer.isBuilt else { throw ScriptError.valueError("You tried to call `count_params` on layer '\(layer.name)', but the layer isn't built. You can build it manually via: `layer.build(input_shape)`.") }
                return .int(layer.parameterCount)
            })
        case "get_weights":
            return .function(BuiltinFunction("get_weights", isMethod: true) { [layer, context] args in
                _ = try args.bind([])
                return .list(ListStorage(layer.parameters.map { NDArrayObject.value(in: context, .float32($0.value)) }))
            })
        default: return try stateAttribute(name)
        }
    }

    public func call(positional: [Value], keywords: [(String, Value)]) throws -> Value {
        try KerasFunctional.call(self, positional: positional, keywords: keywords)
    }

    public func setAttribute(_ attribute: String, _ value: Value) throws {
        guard attribute == "trainable", case .bool(let on) = value else {
            throw ScriptError.attributeError("'\(spec.kind.rawValue)' object attribute '\(attribute)' cannot be set in lessons")
        }
        trainable = on
    }
}

/// `(None, 26, 26, 32)`: a batch shape as Keras shows it.
func batchShape(_ shape: [Int]) -> Value { .tuple([.none] + shape.map { .int($0) }) }

func shapeText(_ shape: [Int?]) -> String {
    let parts = shape.map { $0.map(String.init) ?? "None" }
    return parts.count == 1 ? "(\(parts[0]),)" : "(" + parts.joined(separator: ", ") + ")"
}

extension KerasLayerObject {
    /// The classes of `keras.layers`.
    static func classes(path: String, context: BindingContext) -> [String: Value] {
        var classes: [String: Value] = [:]
        for kind in [LayerSpec.Kind.conv2D, .maxPooling2D, .flatten, .dense, .dropout, .conv2DTranspose, .upSampling2D, .softmax, .globalMaxPooling2D, .globalAveragePooling2D,
                     .embedding, .globalMaxPooling1D, .globalAveragePooling1D, .lstm, .gru, .simpleRNN] {
            classes[kind.rawValue] = KerasClass.value(kind.rawValue, path: path) { [unowned context] args in
                let layer = try KerasLayerObject(spec: LayerSpec.parse(kind, args), context: context)
                try layer.readRegularizers(args)
                return .object(layer)
            }
        }
        classes["MaxPool2D"] = classes["MaxPooling2D"]
        classes["Input"] = .function(BuiltinFunction("Input") { [unowned context] args in
            .object(try KerasLayerObject(spec: LayerSpec.parse(.input, args), context: context))
        })
        classes["InputLayer"] = KerasClass.value("InputLayer", path: path) { [unowned context] args in
            .object(try KerasLayerObject(spec: LayerSpec.parse(.input, args), context: context))
        }
        return classes
    }
}
