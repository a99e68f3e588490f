import Foundation

/// MyST Markdown notebooks (jupytext's `myst` format, Jupyter Book): code cells are
/// ```` ```{code-cell} ipython3 ```` fences whose first lines may hold options, either
/// `:tags: [skip-execution]` lines or a `---` YAML block; `+++` separates Markdown cells.
public enum MySTReader {
    static let kernels: Set<String> = ["", "ipython3", "ipython", "python3", "python"]

    public static func parse(_ source: SourceText) throws -> Lesson {
        let reader = FencedCellReader(
            codeCell: { info, body in
                guard info.hasPrefix("{code-cell}") else { return nil }
                let kernel = info.dropFirst("{code-cell}".count).trimmingCharacters(in: .whitespaces).lowercased()
                guard kernels.contains(kernel) else { return nil }
                let (tags, skipped) = options(body)
                return (FencedCellReader.info(tags: tags.map(nbvalTag)), skipped)
            },
            isSeparator: { $0.hasPrefix("+++") },
            format: .myst)
        return try reader.parse(source)
    }

    /// The tags of a cell's option lines and how many lines they take.
    static func options(_ body: [String]) -> (tags: [String], lines: Int) {
        var tags: [String] = []
        if body.first?.trimmingCharacters(in: .whitespaces) == "---",
           let end = body.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) {
            for line in body[1..<end] where line.trimmingCharacters(in: .whitespaces).hasPrefix("tags:") {
                tags += list(line.drop { $0 != ":" }.dropFirst())
            }
            return (tags, end + 1)
        }
        var count = 0
        for line in body {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix(":"), let colon = trimmed.dropFirst().firstIndex(of: ":") else { break }
            if trimmed[trimmed.index(after: trimmed.startIndex)..<colon] == "tags" {
                tags += list(trimmed[trimmed.index(after: colon)...])
            }
            count += 1
        }
        return (tags, count)
    }

    /// `[a, "b"]` → `a`, `b`.
    static func list(_ text: Substring) -> [String] {
        text.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            .split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"'")) }.filter { !$0.isEmpty }
    }

    /// Jupyter Book's `skip-execution` is nbval's `nbval-skip`.
    static func nbvalTag(_ tag: String) -> String { tag == "skip-execution" ? "nbval-skip" : tag }
}
