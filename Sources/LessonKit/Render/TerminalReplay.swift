import Foundation

/// `lesson run` on a terminal: the lesson as a reader sees it, prose rendered from cmark,
/// code with light colour, then each cell's output as it happens (progress bars redrawn
/// in place on a terminal, only their final line when piped).
public final class TerminalReplay: SessionObserver, OutputEcho {
    public let style: TerminalStyle
    public let quiet: Bool
    public let liveProgress: Bool
    let prose: TerminalProse
    let out: (String) -> Void
    let err: (String) -> Void
    var atLineStart = true

    public var colors: Bool { style.colors }

    public init(style: TerminalStyle, quiet: Bool, liveProgress: Bool,
                out: @escaping (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) },
                err: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.style = style
        self.quiet = quiet
        self.liveProgress = liveProgress
        self.prose = TerminalProse(style: style)
        self.out = out
        self.err = err
    }

    public func willShowProse(_ cell: ProseCell) {
        guard !quiet else { return }
        out(prose.render(cell.text) + "\n")
    }

    public func willRun(_ cell: CodeCell, output: CellOutput) {
        guard !quiet else { return }
        let steps = StepGuess.steps(in: cell.code).map(\.rawValue).joined(separator: " · ")
        let label = "In [\(cell.number)]" + (steps.isEmpty ? "" : " · " + steps)
        out(style.dim("── ") + style.bold(label) + " " + style.dim(String(repeating: "─", count: max(3, 60 - label.count))) + "\n")
        var code = cell.code
        if code.hasSuffix("\n") { code.removeLast() }
        out(PythonHighlighter.terminal(code, style: style) + "\n\n")
    }

    public func didRun(_ cell: CodeCell, result: CellResult) {
        if !atLineStart { out("\n"); atLineStart = true }
        if let error = result.error {
            err(style.red("lesson: error: " + TerminalText.visible(error.description)) + "\n")
        }
        if !quiet && (!result.stdout.isEmpty || !result.stderr.isEmpty || !result.figures.isEmpty || !result.displays.isEmpty) { out("\n") }
    }

    public func skipped(_ cell: CodeCell, reason: String) {
        guard !quiet else { return }
        out(style.dim("── In [\(cell.number)] not run: " + TerminalText.visible(reason)) + "\n\n")
    }

    /// The lesson's own output: its controls made visible.
    public func write(_ text: String, stream: StandardStream) {
        let shown = TerminalText.visible(text)
        if stream == .stderr { err(style.yellow(shown)); return }
        out(shown)
        if let last = shown.last { atLineStart = last == "\n" }
    }

    /// Our progress bar: written as drawn (its metric names are made visible by `ProgressDisplay`).
    public func writeProgress(_ text: String) {
        out(text)
        if let last = text.last { atLineStart = last == "\n" }
    }

    public func figure(_ figure: Figure, number: Int) {
        let title = figure.title.map { ": " + TerminalText.visible($0) } ?? ""
        out(style.dim("[figure \(number)\(title)]") + "\n")
        atLineStart = true
    }

    /// An IPython display: a note naming it; HTML as its text and Markdown as written.
    public func display(_ display: RichDisplay, number: Int) {
        if !atLineStart { out("\n") }
        switch display.content {
        case .png(let data):
            let size = PNGSize.read(data).map { " \($0.width)×\($0.height)" } ?? ""
            out(style.dim("[display \(number): image/png\(size)]") + "\n")
        case .svg(let svg):
            let size = SVGSize.read(svg).map { " \($0.width)×\($0.height)" } ?? ""
            out(style.dim("[display \(number): image/svg+xml\(size)]") + "\n")
        case .html(let html), .markdown(let html):
            out(style.dim("[display \(number): \(display.mimeType)]") + "\n")
            var text = display.mimeType == "text/html" ? HTMLText.terminalText(html) : html
            while text.hasSuffix("\n") { text.removeLast() }
            if !text.isEmpty { out(TerminalText.visible(text) + "\n") }
        }
        atLineStart = true
    }
}
