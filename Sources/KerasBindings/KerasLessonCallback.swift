import CNN
import Script

/// `keras.callbacks.Callback`, the class a lesson derives its own callbacks from. `fit` calls
/// the hooks the lesson overrides with Keras 3's names and logs; the base class's own hooks do
/// nothing, as in Keras.
final class KerasCallbackBaseClass: HostClass {
    let path: String
    init(path: String) { self.path = path }

    var className: String { "Callback" }
    var typeName: String { "type" }
    func repr() -> String { "<class '\(path).callback.Callback'>" }
    func getAttribute(_ name: String) throws -> Value? { name == "__name__" ? .str("Callback") : nil }

    func makeHostPart(for instance: InstanceObject, positional: [Value], keywords: [(String, Value)]) throws -> HostObject {
        _ = try Arguments(functionName: "Callback.__init__", positional: positional, keywords: keywords).bind([], required: 0)
        return KerasCallbackPart()
    }
}

/// The host part of a lesson's callback: `self.model` and `self.params`, set by `fit`, and the
/// base class's hooks, which do nothing (so `super().on_epoch_end(epoch, logs)` works).
final class KerasCallbackPart: HostObject {
    var model: Value = .none
    var params: [(String, Value)] = []

    var typeName: String { "Callback" }
    func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "model": return model
        case "params": return .dict(DictStorage(params))
        case "set_model":
            return .function(BuiltinFunction("set_model", isMethod: true) { [self] args in
                self.model = try args.bind(["model"])["model"] ?? .none
                return .none
            })
        case _ where KerasLessonCallback.allHooks.contains(name):
            return .function(BuiltinFunction(name, isMethod: true) { _ in .none })
        default: return nil
        }
    }
}

/// A lesson's callback as `fit`, `evaluate` and `predict` see it. A hook's error stops
/// training (at the next step) and is raised from the call, as an error inside a Keras
/// callback is.
final class KerasLessonCallback: KerasCallback {
    /// Every hook of Keras 3's Callback.
    static let allHooks = ["on_train_begin", "on_train_end", "on_epoch_begin", "on_epoch_end",
                           "on_test_begin", "on_test_end", "on_predict_begin", "on_predict_end"]
        + ["train", "test", "predict"].flatMap { ["on_\($0)_batch_begin", "on_\($0)_batch_end"] }
    /// The hooks Keras would call that lessons do not yet: `fit`'s validation runs without
    /// test hooks, and a predict batch's logs would hold its outputs.
    static func uncalledHooks(validating: Bool) -> [String] {
        validating ? ["on_test_begin", "on_test_end", "on_test_batch_begin", "on_test_batch_end"] : []
    }

    let instance: InstanceObject
    let part: KerasCallbackPart
    private(set) var failure: Error?
    private var lastLogs: [(String, Double)] = []

    /// The lesson's callback in `item`, or nil when `item` is not one.
    static func wrap(_ item: Value, model: Value, params: [(String, Value)], uncalled: [String]) throws -> KerasLessonCallback? {
        guard let instance = item.object(as: InstanceObject.self), instance.cls.hostBase is KerasCallbackBaseClass else { return nil }
        // Reading an attribute the lesson did not set makes the host part if `__init__` skipped super().
        if instance.hostPart == nil { _ = try instance.getAttribute("params") }
        guard let part = instance.hostPart as? KerasCallbackPart else { return nil }
        for hook in uncalled where try instance.method(named: hook) != nil {
            throw ScriptError.notSupported("\(instance.cls.name).\(hook) would be called here by Keras; lessons do not call it yet")
        }
        part.model = model
        part.params = params
        return KerasLessonCallback(instance, part)
    }

    /// The lesson callbacks among `items` (a `callbacks=` list).
    static func lessonCallbacks(_ items: Value?, model: Value, params: [(String, Value)], uncalled: [String]) throws -> [KerasLessonCallback] {
        try (items?.sequenceElements ?? []).compactMap { try wrap($0, model: model, params: params, uncalled: uncalled) }
    }

    private init(_ instance: InstanceObject, _ part: KerasCallbackPart) { self.instance = instance; self.part = part }

    var typeName: String { instance.typeName }

    func hook(_ name: String, _ positional: [Value] = [], logs: [(String, Double)] = []) {
        hook(name, positional, valueLogs: logs.map { ($0.0, Value.float($0.1)) })
    }

    /// A hook whose logs hold other values than numbers (a predict batch's `outputs`).
    func hook(_ name: String, _ positional: [Value], valueLogs: [(String, Value)]) {
        guard failure == nil else { return }
        do {
            _ = try instance.callMethod(name, positional: positional, keywords: [("logs", .dict(DictStorage(valueLogs)))])
        } catch { failure = error }
    }

    func trainBegin(model: KerasCallbackModel) { hook("on_train_begin") }

    func epochEnd(_ epoch: Int, _ logs: inout [(String, Double)], model: KerasCallbackModel, io: KerasCallbackIO) -> Bool {
        lastLogs = logs
        hook("on_epoch_end", [.int(epoch)], logs: logs)
        return failure != nil
    }

    func trainEnd(model: KerasCallbackModel, io: KerasCallbackIO) throws {
        hook("on_train_end", logs: lastLogs)
        if let failure { throw failure }
    }

    /// The hooks around each step, called before the progress bar hears it, as Keras's
    /// callbacks run before its ProgbarLogger: `phase` is `train`, `test` or `predict`.
    static func progress(_ callbacks: [KerasLessonCallback], phase: String, then base: @escaping ProgressHandler) -> ProgressHandler {
        guard !callbacks.isEmpty else { return base }
        return { event in
            switch event {
            case let .epochBegin(epoch, _):
                for c in callbacks { c.hook("on_epoch_begin", [.int(epoch - 1)]) }
                base(event)
                for c in callbacks { c.hook("on_train_batch_begin", [.int(0)]) }
            case let .batchEnd(step, steps, metrics, _), let .evaluateStep(step, steps, metrics, _):
                for c in callbacks { c.hook("on_\(phase)_batch_end", [.int(step - 1)], logs: metrics) }
                base(event)
                if step < steps { for c in callbacks { c.hook("on_\(phase)_batch_begin", [.int(step)]) } }
            case let .predictStep(step, steps, _):
                base(event)
                if step < steps { for c in callbacks { c.hook("on_predict_batch_begin", [.int(step)]) } }
            case .epochEnd:
                base(event)
            }
        }
    }
}
