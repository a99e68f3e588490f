import Foundation

/// `lesson run --update` of a notebook: the notebook as it was (metadata, Markdown cells,
/// ids, tags), with the outputs of the code cells that ran replaced by the fresh ones.
public enum NotebookUpdate {
    public static func rewrite(_ notebook: Notebook, results: [CellResult]) -> Notebook {
        var updated = notebook
        let byNumber = Dictionary(results.map { ($0.cellNumber, $0) }, uniquingKeysWith: { $1 })
        var number = 0
        for index in updated.cells.indices where updated.cells[index].kind == .code {
            number += 1
            guard let result = byNumber[number] else { continue }
            var outputs: [NotebookOutput] = []
            if !result.stdout.isEmpty { outputs.append(.stream(.stdout, result.stdout)) }
            if !result.stderr.isEmpty { outputs.append(.stream(.stderr, result.stderr)) }
            outputs += result.figures.map { figure in figure.png.map { .image(png: $0, text: "<Figure>") } ?? .svg(figure.svg ?? "") }
            outputs += result.displays.map(NotebookOutput.richDisplay)
            if let error = result.error { outputs.append(.error(name: error.kind, value: error.message, traceback: ["\(error.kind): \(error.message)"])) }
            updated.cells[index].outputs = outputs
            updated.cells[index].executionCount = number
        }
        return updated
    }
}
