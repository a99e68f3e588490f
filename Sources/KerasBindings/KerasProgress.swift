import CNN
import Script

/// Turns the CNN library's training events into what Keras 3 prints for `verbose` 0, 1
/// or 2: `Epoch 1/5`, a bar redrawn while the epoch runs, and its final line.
struct KerasProgress {
    let cell: KerasCellOutput?
    let verbose: Int

    /// `verbose='auto'` is 1, as in a notebook.
    static func verbosity(_ bound: BoundArguments) throws -> Int {
        guard bound.has("verbose") else { return 1 }
        if case .str(let s)? = bound["verbose"] {
            guard s == "auto" else { throw ScriptError.valueError("verbose must be 'auto', 0, 1 or 2, not '\(s)'") }
            return 1
        }
        let level = try bound.int("verbose")
        guard (0...2).contains(level) else { throw ScriptError.valueError("verbose must be 'auto', 0, 1 or 2, not \(level)") }
        return level
    }

    func handle(_ event: TrainingEvent) {
        guard let cell, verbose > 0 else { return }
        switch event {
        case let .epochBegin(epoch, epochs):
            cell.progressLine("Epoch \(epoch)/\(epochs)")
        case let .batchEnd(step, steps, metrics, elapsed):
            if verbose == 1 { cell.progressUpdate(current: step, target: steps, elapsed: elapsed, timePerStep: elapsed / Double(step), metrics: metrics) }
        case let .epochEnd(_, metrics, seconds, steps):
            finish(steps: steps, elapsed: seconds, metrics: metrics)
        case let .evaluateStep(step, steps, metrics, elapsed):
            if step == steps { finish(steps: steps, elapsed: elapsed, metrics: metrics) }
            else if verbose == 1 { cell.progressUpdate(current: step, target: steps, elapsed: elapsed, timePerStep: elapsed / Double(step), metrics: metrics) }
        case let .predictStep(step, steps, elapsed):
            if step == steps { finish(steps: steps, elapsed: elapsed, metrics: []) }
            else if verbose == 1 { cell.progressUpdate(current: step, target: steps, elapsed: elapsed, timePerStep: elapsed / Double(step), metrics: []) }
        }
    }

    private func finish(steps: Int, elapsed: Double, metrics: [(String, Double)]) {
        guard let cell else { return }
        let perStep = elapsed / Double(max(steps, 1))
        if verbose == 1 {
            cell.progressFinish(target: steps, elapsed: elapsed, timePerStep: perStep, metrics: metrics)
        } else {
            cell.progressLine(KerasProgressFormat.summaryLine(target: steps, elapsed: elapsed, timePerStep: perStep, metrics: metrics))
        }
    }
}
