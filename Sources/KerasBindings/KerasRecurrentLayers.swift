import CNN
import Script

/// `layers.LSTM`, `GRU` and `SimpleRNN`: their Keras arguments beyond what `LayerSpec.parse`
/// checks, and the CNN layers.
/// Lessons get Keras's defaults (tanh, sigmoid, glorot_uniform, orthogonal, zeros with the
/// forget bias 1) with `return_sequences` either way; the rest is refused by name.
extension LayerSpec {
    var isRecurrent: Bool { kind == .lstm || kind == .gru || kind == .simpleRNN }

    static func parseRecurrent(_ kind: Kind, _ bound: BoundArguments, into spec: inout LayerSpec) throws {
        spec.units = try bound.int("units")
        guard spec.units > 0 else {
            throw ScriptError.valueError("Received an invalid value for argument `units`, expected a positive integer, got \(spec.units).")
        }
        spec.returnSequences = bound.has("return_sequences") ? try bound.bool("return_sequences") : false
        if let activation = spec.activation, activation != "tanh" {
            throw ScriptError.notSupported("\(kind.rawValue)(activation='\(activation)') is not supported in lessons; Keras's default 'tanh' is")
        }
        if bound.has("activation"), spec.activation == nil {
            throw ScriptError.notSupported("\(kind.rawValue)(activation='linear') is not supported in lessons; Keras's default 'tanh' is")
        }
        spec.activation = nil
        let defaults: [(String, String)] = [("recurrent_activation", "sigmoid"), ("recurrent_initializer", "orthogonal")]
        // SimpleRNN has no recurrent_activation: `bind` refused it already.
        for (argument, expected) in defaults where bound.has(argument) {
            let value = try bound.string(argument)
            guard value == expected else {
                throw ScriptError.notSupported("\(kind.rawValue)(\(argument)='\(value)') is not supported in lessons; Keras's default '\(expected)' is")
            }
        }
        for flag in ["unit_forget_bias", "reset_after"] where bound.has(flag) {
            guard try bound.bool(flag) else { throw ScriptError.notSupported("\(kind.rawValue)(\(flag)=False) is not supported in lessons") }
        }
        for rate in ["dropout", "recurrent_dropout"] where bound.has(rate) {
            let value = try bound.double(rate)
            guard value == 0 else { throw ScriptError.notSupported("\(kind.rawValue)(\(rate)=\(value)) is not supported in lessons; put a Dropout layer after it") }
        }
        for flag in ["return_state", "go_backwards", "stateful"] where bound.has(flag) {
            guard !(try bound.bool(flag)) else { throw ScriptError.notSupported("\(kind.rawValue)(\(flag)=True) is not supported in lessons") }
        }
        // `unroll` changes how TensorFlow runs the loop, not what it computes.
        if bound.has("unroll") { _ = try bound.bool("unroll") }
    }

    func makeRecurrentLayer(scope: NameScope) throws -> Layer {
        switch kind {
        case .gru: return try GRU(units: units, returnSequences: returnSequences, inputShape: inputShape, name: name, scope: scope)
        case .simpleRNN: return try SimpleRNN(units: units, returnSequences: returnSequences, inputShape: inputShape, name: name, scope: scope)
        default: return try LSTM(units: units, returnSequences: returnSequences, inputShape: inputShape, name: name, scope: scope)
        }
    }

    /// (timesteps, features) → (units), or (timesteps, units) with `return_sequences`.
    static func recurrentOutputShape(_ spec: LayerSpec, input: [Int]) -> [Int]? {
        guard input.count == 2 else { return nil }
        return spec.returnSequences ? [input[0], spec.units] : [spec.units]
    }

    /// LSTM 4u·(F + u + 1); GRU 3u·(F + u + 2) (two biases); SimpleRNN u·(F + u + 1).
    static func recurrentWeightCount(_ spec: LayerSpec, input: [Int]) -> Int? {
        guard let features = input.last else { return 0 }
        let (gates, biases) = spec.kind == .gru ? (3, 2) : spec.kind == .simpleRNN ? (1, 1) : (4, 1)
        return RunContext.sum(features, spec.units).flatMap { RunContext.sum($0, biases) }
            .flatMap { RunContext.product([$0, spec.units, gates]) }
    }
}
