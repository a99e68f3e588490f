import Foundation

/// A lesson written out in one of the text formats `lesson export --to` offers: our
/// Markdown, MyST, jupytext percent or Quarto. Prose goes as it is (uncommented or
/// commented as the format wants), code cells in the format's own fences with their tags as
/// the format spells them, and documented outputs as `OutputBlockStyle` writes them, so
/// that reading the result back gives the same cells, outputs and prose.
public enum LessonWriter {
    public static func write(_ lesson: Lesson, as format: LessonFormat) -> String {
        var pieces: [String] = []
        if let header = header(lesson, format: format) { pieces.append(header) }
        var previousWasProse = false
        for cell in lesson.cells {
            switch cell {
            case .prose(let prose):
                let text = NotebookConversion.trimBlankLines(prose.text.replacingOccurrences(of: "\r\n", with: "\n"))
                guard !text.isEmpty else { continue }
                if previousWasProse, format == .myst { pieces.append("+++\n") }
                pieces.append(proseBlock(text, format: format))
                previousWasProse = true
            case .code(let code):
                pieces.append(codeBlock(code, format: format))
                for output in code.outputs where !output.text.isEmpty {
                    let info = output.info.hasPrefix("output") ? output.info : nil
                    pieces.append(OutputBlockStyle.render(FreshOutput(stream: output.stream, text: output.html ?? output.text), info: info, format: format) + "\n")
                    if format == .markdown, output.html != nil, let plain = output.plainText { pieces.append(PlainTextAlternative.block(plain) + "\n") }
                }
                if format == .markdown, let figures = code.figures, !figures.paths.isEmpty {
                    pieces.append(OutputRewriter.figureParagraph(figures.paths, newline: "\n") + "\n")
                }
                previousWasProse = false
            }
        }
        return pieces.joined(separator: "\n")
    }

    /// The front matter in the format's place: YAML between `---` lines (commented in a
    /// percent script), with the keys jupytext and Quarto look for added when missing.
    static func header(_ lesson: Lesson, format: LessonFormat) -> String? {
        var yaml = lesson.frontMatter.yaml ?? ""
        if !yaml.isEmpty, !yaml.hasSuffix("\n") { yaml += "\n" }
        var dropped: Set<String> = []
        if format == .myst || format == .percent {
            // Quarto's `jupyter: python3` is a kernel name; jupytext reads `jupyter:` as its mapping.
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            let kept = lines.filter { !($0.hasPrefix("jupyter:") && !$0.dropFirst("jupyter:".count).allSatisfy(\.isWhitespace)) }
            if kept.count != lines.count { dropped.insert("jupyter"); yaml = kept.joined(separator: "\n") }
        }
        let has = { (key: String) in lesson.frontMatter.values[key] != nil && !dropped.contains(key) }
        // jupytext's header names the format; it must name the one written.
        if format == .myst { yaml = yaml.replacingOccurrences(of: "format_name: markdown", with: "format_name: myst") }
        else { yaml = yaml.replacingOccurrences(of: "format_name: myst", with: "format_name: markdown") }
        switch format {
        case .myst:
            if !has("jupytext") { yaml += "jupytext:\n  text_representation:\n    extension: .md\n    format_name: myst\n" }
            if !has("kernelspec") { yaml += "kernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n" }
        case .quarto:
            if !has("jupyter") { yaml += "jupyter: python3\n" }
        case .percent:
            if !has("jupyter") && !has("kernelspec") {
                yaml += "jupyter:\n  kernelspec:\n    display_name: Python 3\n    language: python\n    name: python3\n"
            }
        default: break
        }
        guard !yaml.isEmpty else { return nil }
        if format == .percent {
            let lines = ["---"] + yaml.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) + ["---"]
            return lines.map { $0.isEmpty ? "#" : "# " + $0 }.joined(separator: "\n") + "\n"
        }
        return "---\n" + yaml + "---\n"
    }

    static func proseBlock(_ text: String, format: LessonFormat) -> String {
        guard format == .percent else { return text + "\n" }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "#" : "# " + $0 }
        return (["# %% [markdown]"] + lines).joined(separator: "\n") + "\n"
    }

    static func codeBlock(_ code: CodeCell, format: LessonFormat) -> String {
        let tags = NBValMarkers.tags(info: code.info)
        switch format {
        case .percent:
            let marker = tags.isEmpty ? "# %%" : "# %% tags=[" + tags.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
            var body = code.code
            if body.hasSuffix("\n") { body.removeLast() }
            return marker + "\n" + (body.isEmpty ? "" : body + "\n")
        case .myst:
            let myst = tags.map { $0 == "nbval-skip" ? "skip-execution" : $0 }
            var body = code.code
            if !myst.isEmpty { body = ":tags: [" + myst.joined(separator: ", ") + "]\n" + body }
            return NotebookConversion.fenced(body, info: "{code-cell} ipython3")
        case .quarto:
            var options = ""
            let written = QuartoReader.options(code.code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
            if tags.contains("nbval-skip"), written["eval"] == nil { options += "#| eval: false\n" }
            if tags.contains("nbval-ignore-output"), written["output"] == nil { options += "#| output: false\n" }
            if tags.contains("raises-exception"), written["error"] == nil { options += "#| error: true\n" }
            return NotebookConversion.fenced(options + code.code, info: "{python}")
        default:
            return NotebookConversion.fenced(code.code, info: code.info.isEmpty ? "python" : code.info)
        }
    }
}
