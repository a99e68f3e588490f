import Foundation
import XCTest
@testable import LessonKit
import Pyplot

/// Hostile or broken documents in the published formats: a located error or a lesson, fast,
/// never a crash.
final class ReaderHardeningTests: XCTestCase {
    func read(_ text: String, _ path: String) throws -> Lesson { try LessonReader.read(SourceText(path: path, text: text)) }

    func testUnclosedFencesAreLocatedErrors() {
        let cases = [("page.md", "<div class=\"k-default-codeblock\">\n```\nx\n```\n</div>\n\n```python\nprint(1)\n", 7),
                     ("nb.md", "```{code-cell} ipython3\nprint(1)\n", 1),
                     ("doc.qmd", "text\n\n```{python}\nprint(1)\n", 3)]
        for (path, text, line) in cases {
            XCTAssertThrowsError(try read(text, path), path) { error in
                let error = error as? LessonError
                XCTAssertEqual(error?.position?.line, line, path)
                XCTAssertTrue(error?.message.contains("never closed") ?? false, path)
            }
        }
    }

    func testBadOutputOptionsAreLocated() {
        XCTAssertThrowsError(try read("```{python}\nx = 1\n```\n\n```output sideways\nx\n```\n", "doc.qmd")) { error in
            XCTAssertEqual((error as? LessonError)?.position?.line, 5)
        }
    }

    func testManyUnclosedPreBlocksStayFast() throws {
        let text = String(repeating: "```python\nx = 1\n```\n<pre style=\"white-space:pre;\">\n", count: 20_000)
        let start = Date()
        let lesson = try read(text, "page.md")
        XCTAssertEqual(lesson.format, .kerasIO)
        XCTAssertEqual(lesson.codeCells.count, 20_000)
        XCTAssertLessThan(Date().timeIntervalSince(start), 20, "linear in the lines")
    }

    func testBrokenStructuresAreProse() throws {
        // A div without its fence, a fence without </div>, an unclosed percent header.
        let page = try read("```python\nx = 1\n```\n<div class=\"k-default-codeblock\">\nnot a fence\n</div>\n", "page.md")
        XCTAssertEqual(page.codeCells.first?.outputs, [])
        let script = try read("# ---\n# title: x\n\n# %%\nprint(1)\n", "s.py")
        XCTAssertEqual(script.codeCells.last?.code, "print(1)\n")
        let empty = try read("", "empty.py")
        XCTAssertTrue(empty.cells.isEmpty)
        let markers = try read("# %%\n# %% [markdown]\n# %%\n", "m.py")
        XCTAssertEqual(markers.codeCells.count, 2)
    }

    func testPicturesThatLieAboutTheirSizeAreNotDecoded() {
        var png = Data(PNGSize.signature)
        png.appendChunk("IHDR", Data([0x7F, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 8, 6, 0, 0, 0]))
        png.appendChunk("IDAT", Data([0x78, 0x9C, 0x03, 0x00]))
        XCTAssertEqual(PNGSize.read(png)?.width, 0x7FFF_FFFF)
        XCTAssertNil(PNGPixels(png), "far more pixels than allowed: refused before allocating")
        XCTAssertNil(PNGPixels(Data([0x89, 0x50])))
        XCTAssertNil(SVGSize.read("<svg width=\"99999999999999999999\" height=\"2\">"))
        XCTAssertNil(SVGSize.read("<svg width=\"3"))
    }

    func testFigureLinksOutsideTheLessonFolderAreNotRead() {
        let folder = URL(fileURLWithPath: "/lessons")
        XCTAssertNotNil(Lesson.figureFile("a.files/cell1-1.png", in: folder))
        for link in ["../a.files/x.png", "/etc/a.files/x.png", "a.files/../../x.png", "a.files/x.txt", "b/x.png", "a.files/%2e%2e.png", "https://x/a.files/y.png"] {
            XCTAssertNil(Lesson.figureFile(link, in: folder), link)
        }
    }
}
