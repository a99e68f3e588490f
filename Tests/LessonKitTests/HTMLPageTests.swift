import Foundation
import XCTest
@testable import LessonKit

final class HTMLPageTests: XCTestCase {
    let hostile = """
    # Hostile <b>lesson</b>

    <script>alert('prose')</script>

    [click](javascript:alert(1)) and [docs](https://keras.io/guides/)

    <img src=x onerror=alert(2)>

    ```python
    print("<script>alert('code')</script>")  # </pre><script>x()</script>
    ```

    ```output
    <script>alert(1)</script>
    ```

    ```output stderr
    <img src=x onerror=alert(3)>
    ```

    """

    func page(_ text: String, options: HTMLOptions = HTMLOptions()) throws -> String {
        try HTMLPage.render(lesson: LessonParser.parse(text: text, path: "hostile.md"), results: nil, options: options)
    }

    func testDocumentedOutputIsEscaped() throws {
        let html = try page(hostile)
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertTrue(html.contains("&lt;img src=x onerror=alert(3)&gt;"))
        XCTAssertFalse(html.contains("<script>alert"))
        XCTAssertFalse(html.contains("<img src=x"))
    }

    func testHostileProseIsDroppedInSafeMode() throws {
        let html = try page(hostile)
        XCTAssertFalse(html.contains("javascript:"))
        XCTAssertFalse(html.contains("onerror=alert(2)"))
        XCTAssertFalse(html.contains("alert('prose')"))
        // The only <script> is the page's own.
        XCTAssertEqual(html.components(separatedBy: "<script>").count - 1, 1)
        XCTAssertTrue(html.contains("href=\"https://keras.io/guides/\""))
    }

    func testUnsafeModeKeepsRawHTML() throws {
        let html = try page(hostile, options: HTMLOptions(unsafeHTML: true))
        XCTAssertTrue(html.contains("<script>alert('prose')</script>"))
    }

    func testHostileCodeIsEscaped() throws {
        let html = try page(hostile)
        XCTAssertFalse(html.contains("</pre><script>"))
        XCTAssertTrue(html.contains("&lt;/pre&gt;&lt;script&gt;x()&lt;/script&gt;"))
    }

    /// Every http(s) address in the page is one the lesson itself wrote; nothing is fetched.
    func testNoReferenceToOtherHosts() throws {
        let url = TestPaths.lessons.appendingPathComponent("cnn-mnist.md")
        let source = try String(contentsOf: url, encoding: .utf8)
        let html = try HTMLPage.render(lesson: LessonParser.parse(path: url.path), results: nil)
        for address in addresses(in: html) {
            XCTAssertTrue(source.contains(address), "the page names \(address), which the lesson does not")
        }
        XCTAssertFalse(html.contains("src=\"http"))
        XCTAssertFalse(html.contains("url("))
        XCTAssertFalse(html.contains("@import"))
        XCTAssertEqual(addresses(in: try page(hostile)), ["https://keras.io/guides/"])
    }

    func addresses(in html: String) -> [String] {
        let regex = try? NSRegularExpression(pattern: "https?://[^\"'<>\\s]+")
        let range = NSRange(html.startIndex..., in: html)
        return (regex?.matches(in: html, range: range) ?? []).compactMap { Range($0.range, in: html).map { String(html[$0]) } }
    }

