import CNN

extension KerasLessonCallback {
    /// The test hooks `fit` calls around its validation pass, as Keras 3 does after an epoch's
    /// last training batch: on_test_begin, on_test_batch_begin/end per batch, on_test_end with
    /// the validation logs under their plain names (`loss`, not `val_loss`). Nil without callbacks.
    static func validationHooks(_ callbacks: [KerasLessonCallback]) -> ProgressHandler? {
        guard !callbacks.isEmpty else { return nil }
        return { event in
            guard case let .evaluateStep(step, steps, metrics, _) = event else { return }
            if step == 1 { for c in callbacks { c.hook("on_test_begin"); c.hook("on_test_batch_begin", [.int(0)]) } }
            for c in callbacks { c.hook("on_test_batch_end", [.int(step - 1)], logs: metrics) }
            if step < steps {
                for c in callbacks { c.hook("on_test_batch_begin", [.int(step)]) }
            } else {
                for c in callbacks { c.hook("on_test_end", logs: metrics) }
            }
        }
    }
}
