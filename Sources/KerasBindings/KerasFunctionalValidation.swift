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

    /// `fit(callbacks=[...])` of a functional model: the lesson's own callbacks (subclasses of
    /// keras.callbacks.Callback); the test hooks of a validation pass are refused by name, and
    /// Keras's built-in callbacks are for Sequential models in lessons.
    func lessonCallbacks(_ bound: BoundArguments) throws -> [KerasLessonCallback] {
        guard bound.has("callbacks"), let value = bound["callbacks"], !value.isNone else { return [] }
        guard let items = value.sequenceElements else { throw ScriptError.typeError("fit(callbacks=...) takes a list of callbacks") }
        let validating = bound.has("validation_data") || bound.has("validation_split")
        return try items.map { item in
            guard let c = try KerasLessonCallback.wrap(item, model: .object(self), params: try KerasModelObject.callbackParams(bound),
                                                       uncalled: KerasLessonCallback.uncalledHooks(validating: validating)) else {
                throw ScriptError.notSupported("fit(callbacks=...) on a functional model supports subclasses of keras.callbacks.Callback in lessons, not \(item.typeName)")
            }
            return c
        }
    }
}
