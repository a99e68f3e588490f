/// The text `lesson check` prints for one lesson: one line when it reproduces, and for each
/// difference the cell, its line, a unified diff and every figure outside its tolerance.
public enum CheckReport {
    public static func text(_ result: LessonCheckResult) -> String {
        if let error = result.error { return "ERROR \(result.path): \(error)\n" }
        let compared = result.cells.filter { $0.verdicts.contains(.reproduced) }.count
        var body = ""
        var notes: [String] = []
        for cell in result.cells {
            for verdict in cell.verdicts {
                let place = "\(location(result.path, cell.fileLine)): cell \(cell.number)"
                switch verdict {
                case .reproduced, .skipped: break
                case .raised(let error):
                    // Located as `lesson run` locates it: file:line:col, the source line, a caret.
                    if let at = cell.errorLocation, let position = at.position {
                        let shown = at.description.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
                        body += "\(at.path):\(position.line):\(position.column): cell \(cell.number): raised \(error)\n"
                            + shown.map { "\($0)\n" }.joined()
                    } else {
                        body += "\(place): raised \(error)\n"
                    }
                case .didNotRaise: body += "\(place): \(didNotRaise)\n"
                case .undocumented(let stream, let text):
                    let lines = text.split(separator: "\n").count
                    let what = "\(place): undocumented \(stream.rawValue) (\(lines) line\(lines == 1 ? "" : "s")), the lesson documents no output for this cell"
                    if result.strict { body += what + "\n" } else { notes.append(what) }
                case .differs(let differences):
                    for difference in differences {
                        let code = isNotebook(result.path) ? "" : " (code at line \(cell.fileLine))"
                        body += describe(difference, place: "\(location(result.path, difference.fileLine)): cell \(cell.number)\(code)", path: result.path)
                    }
                }
            }
        }
        let skipped = result.cells.filter { $0.verdicts.contains { if case .skipped = $0 { return true } else { return false } } }.count
        var summary = "\(result.cells.count) cells, \(compared) reproduced"
        if skipped > 0 { summary += ", \(skipped) skipped" }
        if !notes.isEmpty { summary += ", \(notes.count) undocumented" }
        if result.documentsNoOutputs {
            let what = "\(result.path): the document stores no outputs, so nothing was compared (run `lesson run --update` to record them)"
            if result.strict { body += what + "\n" } else { notes.append(what) }
        }
        let notesText = notes.map { "note: \($0)\n" }.joined()
        switch result.status {
        case 0: return "ok \(result.path) (\(summary))\n" + notesText
        case 1: return "FAIL \(result.path) (\(summary))\n" + body + notesText
        default: return "ERROR \(result.path) (\(summary))\n" + body + notesText
        }
    }

    static let didNotRaise = "marked NBVAL_RAISES_EXCEPTION but raised nothing"

    /// Lines are those of the Markdown a notebook converts to, so a notebook is named without them.
    static func isNotebook(_ path: String) -> Bool { path.lowercased().hasSuffix(".ipynb") }

    static func location(_ path: String, _ line: Int) -> String { isNotebook(path) ? path : "\(path):\(line)" }

    static func describe(_ difference: StreamDifference, place: String, path: String) -> String {
        let comparison = difference.comparison
        var parts: [String] = []
        var counts: [String] = []
        if !comparison.mismatches.isEmpty { counts.append("\(comparison.mismatches.count) figure\(comparison.mismatches.count == 1 ? "" : "s") out of tolerance") }
        if !comparison.missing.isEmpty { counts.append("\(comparison.missing.count) line\(comparison.missing.count == 1 ? "" : "s") missing") }
        if !comparison.extra.isEmpty { counts.append("\(comparison.extra.count) extra line\(comparison.extra.count == 1 ? "" : "s")") }
        parts.append("\(place): \(difference.stream.rawValue) differs: \(counts.joined(separator: ", "))")
        parts += comparison.diff.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "    " + $0 }
        for mismatch in comparison.mismatches {
            let name = mismatch.key.map { "\($0) " } ?? ""
            let line = isNotebook(path) ? "output line \(mismatch.documentedLine)" : "line \(difference.fileLine + mismatch.documentedLine)"
            parts.append("    \(line): \(name)expected \(mismatch.expected), got \(mismatch.actual) (\(mismatch.rule))")
        }
        return parts.joined(separator: "\n") + "\n"
    }
}
