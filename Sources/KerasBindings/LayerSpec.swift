import NumPy
import Script

/// A Keras layer as a lesson declares it: the class and its arguments, checked the way
/// Keras checks them. The model turns specs into CNN layers when it is built.
public struct LayerSpec {
    public enum Kind: String {
        case input = "InputLayer", conv2D = "Conv2D", maxPooling2D = "MaxPooling2D", flatten = "Flatten"
        case dense = "Dense", dropout = "Dropout"
        case conv2DTranspose = "Conv2DTranspose", upSampling2D = "UpSampling2D", softmax = "Softmax"
        case globalMaxPooling2D = "GlobalMaxPooling2D", globalAveragePooling2D = "GlobalAveragePooling2D"
        case embedding = "Embedding", globalMaxPooling1D = "GlobalMaxPooling1D", globalAveragePooling1D = "GlobalAveragePooling1D"
        case lstm = "LSTM", gru = "GRU", simpleRNN = "SimpleRNN"
    }

    public var kind: Kind
    public var name: String?
    public var inputShape: [Int]?
    public var filters = 0
    public var kernelSize: [Int] = []
    public var strides: [Int] = [1, 1]
    public var padding = "valid"
    public var activation: String?
    public var units = 0
    public var poolSize: [Int] = [2, 2]
    public var rate = 0.0
    /// `keras.Input(batch_size=)`: shown in the functional summary, None when not given.
    var batchSize: Int?
    /// `UpSampling2D(size=)`.
    var upSize: [Int] = [2, 2]
    /// `Embedding(input_dim, output_dim)`.
    public var inputDim = 0, outputDim = 0
    /// `LSTM(return_sequences=)`.
    public var returnSequences = false

    static let activations: Set<String> = ["relu", "softmax", "sigmoid", "tanh", "linear"]

