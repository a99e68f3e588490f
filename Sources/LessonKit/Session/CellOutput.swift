import Foundation
import KerasBindings

/// Where a running cell's output goes: captured for its `CellResult` (as a notebook would
/// keep it) and echoed live to whoever watches (the terminal), progress bars included.
public final class CellOutput {
    public private(set) var stdout = ""
    public private(set) var stderr = ""
    public private(set) var figures: [Figure] = []
    /// IPython rich displays (`display(HTML(...))`), in order.
    public private(set) var displays: [RichDisplay] = []
    public private(set) var trainings: [TrainingRecord] = []
    public private(set) var steps: [Step] = []
    /// The cell's displayed value (Jupyter's `Out[n]`), also the end of `stdout`.
    public private(set) var displayed: String?
    let echo: OutputEcho?
    var progress: ProgressDisplay?

    public init(echo: OutputEcho?) { self.echo = echo }

    public func write(_ text: String, to stream: StandardStream) {
        guard !text.isEmpty else { return }
        if stream == .stdout { stdout += text } else { stderr += text }
        echo?.write(text, stream: stream)
    }

    /// The value of the cell's last expression, shown as Jupyter shows an `execute_result`.
    public func display(_ text: String) {
        write(text + "\n", to: .stdout)
        displayed = text + "\n"
    }

    public func add(_ figure: Figure) {
        figures.append(figure)
        echo?.figure(figure, number: figures.count)
    }

    public func add(_ display: RichDisplay) {
        displays.append(display)
        echo?.display(display, number: displays.count)
    }

    public func add(_ training: TrainingRecord) { trainings.append(training) }

    public func performed(_ step: Step) {
        if steps.last != step { steps.append(step) }
    }

    // MARK: Progress bars: live on a terminal, only the final line in the record.

    public func progressUpdate(current: Int, target: Int, elapsed: Double, timePerStep: Double, metrics: [(String, Double)]) {
        guard let echo, echo.liveProgress else { return }
        if progress == nil { progress = ProgressDisplay(mode: .live, colors: echo.colors) { echo.writeProgress($0) } }
        progress?.update(current: current, target: target, elapsed: elapsed, timePerStep: timePerStep, metrics: metrics)
    }

    public func progressFinish(target: Int, elapsed: Double, timePerStep: Double, metrics: [(String, Double)]) {
        let line = KerasProgressFormat.line(current: target, target: target, elapsed: elapsed, timePerStep: timePerStep,
                                            metrics: metrics, finalize: true, colors: false)
        stdout += line + "\n"
        if let progress {
            progress.finish(target: target, elapsed: elapsed, timePerStep: timePerStep, metrics: metrics)
            self.progress = nil
        } else if let echo {
            echo.write(KerasProgressFormat.line(current: target, target: target, elapsed: elapsed, timePerStep: timePerStep,
                                                metrics: metrics, finalize: true, colors: echo.colors) + "\n", stream: .stdout)
        }
    }

    /// A line a Keras callback prints while a bar may be on screen (its `print_msg`): on a
    /// terminal the bar as last drawn stays above it, as in Jupyter; the record keeps the line.
    public func callbackMessage(_ text: String) {
        if let progress {
            echo?.write("\n", stream: .stdout)
            progress.previousWidth = 0
        }
        write(text, to: .stdout)
    }

    /// A line written at once (verbose=2's epoch summary, `Epoch 1/5`).
    public func progressLine(_ line: String) { write(line + "\n", to: .stdout) }
}

/// The live side of a cell's output: the terminal while `lesson run` replays a lesson.
public protocol OutputEcho: AnyObject {
    var colors: Bool { get }
    /// Whether progress bars are redrawn in place (a terminal) or written once at the end.
    var liveProgress: Bool { get }
    func write(_ text: String, stream: StandardStream)
    /// A progress bar as `ProgressDisplay` draws it: its own colour and carriage returns,
    /// which `write` would make visible (that is for the lesson's text).
    func writeProgress(_ text: String)
    func figure(_ figure: Figure, number: Int)
    func display(_ display: RichDisplay, number: Int)
}

extension OutputEcho {
    public func display(_ display: RichDisplay, number: Int) {}
    public func writeProgress(_ text: String) { write(text, stream: .stdout) }
}
