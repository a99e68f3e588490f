import Foundation

/// What a running cell has shown so far, as a terminal would show it: a carriage return
/// redraws the last line (Keras's live progress bar). `changed` is called at most every
/// `interval` seconds, and once more when the cell ends, so a browser sees the bar move and
/// the training chart grow without a page per training step.
public final class LiveCellOutput: OutputEcho, SessionObserver {
    public let colors = false
    public let liveProgress = true
    let interval: Double
    let changed: (_ cell: Int, _ partial: CellResult) -> Void
    let finished: (_ cell: Int, _ result: CellResult) -> Void
    var cell: Int?
    var stdoutLines: [String] = [""]
    var stderr = ""
    var figures: [Figure] = []
    var lastSent = -Double.infinity
    /// Bounds a cell's live text: a loop printing forever must not grow the server.
    static let maxLiveBytes = 4 << 20
    var bytes = 0

    public init(interval: Double = 0.2, changed: @escaping (Int, CellResult) -> Void,
                finished: @escaping (Int, CellResult) -> Void) {
        self.interval = interval
        self.changed = changed
        self.finished = finished
    }

    public func willShowProse(_ prose: ProseCell) {}
    public func skipped(_ cell: CodeCell, reason: String) {}

    public func willRun(_ cell: CodeCell, output: CellOutput) {
        self.cell = cell.number
        stdoutLines = [""]; stderr = ""; figures = []; bytes = 0
        lastSent = -Double.infinity
        send(force: true)
    }

    public func didRun(_ cell: CodeCell, result: CellResult) {
        self.cell = nil
        finished(cell.number, result)
    }

    public func write(_ text: String, stream: StandardStream) {
        guard bytes < Self.maxLiveBytes else { return }
        bytes += text.utf8.count
        if stream == .stderr { stderr += text } else { apply(text) }
        send(force: false)
    }

    public func figure(_ figure: Figure, number: Int) {
        figures.append(figure)
        send(force: true)
    }

    /// Terminal semantics for `\r` and `\n`.
    func apply(_ text: String) {
        var line = stdoutLines.removeLast()
        for ch in text {
            switch ch {
            case "\r": line = ""
            case "\n": stdoutLines.append(line); line = ""
            default: line.append(ch)
            }
        }
        stdoutLines.append(line)
    }

    /// The cell's output so far, in the shape of a result.
    var partial: CellResult? {
        guard let cell else { return nil }
        var result = CellResult(cellNumber: cell)
        result.stdout = stdoutLines.joined(separator: "\n")
        result.stderr = stderr
        result.figures = figures
        if let record = TrainingChart.record(fromOutput: result.stdout) { result.trainings = [record] }
        return result
    }

    func send(force: Bool) {
        let now = ProcessInfo.processInfo.systemUptime
        guard force || now - lastSent >= interval, let partial else { return }
        lastSent = now
        changed(partial.cellNumber, partial)
    }
}