    /// The Keras class names lessons may use, with the arguments each takes (the regularizers
    /// are read by KerasLayerRegularizers.swift, not kept in the spec).
    static let parameters: [Kind: [String]] = [
        .input: ["shape", "batch_size", "name", "dtype"],
        .conv2D: ["filters", "kernel_size", "strides", "padding", "activation", "input_shape", "name", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer", "activity_regularizer"],
        .maxPooling2D: ["pool_size", "strides", "padding", "input_shape", "name"],
        .flatten: ["input_shape", "name"],
        .dense: ["units", "activation", "input_shape", "input_dim", "name", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer", "activity_regularizer"],
        .dropout: ["rate", "input_shape", "name", "seed"],
        .conv2DTranspose: ["filters", "kernel_size", "strides", "padding", "activation", "input_shape", "name", "use_bias", "kernel_initializer", "bias_initializer"],
        .upSampling2D: ["size", "interpolation", "data_format", "input_shape", "name"],
        .softmax: ["axis", "input_shape", "name"],
        .globalMaxPooling2D: ["data_format", "keepdims", "input_shape", "name"],
        .globalAveragePooling2D: ["data_format", "keepdims", "input_shape", "name"],
        .embedding: ["input_dim", "output_dim", "embeddings_initializer", "mask_zero", "input_length", "input_shape", "name"],
        .globalMaxPooling1D: ["data_format", "keepdims", "input_shape", "name"],
        .globalAveragePooling1D: ["data_format", "keepdims", "input_shape", "name"],
        .lstm: ["units", "activation", "recurrent_activation", "use_bias", "kernel_initializer", "recurrent_initializer", "bias_initializer",
                "unit_forget_bias", "dropout", "recurrent_dropout", "return_sequences", "return_state", "go_backwards", "stateful", "unroll",
                "input_shape", "name"],
        .gru: ["units", "activation", "recurrent_activation", "use_bias", "kernel_initializer", "recurrent_initializer", "bias_initializer",
               "dropout", "recurrent_dropout", "return_sequences", "return_state", "go_backwards", "stateful", "unroll", "reset_after",
               "input_shape", "name"],
        .simpleRNN: ["units", "activation", "use_bias", "kernel_initializer", "recurrent_initializer", "bias_initializer",
                     "dropout", "recurrent_dropout", "return_sequences", "return_state", "go_backwards", "stateful", "unroll",
                     "input_shape", "name"],
    ]

    static func parse(_ kind: Kind, _ args: Arguments) throws -> LayerSpec {
        let names = parameters[kind] ?? []
        let positionalCount: Int
        switch kind {
        case .input, .maxPooling2D, .dense, .dropout, .lstm, .gru, .simpleRNN: positionalCount = 1
        case .conv2D, .conv2DTranspose, .embedding: positionalCount = 2
        case .flatten, .upSampling2D, .softmax, .globalMaxPooling2D, .globalAveragePooling2D, .globalMaxPooling1D, .globalAveragePooling1D: positionalCount = 0
        }
        let bound = try args.bind(names, required: kind == .maxPooling2D ? 0 : positionalCount, keywordOnly: Array(names.dropFirst(positionalCount)))
        var spec = LayerSpec(kind: kind)
        spec.name = bound.has("name") ? try bound.string("name") : nil
        if bound.has("input_shape") { spec.inputShape = try positive(bound.intList("input_shape"), "input_shape", kind) }
        if bound.has("input_dim") { spec.inputShape = [try bound.int("input_dim")] }
        if bound.has("activation") {
            let activation: String
            if case .str(let s)? = bound["activation"] { activation = s } else if case .object(let o as KerasCallable)? = bound["activation"] { activation = o.name }
            else { throw ScriptError.typeError("\(kind.rawValue): activation must be a name like 'relu'") }
            guard activations.contains(activation) else {
                throw ScriptError.valueError("Could not interpret activation function identifier: \(activation) (lessons support \(activations.sorted().joined(separator: ", ")))")
            }
            spec.activation = activation == "linear" ? nil : activation
        }
        for flag in ["use_bias"] where bound.has(flag) {
            guard try bound.bool(flag) else { throw ScriptError.notSupported("\(kind.rawValue)(use_bias=False) is not supported in lessons") }
        }
        for initializer in ["kernel_initializer", "bias_initializer"] where bound.has(initializer) {
            let name = try bound.string(initializer)
            let expected = initializer == "kernel_initializer" ? "glorot_uniform" : "zeros"
            guard name == expected else { throw ScriptError.notSupported("\(kind.rawValue)(\(initializer)='\(name)') is not supported; lessons use Keras's default '\(expected)'") }
        }
        switch kind {
        case .input:
            spec.inputShape = try positive(bound.intList("shape"), "shape", kind)
            try KerasFunctional.parseInputExtras(bound, into: &spec)
        case .conv2D, .conv2DTranspose:
            spec.filters = try bound.int("filters")
            guard spec.filters > 0 else { throw ScriptError.valueError("\(kind.rawValue): filters must be positive, received filters=\(spec.filters)") }
            spec.kernelSize = try pair(bound.intList("kernel_size"), "kernel_size", kind)
            spec.strides = bound.has("strides") ? try pair(bound.intList("strides"), "strides", kind) : [1, 1]
            spec.padding = try padding(bound, kind)
        case .maxPooling2D:
            spec.poolSize = bound.has("pool_size") ? try pair(bound.intList("pool_size"), "pool_size", kind) : [2, 2]
            spec.strides = bound.has("strides") ? try pair(bound.intList("strides"), "strides", kind) : spec.poolSize
            spec.padding = try padding(bound, kind)
        case .dense:
            spec.units = try bound.int("units")
            guard spec.units > 0 else { throw ScriptError.valueError("Received an invalid value for `units`, expected a positive integer. Received: units=\(spec.units)") }
        case .dropout:
            spec.rate = try bound.double("rate")
            guard (0..<1).contains(spec.rate) else { throw ScriptError.valueError("Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=\(spec.rate)") }
        case .flatten:
            break
        case .upSampling2D, .softmax, .globalMaxPooling2D, .globalAveragePooling2D, .globalMaxPooling1D, .globalAveragePooling1D, .embedding:
            try parseShapeLayer(kind, bound, into: &spec)
        case .lstm, .gru, .simpleRNN:
            try parseRecurrent(kind, bound, into: &spec)
        }
        return spec
    }

    static func pair(_ values: [Int], _ name: String, _ kind: Kind) throws -> [Int] {
        let pair = values.count == 1 ? [values[0], values[0]] : values
        guard pair.count == 2, pair.allSatisfy({ $0 > 0 }) else {
            throw ScriptError.valueError("The `\(name)` argument must be a tuple of 2 positive integers. Received \(name)=\(PythonFormat.repr(.tuple(values.map { .int($0) })))")
        }
        return pair
    }

    static func positive(_ values: [Int], _ name: String, _ kind: Kind) throws -> [Int] {
        guard !values.isEmpty, values.allSatisfy({ $0 > 0 }) else {
            throw ScriptError.valueError("\(kind.rawValue): \(name) must be a tuple of positive integers")
        }
        // One sample may be no larger than the largest array a lesson may make (checked
        // without overflow: `(2**40, 2**40, 1)` has more elements than an Int holds).
        guard let count = RunContext.product(values), count <= NDArray.maximumElements else {
            throw ScriptError.valueError("\(kind.rawValue): \(name)=\(PythonFormat.repr(.tuple(values.map { .int($0) }))) is too large for a lesson (at most \(NDArray.maximumElements) elements a sample)")
        }
        return values
    }

    static func padding(_ bound: BoundArguments, _ kind: Kind) throws -> String {
        let value = bound.has("padding") ? try bound.string("padding").lowercased() : "valid"
        guard value == "valid" || value == "same" else {
            throw ScriptError.valueError("The `padding` argument must be a string 'valid' or 'same'. Received: padding=\(value)")
        }
        return value
    }
}

extension LayerSpec {
    /// A spec with Keras's defaults (the checkpoint glue fills in the rest).
    public init(kind: Kind) { self.init(kind: kind, name: nil) }
}

/// A Keras object named by a string in tutorials (an activation, a loss, an optimizer class).
final class KerasCallable: HostObject {
    let name: String
    init(_ name: String) { self.name = name }
    var typeName: String { "function" }
    func repr() -> String { "<function \(name) at 0x7f3a1bf0c2c0>" }
}
