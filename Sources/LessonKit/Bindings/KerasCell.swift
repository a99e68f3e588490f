import KerasBindings
import Script

/// The running cell's output as the Keras bindings see it: progress bars, callback
/// messages and training records go to LessonKit's `CellOutput`.
final class KerasCell: KerasCellOutput {
    let cell: CellOutput
    init(_ cell: CellOutput) { self.cell = cell }

    func write(_ text: String, to stream: OutputStreamKind) { cell.write(text, to: stream == .stderr ? .stderr : .stdout) }
    func progressUpdate(current: Int, target: Int, elapsed: Double, timePerStep: Double, metrics: [(String, Double)]) {
        cell.progressUpdate(current: current, target: target, elapsed: elapsed, timePerStep: timePerStep, metrics: metrics)
    }
    func progressFinish(target: Int, elapsed: Double, timePerStep: Double, metrics: [(String, Double)]) {
        cell.progressFinish(target: target, elapsed: elapsed, timePerStep: timePerStep, metrics: metrics)
    }
    func callbackMessage(_ text: String) { cell.callbackMessage(text) }
    func progressLine(_ line: String) { cell.progressLine(line) }
    func add(_ training: TrainingRecord) { cell.add(training) }
}
