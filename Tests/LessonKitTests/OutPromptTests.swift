import XCTest
@testable import LessonKit

/// Jupyter's prompts: only a cell's displayed value (its last expression) gets `Out[n]`;
/// printed text does not.
final class OutPromptTests: XCTestCase {
    func page(_ markdown: String) throws -> (html: String, results: [CellResult]) {
        let lesson = try LessonParser.parse(text: markdown, path: "prompts.md")
        let executor = try LessonExecutor(lesson: lesson, seed: 1, overrides: [])
        let results = Session(lesson: lesson, executor: executor).run().results
        let byNumber = Dictionary(uniqueKeysWithValues: results.map { ($0.cellNumber, $0) })
        return (try HTMLPage.render(lesson: lesson, results: byNumber), results)
    }

    func testOnlyTheDisplayedValueHasAnOutPrompt() throws {
        let (html, results) = try page("```python\nprint('printed')\n6 * 7\n```\n\n```python\nprint('only printed')\n```\n\n```python\nx = 1\nNone\n```\n")
        XCTAssertEqual(results.map(\.displayed), ["42\n", nil, nil])
        XCTAssertEqual(results.first?.stdout, "printed\n42\n", "the document still keeps printed text and value together")
        XCTAssertEqual(html.components(separatedBy: "Out[").count - 1, 1, "one displayed value, one prompt")
        guard let printed = html.range(of: "printed</pre>"), let prompt = html.range(of: "Out[1]:"),
              let value = html.range(of: "<pre>42</pre>") else { return XCTFail("cell 1's output is missing") }
        XCTAssertLessThan(printed.lowerBound, prompt.lowerBound, "printed text comes first, without a prompt")
        XCTAssertLessThan(prompt.lowerBound, value.lowerBound, "the prompt labels the value")
        XCTAssertFalse(html.contains("Out[2]:"), "a cell that only prints has no Out prompt")
    }

    func testDocumentedOutputsCarryNoPrompt() throws {
        // A Markdown document does not say which text was printed and which displayed.
        let html = try HTMLPage.render(lesson: try LessonParser.parse(text: "```python\nprint(1)\n```\n\n```output\n1\n```\n", path: "d.md"), results: nil)
        XCTAssertTrue(html.contains("<pre>1</pre>"))
        XCTAssertFalse(html.contains("Out[1]:"))
    }
}
