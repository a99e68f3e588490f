import Foundation

/// Writes a run's results: the lesson with fresh outputs (`--out x.md` / `--out x.ipynb`),
/// or the lesson itself rewritten in place (`--update`). Figures go to `NAME.files/` beside
/// the written file. Every file is written through a temporary file and a rename.
public enum ResultsWriter {
    public static func write(_ lesson: Lesson, results: [CellResult], to path: String) throws {
        if lesson.format == .notebook, path == lesson.path {
            // `--update` of a notebook: everything but the outputs stays as it was.
            let updated = NotebookUpdate.rewrite(try Notebook.read(path: path), results: results)
            try AtomicFile.write(updated.serialized(), to: path)
        } else if path.lowercased().hasSuffix(".ipynb") {
            try writeNotebook(lesson, results: results, to: path)
        } else {
            try writeMarkdown(lesson, results: results, to: path)
        }
    }

    /// The outputs a document records for a cell: what it printed, and its error if any.
    public static func documentedOutputs(_ result: CellResult) -> [FreshOutput] {
        var stderr = result.stderr
        if let error = result.error { stderr += "\(error.kind): \(error.message)\n" }
        return [FreshOutput(stream: .stdout, text: result.stdout), FreshOutput(stream: .stderr, text: stderr)].filter { !$0.text.isEmpty }
    }

    static func writeMarkdown(_ lesson: Lesson, results: [CellResult], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folderName = url.deletingPathExtension().lastPathComponent + ".files"
        let folder = url.deletingLastPathComponent().appendingPathComponent(folderName)
        var outputs: [Int: [FreshOutput]] = [:]
        var figures: [Int: [String]] = [:]
        for result in results {
            outputs[result.cellNumber] = documentedOutputs(result)
            var links: [String] = []
            // IPython's pictures (`display(Image(...))`) are linked as figures are; see `pictures`.
            for (index, figure) in result.pictures.enumerated() {
                let (data, ext): (Data, String) = figure.png.map { ($0, "png") } ?? (Data((figure.svg ?? "").utf8), "svg")
                let name = "cell\(result.cellNumber)-\(index + 1).\(ext)"
                do {
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                } catch {
                    throw LessonError(path: folder.path, message: "cannot create the figures folder: \(AtomicFile.reason(error))")
                }
                try AtomicFile.write(data, to: folder.appendingPathComponent(name).path)
                links.append(folderName + "/" + name)
            }
            figures[result.cellNumber] = links
        }
        try AtomicFile.write(OutputRewriter.rewrite(lesson, outputs: outputs, figures: figures), to: path)
    }

    static func writeNotebook(_ lesson: Lesson, results: [CellResult], to path: String) throws {
        var outputs: [Int: [FreshOutput]] = [:]
        var figures: [Int: [Figure]] = [:]
        var displays: [Int: [RichDisplay]] = [:]
        for result in results {
            outputs[result.cellNumber] = documentedOutputs(result)
            figures[result.cellNumber] = result.figures
            displays[result.cellNumber] = result.displays
        }
        let notebook = NotebookConversion.notebook(from: lesson, outputs: outputs, figures: figures, displays: displays)
        try AtomicFile.write(notebook.serialized(), to: path)
    }
}
