import Foundation
import KerasBindings

/// Shows one Keras progress bar as it advances. On a terminal the line is redrawn in place
/// (at most every 50 ms, as Keras does); otherwise only its final state is written, the way
/// Jupyter keeps it after applying the carriage returns.
public final class ProgressDisplay {
    public enum Mode { case live, finalOnly }

    let mode: Mode
    let colors: Bool
    let write: (String) -> Void
    let interval: Double
    var lastDraw = -Double.infinity
    var previousWidth = 0

    public init(mode: Mode, colors: Bool, interval: Double = 0.05, write: @escaping (String) -> Void) {
        self.mode = mode
        self.colors = colors
        self.interval = interval
        self.write = write
    }

    /// Called after each step; `now` is seconds since the bar started.
    public func update(current: Int, target: Int, elapsed: Double, timePerStep: Double, metrics: [(String, Double)]) {
        guard mode == .live, current < target, elapsed - lastDraw >= interval else { return }
        lastDraw = elapsed
        let line = KerasProgressFormat.line(current: current, target: target, elapsed: elapsed, timePerStep: timePerStep,
                                            metrics: Self.visible(metrics), finalize: false, colors: colors)
        draw(line)
    }

    /// The bar's last state, which stays on screen and in documents.
    public func finish(target: Int, elapsed: Double, timePerStep: Double, metrics: [(String, Double)]) {
        let line = KerasProgressFormat.line(current: target, target: target, elapsed: elapsed, timePerStep: timePerStep,
                                            metrics: Self.visible(metrics), finalize: true, colors: colors)
        if mode == .live { draw(line); write("\n") } else { write(line + "\n") }
        previousWidth = 0
    }

    /// Metric names can come from the lesson; the bar's own colour and `\r` are ours.
    static func visible(_ metrics: [(String, Double)]) -> [(String, Double)] {
        metrics.map { (TerminalText.visible($0.0), $0.1) }
    }

    private func draw(_ line: String) {
        let width = visibleWidth(line)
        let padding = previousWidth > width ? String(repeating: " ", count: previousWidth - width) : ""
        write("\r" + line + padding)
        previousWidth = width
    }

    func visibleWidth(_ text: String) -> Int {
        var width = 0, escape = false
        for scalar in text.unicodeScalars {
            if escape { if scalar == "m" { escape = false }; continue }
            if scalar == "\u{1B}" { escape = true; continue }
            width += 1
        }
        return width
    }
}
