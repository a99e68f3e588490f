import CNN
import NumPy
import Script

extension KerasLessonCallback {
    /// Whether a lesson callback overrides `on_predict_batch_end`, whose logs hold the batch's
    /// `outputs` (Keras 3: `{'outputs': array}`).
    static func wantsPredictOutputs(_ callbacks: [KerasLessonCallback]) -> Bool {
        callbacks.contains { (try? $0.instance.method(named: "on_predict_batch_end")) != nil }
    }

    /// After a whole `predict`, the per-batch hooks in Keras's order, each end with its batch's
    /// outputs, and the progress bar's steps between them (what a lesson prints is the same as
    /// if they ran batch by batch; only the timing differs).
    static func replayPredictBatches(_ callbacks: [KerasLessonCallback], output: Tensor, batchSize: Int,
                                     context: BindingContext, then progress: ProgressHandler) {
        let total = output.shape.first ?? 0, size = max(batchSize, 1)
        let steps = (total + size - 1) / size
        for step in 1...max(steps, 1) where steps > 0 {
            let batch = NDArrayObject.value(in: context, .float32(output.slice(((step - 1) * size)..<min(step * size, total))))
            for c in callbacks { c.hook("on_predict_batch_end", [.int(step - 1)], valueLogs: [("outputs", batch)]) }
            progress(.predictStep(step: step, steps: steps, elapsed: 0))
            if step < steps { for c in callbacks { c.hook("on_predict_batch_begin", [.int(step)]) } }
        }
    }
}
