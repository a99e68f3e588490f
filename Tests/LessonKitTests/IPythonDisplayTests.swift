import Foundation
import XCTest
@testable import LessonKit

/// `IPython.display`'s rich objects: what a run records, and how each renderer shows it.
/// The reprs and MIME types are IPython 8's (checked with pip `ipython`).
final class IPythonDisplayTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-displays-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// A 2×1 PNG header (signature and IHDR): enough for `Image` and for its size note.
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]) + Data("IHDR".utf8)
        + Data([0, 0, 0, 2, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE])

    static let lessonText = """
        ```python
        from IPython.display import display, Image, HTML, Markdown, SVG
        display(Image(filename="dot.png"))
        display(HTML("<b>bold</b><script>alert(1)</script><table><tr><td>7</td></tr></table>"))
        print(repr(Markdown("**x**")), HTML("<i>y</i>").data)
        Markdown("**x** [a](javascript:alert(2))")
        ```

        ```python
        SVG('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="20"><script>x()</script></svg>')
        ```

        """

    func run(echo: TerminalReplay? = nil) throws -> (Lesson, [CellResult]) {
        try Self.png.write(to: folder.appendingPathComponent("dot.png"))
        let path = folder.appendingPathComponent("displays.md").path
        try Self.lessonText.write(toFile: path, atomically: true, encoding: .utf8)
        let lesson = try LessonParser.parse(path: path)
        let executor = try LessonExecutor(lesson: lesson, seed: 1, overrides: [])
        let outcome = Session(lesson: lesson, executor: executor).run(observer: echo, echo: echo)
        for result in outcome.results { XCTAssertNil(result.error, result.error?.description ?? "") }
        return (lesson, outcome.results)
    }

    func testRunRecordsDisplaysWithIPythonsMimeTypesAndReprs() throws {
        let (_, results) = try run()
        XCTAssertEqual(results.count, 2)
        let first = results[0].displays
        XCTAssertEqual(first.map(\.mimeType), ["image/png", "text/html", "text/markdown"])
        XCTAssertEqual(first.map(\.text), ["<IPython.core.display.Image object>", "<IPython.core.display.HTML object>", "<IPython.core.display.Markdown object>"])
        XCTAssertEqual(first.first?.content, .png(Self.png))
        // Printing a display object prints its repr; the last expression is a display, not Out[n].
        XCTAssertEqual(results[0].stdout, "<IPython.core.display.Markdown object> <i>y</i>\n")
        XCTAssertNil(results[0].displayed)
        XCTAssertEqual(results[1].displays.map(\.mimeType), ["image/svg+xml"])
        XCTAssertEqual(results[1].displays.first?.text, "<IPython.core.display.SVG object>")
    }

    func testImageErrorsAndFilePolicy() throws {
        let outcome = try runLesson(cell("from IPython.display import Image\nImage()"), path: folder.appendingPathComponent("a.md").path)
        XCTAssertEqual(outcome.results.first?.error?.kind, "ValueError")
        XCTAssertEqual(outcome.results.first?.error?.message, "No image data found. Expecting filename, url, or data.")
        let missing = try runLesson(cell("from IPython.display import Image\nImage(filename='nope.png')"), path: folder.appendingPathComponent("b.md").path)
        XCTAssertEqual(missing.results.first?.error?.kind, "FileNotFoundError")
        let outside = try runLesson(cell("from IPython.display import Image\nImage(filename='/etc/passwd')"), path: folder.appendingPathComponent("c.md").path)
        XCTAssertEqual(outside.results.first?.error?.kind, "PermissionError")
        try Data("not a png".utf8).write(to: folder.appendingPathComponent("text.png"))
        let notPNG = try runLesson(cell("from IPython.display import Image\nImage('text.png')"), path: folder.appendingPathComponent("d.md").path)
        XCTAssertEqual(notPNG.results.first?.error?.kind, "ValueError")
    }

    func testHTMLPageSanitisesLessonHTMLAndInlinesPictures() throws {
        let (lesson, results) = try run()
        let page = try HTMLPage.render(lesson: lesson, results: Dictionary(uniqueKeysWithValues: results.map { ($0.cellNumber, $0) }))
        XCTAssertTrue(page.contains("data:image/png;base64," + Self.png.base64EncodedString()))
        XCTAssertTrue(page.contains("<td>7</td>"), "the table survives")
        XCTAssertFalse(page.contains("<script>alert(1)"), "lesson script is dropped (the code shows it escaped)")
        XCTAssertTrue(page.contains("<p>bold</p>"), "HTML outside a table shows as its text")
        XCTAssertFalse(page.contains("href=\"javascript:"), "cmark's safe mode drops the link")
        XCTAssertTrue(page.contains("<strong>x</strong>"), "Markdown is rendered")
        XCTAssertFalse(page.contains("<script>x()</script>"), "an SVG is no page markup")
        XCTAssertTrue(page.contains("data:image/svg+xml;base64,"))
    }

    func testTerminalNotesEachDisplay() throws {
        var text = ""
        _ = try run(echo: TerminalReplay(style: TerminalStyle(colors: false), quiet: false, liveProgress: false, out: { text += $0 }))
        XCTAssertTrue(text.contains("[display 1: image/png 2×1]"), text)
        XCTAssertTrue(text.contains("[display 2: text/html]\nbold"), text)
        XCTAssertTrue(text.contains("[display 3: text/markdown]\n**x**"), text)
        XCTAssertTrue(text.contains("[display 1: image/svg+xml 10×20]"), text)
    }

    func testNotebookGetsDisplayDataAndReadsItBack() throws {
        let (lesson, results) = try run()
        let path = folder.appendingPathComponent("out.ipynb").path
        try ResultsWriter.write(lesson, results: results, to: path)
        let json = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: path)))
        let outputs = json["cells"]?.array?.compactMap { $0["outputs"]?.array }.flatMap { $0 } ?? []
        let displays = outputs.filter { $0["output_type"]?.string == "display_data" }
        XCTAssertEqual(displays.count, 4)
        XCTAssertEqual(displays.first?["data"]?["image/png"]?.string, Self.png.base64EncodedString())
        XCTAssertEqual(displays.last?["data"]?["text/plain"]?.multilineText, "<IPython.core.display.SVG object>")
        XCTAssertEqual(displays[2]["data"]?["text/markdown"]?.multilineText, "**x** [a](javascript:alert(2))")
        let back = try Notebook.read(path: path)
        XCTAssertEqual(back.cells.flatMap(\.outputs).compactMap(\.display).count, 3, "png, html and svg come back as documented displays")
    }

    func testMarkdownLinksPicturesInFilesFolder() throws {
        let (lesson, results) = try run()
        let path = folder.appendingPathComponent("out.md").path
        try ResultsWriter.write(lesson, results: results, to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains("](out.files/cell1-1.png)"), text)
        XCTAssertTrue(text.contains("](out.files/cell2-1.svg)"), text)
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("out.files/cell1-1.png")), Self.png)
    }
}
