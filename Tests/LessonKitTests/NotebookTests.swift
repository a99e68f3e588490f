import XCTest
@testable import LessonKit

final class NotebookTests: XCTestCase {
    func testLessonToNotebookAndBackKeepsTheCells() throws {
        for url in try TestPaths.lessonFiles() + [URL(fileURLWithPath: TestPaths.fixture("odd-spacing.md")), URL(fileURLWithPath: TestPaths.fixture("front-matter.md"))] {
            let lesson = try LessonParser.parse(path: url.path)
            let json = NotebookConversion.notebook(from: lesson).serialized()
            let notebook = try Notebook.decode(Data(json.utf8), path: "x.ipynb")
            let back = try LessonParser.parse(text: try NotebookConversion.markdown(from: notebook), path: "back.md")
            XCTAssertEqual(back.codeCells.map(\.code), lesson.codeCells.map(\.code), url.path)
            XCTAssertEqual(back.codeCells.map { $0.outputs.map(\.text) }, lesson.codeCells.map { $0.outputs.map(\.text) }, url.path)
            XCTAssertEqual(back.codeCells.map { $0.outputs.map(\.options) }, lesson.codeCells.map { $0.outputs.map(\.options) }, url.path)
            XCTAssertEqual(back.frontMatter.yaml, lesson.frontMatter.yaml, url.path)
            let prose = { (l: Lesson) in l.cells.compactMap { cell -> String? in
                if case .prose(let p) = cell { return NotebookConversion.trimBlankLines(p.text) } else { return nil } } }
            XCTAssertEqual(prose(back), prose(lesson), url.path)
        }
    }

    func testReadsJupyterOutputsOfEveryKind() throws {
        let png = Data([0x89, 0x50, 0x4E, 0x47, 1, 2, 3])
        let json = """
        {"nbformat": 4, "nbformat_minor": 4, "metadata": {},
         "cells": [
          {"cell_type": "markdown", "metadata": {}, "source": ["# Title\\n", "Text"]},
          {"cell_type": "code", "execution_count": 3, "metadata": {"tags": ["nbval-skip"]}, "source": "x = 1\\nx",
           "outputs": [
             {"output_type": "stream", "name": "stdout", "text": ["a\\n", "b\\n"]},
             {"output_type": "stream", "name": "stderr", "text": "warn\\n"},
             {"output_type": "execute_result", "execution_count": 3, "metadata": {}, "data": {"text/plain": ["1"]}},
             {"output_type": "display_data", "metadata": {}, "data": {"image/png": "\(png.base64EncodedString())", "text/plain": "<Figure>"}},
             {"output_type": "display_data", "metadata": {}, "data": {"text/html": "<b>x</b>"}}
           ]}
         ]}
        """
        let notebook = try Notebook.decode(Data(json.utf8), path: "n.ipynb")
        XCTAssertEqual(notebook.cells.count, 2)
        XCTAssertEqual(notebook.cells[0].source, "# Title\nText")
        XCTAssertEqual(notebook.cells[1].tags, ["nbval-skip"])
        XCTAssertEqual(notebook.cells[1].outputs, [.stream(.stdout, "a\nb\n"), .stream(.stderr, "warn\n"),
                                                   .executeResult(text: "1", executionCount: 3), .image(png: png, text: "<Figure>"),
                                                   .html(html: "<b>x</b>", text: nil, executionCount: nil)])
        let folder = try TestPaths.temporaryFolder()
        let markdown = try NotebookConversion.markdown(from: notebook, imageFolder: folder.path, linkPrefix: "n.files/")
        let lesson = try LessonParser.parse(text: markdown, path: "n.md")
        // An HTML value is an `output html` block, compared as the text a terminal shows of it.
        XCTAssertEqual(lesson.codeCells.first?.outputs.map(\.text), ["a\nb\n1\n", "warn\n", "x\n"])
        XCTAssertEqual(lesson.codeCells.first?.combinedOutput(.stdout)?.text, "a\nb\n1\nx\n")
        XCTAssertTrue(markdown.contains("```output html\n<b>x</b>\n```"))
        XCTAssertTrue(markdown.contains("](n.files/cell1-1.png)"))
        XCTAssertEqual(FileManager.default.contents(atPath: folder.appendingPathComponent("cell1-1.png").path), png)
    }

    func testBrokenNotebooksGiveLocatedErrors() {
        let cases: [(String, String)] = [
            ("{\"cells\": [\n  {\"cell_type\": x}]}", "does not parse"),
            ("[1, 2]", "top level is not a JSON object"),
            ("{\"nbformat\": 3, \"cells\": []}", "only nbformat 4"),
            ("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\"}]}", "cell 1 has no source"),
            ("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\", \"source\": \"\", \"outputs\": [{\"output_type\": \"weird\"}]}]}", "unknown output_type"),
        ]
        for (json, fragment) in cases {
            XCTAssertThrowsError(try Notebook.decode(Data(json.utf8), path: "b.ipynb")) { error in
                let message = (error as? LessonError)?.description ?? "\(error)"
                XCTAssertTrue(message.hasPrefix("b.ipynb"), message)
                XCTAssertTrue(message.contains(fragment), message)
            }
        }
        XCTAssertThrowsError(try Notebook.decode(Data("{\"cells\": [\n  {\"cell_type\": x}]}".utf8), path: "b.ipynb")) { error in
            XCTAssertEqual((error as? LessonError)?.position?.line, 2)
        }
    }

    /// Jupyter's own validator accepts what we write.
    func testExportPassesNbformatValidate() throws {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", "import nbformat"]
        check.standardError = FileHandle.nullDevice
        try check.run(); check.waitUntilExit()
        guard check.terminationStatus == 0 else {
            throw XCTSkip("nbformat is not installed (pip install nbformat); .ci/run installs it")
        }
        let folder = try TestPaths.temporaryFolder()
        let readers = ["myst-notebook.md", "percent-script.py", "quarto-document.qmd", "notebook-with-images.ipynb"]
            .map { URL(fileURLWithPath: TestPaths.fixture("readers/" + $0)) }
        for url in try TestPaths.lessonFiles() + [URL(fileURLWithPath: TestPaths.fixture("odd-spacing.md"))] + readers {
            let lesson = try LessonLoader.load(url.path)
            let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==") ?? Data()
            let notebook = NotebookConversion.notebook(from: lesson, images: [1: [png]])
            let path = folder.appendingPathComponent(url.deletingPathExtension().lastPathComponent + ".ipynb").path
            try AtomicFile.write(notebook.serialized(), to: path)
            let validate = Process()
            validate.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            validate.arguments = ["python3", "-c", "import nbformat, sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))", path]
            let pipe = Pipe()
            validate.standardError = pipe
            try validate.run(); validate.waitUntilExit()
            let errors = String(data: pipe.fileHandleForReading.readDataToEndOfFile(), encoding: .utf8) ?? ""
            XCTAssertEqual(validate.terminationStatus, 0, "\(url.lastPathComponent): \(errors)")
        }
    }
}
