/// The ways a lesson can be written. Chosen by extension where that is unambiguous
/// (`.ipynb`, `.qmd`, `.py`, `.txt`) and by content for Markdown, since keras.io pages,
/// MyST notebooks and jupytext Markdown all end in `.md`.
public enum LessonFormat: String, CaseIterable, Sendable {
    /// Ours: ```` ```python ```` cells, ```` ```output ```` blocks (also jupytext Markdown).
    case markdown = "md"
    /// keras.io: outputs in `<div class="k-default-codeblock">` and `<pre>` blocks.
    case kerasIO = "keras.io"
    /// MyST Markdown notebooks: ```` ```{code-cell} ipython3 ````.
    case myst
    /// jupytext percent scripts: `# %%` and `# %% [markdown]`.
    case percent = "py:percent"
    /// Quarto: ```` ```{python} ```` cells with `#|` options.
    case quarto = "qmd"
    case notebook = "ipynb"
    /// Text pasted from a rendered notebook, with `In [1]:` markers.
    case transcript = "txt"

    public static func detect(path: String, text: String) -> LessonFormat {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".ipynb") { return .notebook }
        if lowered.hasSuffix(".txt") { return .transcript }
        if lowered.hasSuffix(".qmd") { return .quarto }
        if lowered.hasSuffix(".py") { return .percent }
        return detectMarkdown(text)
    }

    /// Looks at line starts only, so prose that merely mentions a marker does not count.
    static func detectMarkdown(_ text: String) -> LessonFormat {
        var inFrontMatter = false
        var lineNumber = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            lineNumber += 1
            let trimmed = line.drop { $0 == " " }
            if lineNumber == 1, trimmed.hasPrefix("---") { inFrontMatter = true; continue }
            if inFrontMatter {
                if trimmed.hasPrefix("---") || trimmed.hasPrefix("...") { inFrontMatter = false }
                if trimmed.hasPrefix("format_name: myst") { return .myst }
                continue
            }
            if trimmed.hasPrefix("<div class=\"k-default-codeblock\">") { return .kerasIO }
            if trimmed.hasPrefix("<pre style=\"white-space:pre;") { return .kerasIO }
            if trimmed.hasPrefix("```{code-cell}") || trimmed.hasPrefix("```{code-cell ") { return .myst }
            if trimmed.hasPrefix("```{python") { return .quarto }
        }
        return .markdown
    }

    /// The usual file extension of a document in this format.
    public var fileExtension: String {
        switch self {
        case .markdown, .kerasIO, .myst: return "md"
        case .percent: return "py"
        case .quarto: return "qmd"
        case .notebook: return "ipynb"
        case .transcript: return "txt"
        }
    }
}
