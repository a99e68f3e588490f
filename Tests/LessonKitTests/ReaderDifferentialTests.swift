import Foundation
import XCTest
@testable import LessonKit

/// Our MyST and percent readers against jupytext's own (expectations from
/// `scripts/jupytext-expectations`): the same code cells with the same code and tags, and the
/// same Markdown cells, where jupytext's Markdown cells holding only an ```` ```output ````
/// fence are our documented outputs.
final class ReaderDifferentialTests: XCTestCase {
    struct Expected: Decodable {
        struct Cell: Decodable { var type: String; var source: String; var tags: [String] }
        var files: [String: [Cell]]
    }

    func testCellsAreTheOnesJupytextReads() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("readers/jupytext-cells.json")))
        let expected = try JSONDecoder().decode(Expected.self, from: data)
        XCTAssertEqual(expected.files.count, 2)
        for (name, cells) in expected.files {
            let lesson = try LessonLoader.load(TestPaths.fixture("readers/" + name))
            let code = cells.filter { $0.type == "code" }
            XCTAssertEqual(lesson.codeCells.map { $0.code.trimmingLineEnd() }, code.map(\.source), name)
            XCTAssertEqual(lesson.codeCells.map { NBValMarkers.tags(info: $0.info) }, code.map { $0.tags.map(MySTReader.nbvalTag) }, name)
            let markdown = cells.filter { $0.type == "markdown" }
            let outputs = markdown.filter { $0.source.hasPrefix("```output") }
            XCTAssertEqual(lesson.codeCells.flatMap(\.outputs).map(\.text),
                           outputs.map { $0.source.split(separator: "\n").dropFirst().dropLast().joined(separator: "\n") + "\n" }, name)
            let prose = lesson.cells.compactMap { if case .prose(let p) = $0 { return p.text.trimmingCharacters(in: .whitespacesAndNewlines) } else { return nil } }
            XCTAssertEqual(prose, markdown.filter { !$0.source.hasPrefix("```output") }.map(\.source), name)
        }
    }

    /// What we export as MyST and percent, jupytext reads back with the same code cells.
    /// Needs jupytext (`pip install jupytext`); skipped without it.
    func testJupytextReadsWhatWeExport() throws {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import jupytext"]
        probe.standardError = FileHandle.nullDevice
        try probe.run(); probe.waitUntilExit()
        guard probe.terminationStatus == 0 else { throw XCTSkip("jupytext is not installed (pip install jupytext)") }
        let folder = try TestPaths.temporaryFolder()
        for name in ["myst-notebook.md", "percent-script.py", "quarto-document.qmd", "notebook-with-images.ipynb"] {
            let lesson = try LessonLoader.load(TestPaths.fixture("readers/" + name))
            for (format, ext, fmt) in [(LessonFormat.myst, "md", "md:myst"), (.percent, "py", "py:percent")] {
                let path = folder.appendingPathComponent("export-\(name).\(ext)").path
                try AtomicFile.write(LessonWriter.write(lesson, as: format), to: path)
                let read = Process()
                read.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                read.arguments = ["python3", "-c", "import jupytext, json, sys; nb = jupytext.read(sys.argv[1], fmt=sys.argv[2]); "
                                  + "print(json.dumps([c.source for c in nb.cells if c.cell_type == 'code']))", path, fmt]
                let pipe = Pipe()
                read.standardOutput = pipe
                try read.run()
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                read.waitUntilExit()
                XCTAssertEqual(read.terminationStatus, 0, "\(name) as \(fmt)")
                let sources = try JSONDecoder().decode([String].self, from: data)
                XCTAssertEqual(sources, lesson.codeCells.map { $0.code.trimmingLineEnd() }, "\(name) as \(fmt)")
            }
        }
    }
}
