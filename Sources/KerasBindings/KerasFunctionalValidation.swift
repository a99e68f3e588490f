import CNN
import Script

extension KerasFunctionalModelObject {
    /// `fit(validation_data=(x_val, y_val))` of a functional model: inputs and targets given as
    /// `fit` takes them (an array, a list, a dict by name); nil when absent or None.
    func validationData(_ value: Value?) throws -> (x: [Tensor], y: [Tensor])? {
        guard let value, !value.isNone else { return nil }
        guard let pair = value.sequenceElements, pair.count == 2 else {
            throw ScriptError.valueError("When passing `validation_data`, it must contain either 2 items (x_val, y_val), or 3 items (x_val, y_val, val_sample_weights). Received: validation_data=\(value.repr)")
        }
        return (try arrays(pair[0], "x_val"), try targets(pair[1]))
    }
}
