/// How each format writes one documented output block, for `--update` and `export`:
/// a ```` ```output ```` fence (ours, MyST, Quarto), a `k-default-codeblock` div (keras.io),
/// or a Markdown cell holding the fence (jupytext percent).
enum OutputBlockStyle {
    static func render(_ output: FreshOutput, info: String?, format: LessonFormat, newline: String = "\n") -> String {
        switch format {
        case .kerasIO:
            var body = output.text
            if body.hasSuffix("\n") { body.removeLast() }
            let fence = String(repeating: "`", count: max(3, OutputRewriter.longestBacktickRun(in: body) + 1))
            let lines = body.isEmpty ? [] : body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            return (["<div class=\"k-default-codeblock\">", fence] + lines + ["", fence, "</div>"]).joined(separator: newline)
        case .percent:
            let fenced = OutputRewriter.render(output, info: info, newline: "\n")
            let lines = fenced.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "#" : "# " + $0 }
            return (["# %% [markdown]"] + lines).joined(separator: newline)
        case .markdown, .myst, .quarto, .notebook, .transcript:
            return OutputRewriter.render(output, info: info, newline: newline)
        }
    }

    /// Whether figure links (a Markdown paragraph) can be written under a cell.
    static func keepsFigureLinks(_ format: LessonFormat) -> Bool {
        switch format {
        case .markdown, .kerasIO, .transcript: return true
        case .myst, .quarto, .percent, .notebook: return false
        }
    }
}
