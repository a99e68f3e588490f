import Foundation
import XCTest
import KerasBindings
@testable import LessonKit

/// The page's parts that `lesson html`, `lesson build` and `lesson serve` share: math, prose
/// images, prompts and copy buttons, site navigation and search, chart ticks.
final class PageFeatureTests: XCTestCase {
    func page(_ markdown: String, path: String = FileManager.default.temporaryDirectory.appendingPathComponent("page-feature.md").path,
              options: HTMLOptions = HTMLOptions()) throws -> String {
        try HTMLPage.render(lesson: LessonParser.parse(text: markdown, path: path), results: nil, options: options)
    }

    func testMathInProseIsMathML() throws {
        let html = try page("Loss $L = \\frac{1}{n} \\sum_i (y_i - \\hat{y}_i)^2$ and\n\n$$\nx^2 + \\alpha\n$$\n")
        XCTAssertTrue(html.contains("<mfrac><mrow><mn>1</mn></mrow><mrow><mi>n</mi></mrow></mfrac>"))
        XCTAssertTrue(html.contains("<msubsup>") || html.contains("<msup>"))
        XCTAssertTrue(html.contains("<math display=\"block\">"))
        XCTAssertTrue(html.contains("<mi>α</mi>"))
        XCTAssertFalse(html.contains("$"), "no dollar left of the formulas")
    }

    func testDollarsThatAreNotMathStayText() throws {
        let html = try page("It costs $5 and $10.\n\nCode `$x$` stays.\n\n```\n$y$\n```\n")
        XCTAssertTrue(html.contains("$5 and $10"))
        XCTAssertTrue(html.contains("<code>$x$</code>"))
        XCTAssertTrue(html.contains("$y$"))
        XCTAssertFalse(html.contains("<math"))
    }

    func testHostileMathIsEscapedAndDeepNestingIsBounded() throws {
        let html = try page("$<script>alert(1)</script>$ and $\\text{<img src=x onerror=y>}$\n")
        XCTAssertFalse(html.contains("<script>alert"))
        XCTAssertFalse(html.contains("<img src=x"))
        XCTAssertTrue(html.contains("&lt;"))
        let deep = MathML.render(String(repeating: "{", count: 20_000) + "x" + String(repeating: "}", count: 20_000), display: false)
        XCTAssertTrue(deep.hasPrefix("<math>"))
        XCTAssertLessThan(deep.count, 200_000)
    }

