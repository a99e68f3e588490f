import CNN
import Script

/// The callbacks of one `fit`, as Keras 3's CallbackList holds them: the lesson's list in its
/// order (built-in callbacks and the lesson's own subclasses), then History and the progress
/// bar, which hear each event last. Sequential and functional models run this same list.
final class KerasCallbackList {
    let callbacks: [KerasCallback]
    let lessonCallbacks: [KerasLessonCallback]
    /// A `keras.callbacks.History()` the lesson passed: `fit` fills and returns it.
    let history: KerasHistoryCallback?
    let terminateOnNaN: Bool
    let io: KerasCallbackIO

    /// `fit(callbacks=[...])`; `uncalled` are the lesson hooks this fit cannot call (refused by name).
    init(_ bound: BoundArguments, model: Value, params: [(String, Value)], uncalled: [String], cell: KerasCellOutput?) throws {
        var list: [KerasCallback] = []
        if bound.has("callbacks"), let value = bound["callbacks"], !value.isNone {
            guard let items = value.sequenceElements else { throw ScriptError.typeError("fit(callbacks=...) takes a list of callbacks") }
            for item in items {
                if let lessonCallback = try KerasLessonCallback.wrap(item, model: model, params: params, uncalled: uncalled) {
                    list.append(lessonCallback)
                    continue
                }
                guard case .object(let callback as KerasCallback) = item else {
                    throw ScriptError.notSupported("fit(callbacks=...) supports EarlyStopping, ReduceLROnPlateau, LearningRateScheduler, TerminateOnNaN, History and subclasses of keras.callbacks.Callback in lessons, not \(item.typeName)")
                }
                list.append(callback)
            }
        }
        callbacks = list
        lessonCallbacks = list.compactMap { $0 as? KerasLessonCallback }
        history = list.lazy.compactMap { $0 as? KerasHistoryCallback }.first
        terminateOnNaN = list.contains { $0 is KerasTerminateOnNaN }
        io = KerasCallbackIO(say: { cell?.callbackMessage($0) }, warn: { cell?.write($0, to: .stderr) })
    }

    /// The first error a callback's lesson code raised; training stops at the next step.
    var failure: Error? {
        for c in callbacks {
            if let l = c as? KerasLessonCallback, let f = l.failure { return f }
            if let s = c as? KerasLearningRateScheduler, let f = s.failure { return f }
            if let m = c as? KerasModelCheckpoint, let f = m.failure { return f }
        }
        return nil
    }

    func trainBegin(_ model: KerasCallbackModel) { for c in callbacks { c.trainBegin(model: model) } }

    /// Keras's on_epoch_end with a 1-based `epoch`: every callback hears it; true stops training.
    func epochEnd(_ epoch: Int, _ logs: inout [(String, Double)], model: KerasCallbackModel) -> Bool {
        callbacks.reduce(false) { stop, callback in callback.epochEnd(epoch - 1, &logs, model: model, io: io) || stop } || failure != nil
    }

    func trainEnd(_ model: KerasCallbackModel) throws {
        for c in callbacks { try c.trainEnd(model: model, io: io) }
        if let failure { throw failure }
    }

    /// The progress events of training: each callback's on_epoch_begin (a scheduler sets the
    /// rate there) and the lesson's step hooks run before the bar hears the event.
    func progress(_ model: KerasCallbackModel, then base: @escaping ProgressHandler) -> ProgressHandler {
        let withHooks = KerasLessonCallback.progress(lessonCallbacks, phase: "train", then: base)
        let schedulers = callbacks.compactMap { $0 as? KerasLearningRateScheduler }
        guard !schedulers.isEmpty else { return withHooks }
        let io = self.io
        return { event in
            if case let .epochBegin(epoch, _) = event {
                for s in schedulers { s.epochBegin(epoch - 1, model: model, io: io) }
            }
            withHooks(event)
        }
    }

    /// What `fit` returns: the lesson's History callback, filled, or a new History.
    func result(_ trained: History, address: String) -> Value {
        guard let history else { return .object(KerasHistoryObject(trained, address: address)) }
        history.absorb(trained)
        return .object(history)
    }
}

/// `keras.callbacks.History()`: passed to `fit`, it is what `fit` returns. As Keras's, its
/// `epoch` list starts again with each `fit` while its `history` dict keeps growing.
final class KerasHistoryCallback: KerasCallback {
    private var keys: [String] = [], values: [String: [Double]] = [:], epochs: [Int] = []
    let address: String
    init(address: String) { self.address = address }

    var typeName: String { "History" }
    func repr() -> String { "<keras.src.callbacks.history.History at \(address)>" }
    func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "history": return .dict(DictStorage(keys.map { key in (key, .list(ListStorage((values[key] ?? []).map { .float($0) }))) }))
        case "epoch": return .list(ListStorage(epochs.map { .int($0) }))
        default: return nil
        }
    }

    func trainBegin(model: KerasCallbackModel) { epochs = [] }

    /// The epochs one `fit` recorded (1-based in CNN's History, 0-based in Keras's).
    func absorb(_ trained: History) {
        epochs += trained.epochs.map { $0 - 1 }
        for key in trained.keys {
            if values[key] == nil { keys.append(key) }
            values[key, default: []] += trained.history[key] ?? []
        }
    }
}
