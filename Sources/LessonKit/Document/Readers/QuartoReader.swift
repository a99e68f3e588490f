import Foundation

/// Quarto documents (`.qmd`): code cells are ```` ```{python} ```` fences (also
/// ```` ```{python} ```` with a label after the word); `#|` lines at the top of a cell are its
/// options. They stay in the code (they are comments to Python), and two of them change
/// what `lesson check` does: `#| eval: false` (not run, like nbval's skip) and
/// `#| output: false` (run, output not compared).
public enum QuartoReader {
    public static func parse(_ source: SourceText) throws -> Lesson {
        let reader = FencedCellReader(
            codeCell: { info, body in
                guard info.hasPrefix("{python") || info.hasPrefix("{ipython") else { return nil }
                return (FencedCellReader.info(tags: tags(options(body))), 0)
            },
            format: .quarto)
        return try reader.parse(source)
    }

    /// The `#| key: value` lines that open a cell.
    public static func options(_ body: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for line in body {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("#|") else { break }
            let pair = trimmed.dropFirst(2).split(separator: ":", maxSplits: 1)
            guard pair.count == 2 else { continue }
            result[pair[0].trimmingCharacters(in: .whitespaces)] = pair[1].trimmingCharacters(in: .whitespaces)
        }
        return result
    }

    static func tags(_ options: [String: String]) -> [String] {
        var tags: [String] = []
        if options["eval"] == "false" { tags.append("nbval-skip") }
        if options["output"] == "false" { tags.append("nbval-ignore-output") }
        if options["error"] == "true" { tags.append("raises-exception") }
        return tags
    }
}