    func testProseImagesFromTheLessonsFolderAreInlinedOthersAreNot() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-images-\(UUID().uuidString)")
        let inner = folder.appendingPathComponent("lesson")
        try FileManager.default.createDirectory(at: inner.appendingPathComponent("img"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let png = Data([0x89, 0x50, 0x4E, 0x47, 1, 2, 3])
        try png.write(to: inner.appendingPathComponent("img/a b.png"))
        try png.write(to: folder.appendingPathComponent("outside.png"))
        try FileManager.default.createSymbolicLink(at: inner.appendingPathComponent("link.png"), withDestinationURL: folder.appendingPathComponent("outside.png"))
        let html = try page("![in](img/a%20b.png) ![up](../outside.png) ![link](link.png) ![far](https://example.com/x.png)\n",
                            path: inner.appendingPathComponent("l.md").path)
        XCTAssertTrue(html.contains("src=\"data:image/png;base64,\(png.base64EncodedString())\" alt=\"in\""))
        XCTAssertTrue(html.contains("src=\"../outside.png\""), "a path out of the folder is not read")
        XCTAssertTrue(html.contains("src=\"link.png\""), "a symlink out of the folder is not followed")
        XCTAssertTrue(html.contains("src=\"https://example.com/x.png\""), "the policy, not the page, keeps this one out")
        XCTAssertTrue(html.contains("img-src data:;"), "the policy allows data: images only")
    }

    func testCellsHavePromptsAndCopyButtons() throws {
        let html = try page("```python\nx = 1\n```\n\n```output\n1\n```\n\n```python\ny = 2\n```\n")
        XCTAssertEqual(html.components(separatedBy: "<button class=\"copy\"").count - 1, 2)
        XCTAssertTrue(html.contains("In [1]:") && html.contains("In [2]:"))
        XCTAssertFalse(html.contains("Out[1]:"), "a documented output is not known to be a displayed value (OutPromptTests)")
        XCTAssertTrue(html.contains("<div class=\"outputs empty\">"), "a cell without output shows an empty box")
        XCTAssertFalse(html.contains("connect-src"), "a page from lesson html talks to no server")
    }

    func testSiteNavigationAndAnIndexThatCannotCloseItsScript() throws {
        let pages = [SiteNavigation.Page(file: "a b.html", title: "A", text: "one"),
                     SiteNavigation.Page(file: "b.html", title: "B <i>", text: "</script><script>alert(1)</script> & more")]
        let site = SiteNavigation(pages: pages, current: 0)
        XCTAssertNil(site.previous)
        XCTAssertEqual(site.next?.file, "b.html")
        XCTAssertTrue(site.pagerHTML.contains("href=\"b.html\""))
        XCTAssertTrue(site.contentsHTML.contains("href=\"a%20b.html\""))
        XCTAssertTrue(site.contentsHTML.contains("B &lt;i&gt;"))
        XCTAssertFalse(site.searchIndexJSON.contains("<"))
        XCTAssertFalse(site.searchIndexJSON.contains("&"))
        let decoded = try JSONSerialization.jsonObject(with: Data(site.searchIndexJSON.utf8)) as? [[String: String]]
        XCTAssertEqual(decoded?[1]["text"], "</script><script>alert(1)</script> & more", "the JSON still says what the lesson says")
        var options = HTMLOptions()
        options.site = site
        let html = try page("# A\n", options: options)
        XCTAssertEqual(html.components(separatedBy: "<script>").count - 1, 1, "the index is data, not a script")
        XCTAssertTrue(html.contains("id=\"search\""))
    }

    func testNiceTicksAsMatplotlibPicksThem() {
        XCTAssertEqual(ChartTicks.nice(low: 0.031, high: 0.069, count: 5).map { ($0 * 100).rounded() }, [4, 5, 6])
        XCTAssertEqual(ChartTicks.nice(low: 0, high: 1, count: 5), [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        XCTAssertEqual(ChartTicks.label(0.25, step: 0.05), "0.25")
        XCTAssertEqual(ChartTicks.label(3, step: 1), "3")
        XCTAssertEqual(ChartTicks.nice(low: 1, high: 1, count: 5), [1])
        XCTAssertEqual(ChartTicks.nice(low: .nan, high: 1), [])
    }

    func testTrainingChartHasTicksAndRoomBeforeTheFirstPoint() {
        let record = TrainingRecord(epochs: 3, metrics: [("loss", [0.9, 0.5, 0.3]), ("val_loss", [1.0, 0.6, 0.45])])
        let svg = TrainingChart.svg(record)
        XCTAssertGreaterThanOrEqual(svg.components(separatedBy: "class=\"grid\"").count - 1, 3)
        XCTAssertEqual(svg.components(separatedBy: "text-anchor=\"middle\">").count - 1, 4, "epochs 1-3 and the axis label")
        let firstX = svg.range(of: "<circle cx=\"").map { Double(svg[$0.upperBound...].prefix { $0 != "\"" }) ?? 0 } ?? 0
        XCTAssertGreaterThan(firstX, 50 + 10, "the first point clears the y axis at x = 50")
    }

    func testFirstChangedCell() throws {
        let a = try LessonParser.parse(text: "```python\nx = 1\n```\n\n```python\ny = 2\n```\n", path: "a.md")
        let b = try LessonParser.parse(text: "Prose.\n\n```python\nx = 1\n```\n\n```python\ny = 3\n```\n", path: "a.md")
        let c = try LessonParser.parse(text: "```python\nx = 1\n```\n", path: "a.md")
        XCTAssertEqual(LessonChanges.firstChangedCell(old: a, new: b), 2)
        XCTAssertNil(LessonChanges.firstChangedCell(old: a, new: a))
        XCTAssertEqual(LessonChanges.firstChangedCell(old: a, new: c), 2)
        XCTAssertEqual(LessonChanges.firstCellReading(["/x/data.npz"], in: try LessonParser.parse(
            text: "```python\nx = 1\n```\n\n```python\nnp.load('data.npz')\n```\n", path: "a.md")), 2)
    }
}

extension PageFeatureTests {
    func testAHeadingWithMathListsItsTeXInTheContents() throws {
        let page = HTMLPage(lesson: try LessonParser.parse(text: "## The loss $L_2$\n", path: "a.md"), results: nil)
        XCTAssertEqual(page.sections.first?.title, "The loss $L_2$")
    }
}

extension PageFeatureTests {
    /// Differential: matplotlib's own MaxNLocator, recorded by Fixtures/matplotlib-ticks.py.
    func testTicksMatchMatplotlib() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/matplotlib-ticks.json")
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let cases = try XCTUnwrap(json["cases"] as? [[String: Any]])
        XCTAssertGreaterThan(cases.count, 40)
        for entry in cases {
            let low = try XCTUnwrap(entry["low"] as? Double), high = try XCTUnwrap(entry["high"] as? Double)
            let expected = try XCTUnwrap(entry["ticks"] as? [Double])
            let ours = ChartTicks.nice(low: low, high: high, count: 5)
            XCTAssertEqual(ours.count, expected.count, "\(low)...\(high): \(ours) vs matplotlib's \(expected)")
            for (a, b) in zip(ours, expected) {
                XCTAssertEqual(a, b, accuracy: 1e-9 * max(1, abs(high - low)), "\(low)...\(high): \(ours) vs matplotlib's \(expected)")
            }
        }
    }
}

extension PageFeatureTests {
    func testASiteCopiesProseImagesBesideItsPages() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-site-images-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let lessons = folder.appendingPathComponent("lessons"), site = folder.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: lessons.appendingPathComponent("img"), withIntermediateDirectories: true)
        let png = Data([0x89, 0x50, 0x4E, 0x47, 9, 9])
        try png.write(to: lessons.appendingPathComponent("img/p.png"))
        try "# P\n\n![p](img/p.png) ![out](../x.png)\n".write(to: lessons.appendingPathComponent("p.md"), atomically: true, encoding: .utf8)
        try CourseSite.build(folder: lessons.path, site: site.path)
        XCTAssertEqual(try Data(contentsOf: site.appendingPathComponent("img/p.png")), png)
        let html = try String(contentsOf: site.appendingPathComponent("p.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<img src=\"img/p.png\""))
        XCTAssertTrue(html.contains("img-src 'self' data:"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.png").path))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: site.path).sorted(), ["img", "index.html", "p.html"])
    }
}