    func testSeedLessonPage() throws {
        let lesson = try LessonParser.parse(path: TestPaths.lessons.appendingPathComponent("cnn-mnist.md").path)
        let page = HTMLPage(lesson: lesson, results: nil)
        XCTAssertEqual(page.title, "Convolutional Neural Network (CNN)")
        XCTAssertEqual(page.finalMetric, "Test Accuracy: 0.9883999824523926")
        XCTAssertTrue(page.sections.contains { $0.id == "data-preprocessing" && $0.level == 2 })
        let html = try page.html()
        XCTAssertTrue(html.contains("<h2 id=\"data-preprocessing\">"))
        XCTAssertTrue(html.contains("<a href=\"#data-preprocessing\">"))
        // The pipe table in the prose is a real table.
        XCTAssertTrue(html.contains("<th>Property</th>"))
        XCTAssertTrue(html.contains("<td>Grayscale images</td>"))
        // Progress lines are bars with their text.
        XCTAssertTrue(html.contains("class=\"progress\""))
        XCTAssertTrue(html.contains("8s 4ms/step - accuracy: 0.9575"))
        // Steps guessed from the code.
        XCTAssertEqual(page.blocks.compactMap(\.code).map(\.steps),
                       [[.load, .show], [.normalize, .reshape], [.build], [.compile, .fit], [.evaluate, .show]])
        XCTAssertTrue(html.contains("class=\"output stderr\""))
        XCTAssertTrue(html.contains("<svg class=\"chart\""))
    }

    func testResultsReplaceDocumentedOutputs() throws {
        let lesson = try LessonParser.parse(text: "```python\nprint(1)\n```\n\n```output\nold\n```\n", path: "r.md")
        var result = CellResult(cellNumber: 1)
        result.stdout = "new <fresh>\n"
        result.steps = [.show]
        result.figures = [Figure(png: Data([0x89, 0x50, 0x4E, 0x47]), title: "digits")]
        result.error = CellError(kind: "NameError", message: "name 'x' is not defined")
        let html = try HTMLPage.render(lesson: lesson, results: [1: result])
        XCTAssertTrue(html.contains("new &lt;fresh&gt;"))
        XCTAssertFalse(html.contains("old"))
        XCTAssertTrue(html.contains("src=\"data:image/png;base64,iVBORw==\""))
        XCTAssertTrue(html.contains("NameError: name &#39;x&#39; is not defined"))
        XCTAssertTrue(html.contains("outputs from this run"))
        XCTAssertTrue(try HTMLPage.render(lesson: lesson, results: [:]).contains("(not run)"))
    }

    func testHeadingTextDropsRawHTMLInSafeMode() throws {
        let lesson = try LessonParser.parse(text: "# Hostile <b>x</b> & y\n", path: "h.md")
        XCTAssertEqual(HTMLPage(lesson: lesson, results: nil).sections.first?.title, "Hostile x & y")
    }

    func testTemplateOverride() throws {
        let html = try page("# T\n\n```python\nx = 1\n```\n", options: HTMLOptions(template: "<h1>{{title}}</h1>{{#blocks}}{{#code}}[{{number}}]{{/code}}{{/blocks}}"))
        XCTAssertEqual(html, "<h1>T</h1>[1]")
    }

    func testSummaryBecomesTable() {
        let summary = """
        Model: "sequential"
        ┏━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━┓
        ┃ Layer (type)      ┃ Output Shape       ┃  Param # ┃
        ┡━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━┩
        │ conv2d (Conv2D)   │ (None, 26, 26, 32) │      320 │
        ├───────────────────┼────────────────────┼──────────┤
        │ dense (Dense)     │ (None, 10)         │    1,290 │
        └───────────────────┴────────────────────┴──────────┘
         Total params: 1,610 (6.29 KB)
        """
        let html = OutputHTML.render(summary, stream: .stdout)
        XCTAssertTrue(html.contains("<th>Layer (type)</th><th>Output Shape</th><th>Param #</th>"))
        XCTAssertTrue(html.contains("<td>conv2d (Conv2D)</td><td>(None, 26, 26, 32)</td><td>320</td>"))
        XCTAssertTrue(html.contains("<td>dense (Dense)</td>"))
        XCTAssertTrue(html.contains("Model: &quot;sequential&quot;"))
        XCTAssertTrue(html.contains("Total params: 1,610"))
    }

    func testStepGuess() {
        XCTAssertEqual(StepGuess.steps(in: "(a, b), (c, d) = mnist.load_data()"), [.load])
        XCTAssertEqual(StepGuess.steps(in: "p = model.predict(x)\nplt.imshow(x[0])"), [.predict, .show])
        XCTAssertEqual(StepGuess.steps(in: "x = 1"), [])
    }
}
