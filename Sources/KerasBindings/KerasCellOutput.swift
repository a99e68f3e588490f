import Script

/// What the Keras bindings need of the running cell's output; the host implements it
/// (LessonKit's `CellOutput`, through a small adapter).
public protocol KerasCellOutput: AnyObject {
    func write(_ text: String, to stream: OutputStreamKind)
    /// A progress bar redrawn while an epoch runs (only its final line is kept).
    func progressUpdate(current: Int, target: Int, elapsed: Double, timePerStep: Double, metrics: [(String, Double)])
    func progressFinish(target: Int, elapsed: Double, timePerStep: Double, metrics: [(String, Double)])
    /// A line a Keras callback prints while a bar may be on screen (its `print_msg`).
    func callbackMessage(_ text: String)
    /// A line written at once (verbose=2's epoch summary, `Epoch 1/5`).
    func progressLine(_ line: String)
    /// The History of a `fit` that ran in the cell.
    func add(_ training: TrainingRecord)
}
