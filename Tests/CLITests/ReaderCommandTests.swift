import Foundation
import XCTest

/// `lesson import`, `export --to` and `check` on the formats lessons are published in.
final class ReaderCommandTests: XCTestCase {
    static let fixtures = LessonProcess.repository.appendingPathComponent("Tests/LessonKitTests/Fixtures/readers")

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-readers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func testNotebookPictureSurvivesImportExportAndHTML() throws {
        let folder = try temporaryFolder()
        let notebook = Self.fixtures.appendingPathComponent("notebook-with-images.ipynb").path
        let lesson = folder.appendingPathComponent("pictures.md").path
        var result = try LessonProcess.run(["import", notebook, "-o", lesson])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("pictures.files/cell2-1.png").path))

        let exported = folder.appendingPathComponent("again.ipynb").path
        result = try LessonProcess.run(["export", lesson, "--to", "ipynb", "-o", exported])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try String(contentsOfFile: exported, encoding: .utf8)
        XCTAssertTrue(json.contains("\"image/png\""), "the picture is in the exported notebook")
        XCTAssertTrue(json.contains("\"text/html\""), "the HTML table is in the exported notebook")
        XCTAssertTrue(json.contains("\"image/svg+xml\""), "the drawing is in the exported notebook")

        let page = folder.appendingPathComponent("again.html").path
        result = try LessonProcess.run(["html", exported, "--no-run", "-o", page])
        XCTAssertEqual(result.status, 0, result.stderr)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        XCTAssertTrue(html.contains("<img alt=\"&lt;Figure&gt;\" src=\"data:image/png;base64,"), "the picture is on the page")
        XCTAssertTrue(html.contains("src=\"data:image/svg+xml;base64,"), "the drawing is on the page as an image")

        // The notebook itself, pictures with their own text.
        result = try LessonProcess.run(["html", notebook, "--no-run", "-o", "-"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("<img alt=\"&lt;Figure size 200x100 with 1 Axes&gt;\" src=\"data:image/png;base64,"))
    }

    func testExportToEachFormatAndImportBack() throws {
        let folder = try temporaryFolder()
        let myst = Self.fixtures.appendingPathComponent("myst-notebook.md").path
        for (format, name) in [("py:percent", "x.py"), ("qmd", "x.qmd"), ("myst", "x.md"), ("md", "y.md")] {
            let out = folder.appendingPathComponent(name).path
            var result = try LessonProcess.run(["export", myst, "--to", format, "-o", out])
            XCTAssertEqual(result.status, 0, "\(format): \(result.stderr)")
            result = try LessonProcess.run(["import", out])
            XCTAssertEqual(result.status, 0, "\(format): \(result.stderr)")
            XCTAssertTrue(result.stdout.contains("```python\ntotal = sum(range(5))\nprint(\"total:\", total)\n```\n\n```output\ntotal: 10\n```"), "\(format): \(result.stdout)")
        }
    }

    func testCheckOfADocumentWithoutOutputsSaysSo() throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("bare.qmd").path
        try "```{python}\nprint(1)\n```\n".write(toFile: path, atomically: true, encoding: .utf8)
        var result = try LessonProcess.run(["check", path])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("stores no outputs"), result.stdout)
        result = try LessonProcess.run(["check", path, "--strict"])
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
    }

    func testUpdateRewritesOutputsInTheFilesOwnFormat() throws {
        let folder = try temporaryFolder()
        for name in ["percent-script.py", "quarto-document.qmd", "myst-notebook.md", "notebook-with-images.ipynb"] {
            let path = folder.appendingPathComponent(name).path
            let original = try String(contentsOf: Self.fixtures.appendingPathComponent(name), encoding: .utf8)
            // A stale output: the first documented figure changed.
            let stale = original.replacingOccurrences(of: "```output\n(4, 3)", with: "```output\n(4, 9)")
                .replacingOccurrences(of: "# ```output\n# (2, 5)", with: "# ```output\n# (2, 9)")
                .replacingOccurrences(of: "```output\n(2, 3)", with: "```output\n(2, 9)")
                .replacingOccurrences(of: "\"12\\n\"", with: "\"13\\n\"")
            XCTAssertNotEqual(stale, original, name)
            try stale.write(toFile: path, atomically: true, encoding: .utf8)
            XCTAssertEqual(try LessonProcess.run(["check", path]).status, 1, name)
            let run = try LessonProcess.run(["run", path, "--update", "--quiet", "--no-checkpoints"])
            // The notebook's last cell raises (tagged raises-exception), which `run` reports.
            XCTAssertEqual(run.status, name.hasSuffix(".ipynb") ? 2 : 0, "\(name): \(run.stderr)")
            let check = try LessonProcess.run(["check", path])
            XCTAssertEqual(check.status, 0, "\(name): \(check.stdout)")
            let updated = try String(contentsOfFile: path, encoding: .utf8)
            if name.hasSuffix(".ipynb") {
                XCTAssertTrue(updated.contains("\"id\": \"intro\""), "the notebook's own cell ids stay")
            } else {
                XCTAssertFalse(updated.contains("```python"), "\(name): written in its own format")
            }
        }
    }
}
