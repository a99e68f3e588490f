import CNN
import Script

/// `keras.callbacks.LearningRateScheduler(schedule, verbose=0)`, with Keras 3's rules: at each
/// epoch's beginning the rate becomes `schedule(epoch, lr)` (or `schedule(epoch)` when that
/// call raises TypeError), which must be a float; the rate joins each epoch's logs.
final class KerasLearningRateScheduler: KerasCallback {
    let schedule: Value
    let verbose: Int
    unowned let context: BindingContext
    /// The error the schedule raised; `fit` stops and raises it.
    private(set) var failure: Error?

    init(_ args: Arguments, context: BindingContext) throws {
        let b = try args.bind(["schedule", "verbose"], required: 1)
        schedule = b["schedule"] ?? .none
        verbose = try b.int("verbose", default: 0)
        self.context = context
    }

    var typeName: String { "LearningRateScheduler" }
    func repr() -> String { "<keras.src.callbacks.learning_rate_scheduler.LearningRateScheduler object at 0x7f3a1c0e4e90>" }
    func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "schedule": return schedule
        case "verbose": return .int(verbose)
        default: return nil
        }
    }

    func trainBegin(model: KerasCallbackModel) { failure = nil }

    func epochBegin(_ epoch: Int, model: KerasCallbackModel, io: KerasCallbackIO) {
        guard failure == nil, let optimizer = model.callbackOptimizer else { return }
        do {
            guard let interpreter = context.interpreter else { throw ScriptError.runtimeError("LearningRateScheduler: no interpreter") }
            let current = Value.float(Double(optimizer.learningRate))
            let result: Value
            do { result = try interpreter.call(schedule, positional: [.int(epoch), current]) } catch let e as ScriptError where e.kind == .typeError {
                result = try interpreter.call(schedule, positional: [.int(epoch)])
            }
            guard case .float(let rate) = result else {
                throw ScriptError.valueError("The output of the `schedule` function should be a float. Got: \(PythonFormat.str(result))")
            }
            guard rate.isFinite, rate >= 0 else { throw ScriptError.valueError("learning_rate must be a non-negative number, not \(result.repr)") }
            optimizer.learningRate = Float(rate)
            if verbose > 0 { io.say("\nEpoch \(epoch + 1): LearningRateScheduler setting learning rate to \(PythonFormat.floatRepr(rate)).\n") }
        } catch { failure = error }
    }

    func epochEnd(_ epoch: Int, _ logs: inout [(String, Double)], model: KerasCallbackModel, io: KerasCallbackIO) -> Bool {
        if let optimizer = model.callbackOptimizer { logs.append(("learning_rate", Double(optimizer.learningRate))) }
        return failure != nil
    }
}
