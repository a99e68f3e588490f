import CNN
import Script

/// `layers.LSTM`: its Keras arguments beyond what `LayerSpec.parse` checks, and the CNN layer.
/// Lessons get Keras's defaults (tanh, sigmoid, glorot_uniform, orthogonal, zeros with the
/// forget bias 1) with `return_sequences` either way; the rest is refused by name.
extension LayerSpec {
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
        for (argument, expected) in defaults where bound.has(argument) {
            let value = try bound.string(argument)
            guard value == expected else {
                throw ScriptError.notSupported("\(kind.rawValue)(\(argument)='\(value)') is not supported in lessons; Keras's default '\(expected)' is")
            }
        }
        if bound.has("unit_forget_bias"), !(try bound.bool("unit_forget_bias")) {
            throw ScriptError.notSupported("\(kind.rawValue)(unit_forget_bias=False) is not supported in lessons")
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
        try LSTM(units: units, returnSequences: returnSequences, inputShape: inputShape, name: name, scope: scope)
    }

    /// (timesteps, features) → (units), or (timesteps, units) with `return_sequences`.
    static func recurrentOutputShape(_ spec: LayerSpec, input: [Int]) -> [Int]? {
        guard input.count == 2 else { return nil }
        return spec.returnSequences ? [input[0], spec.units] : [spec.units]
    }

    /// kernel (F, 4u), recurrent_kernel (u, 4u), bias (4u): 4u·(F + u + 1).
    static func recurrentWeightCount(_ spec: LayerSpec, input: [Int]) -> Int? {
        guard let features = input.last else { return 0 }
        return RunContext.sum(features, spec.units).flatMap { RunContext.sum($0, 1) }
            .flatMap { RunContext.product([$0, spec.units, 4]) }
    }
}
