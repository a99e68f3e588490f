import Foundation
import XCTest
@testable import LessonKit

/// An HTML value's text/plain form through the Markdown lesson: a notebook's DataFrame keeps
/// both its `text/html` and its `text/plain` on import and export.
final class HTMLPlainTextTests: XCTestCase {
    let html = "<table><tr><th>loss</th></tr><tr><td>0.25</td></tr></table>"
    let plain = "   loss\n0  0.25 `x`"

    func notebook() throws -> Notebook {
        let output: [String: Any] = ["output_type": "execute_result", "execution_count": 1, "metadata": [:],
                                     "data": ["text/html": html, "text/plain": plain]]
        let json: [String: Any] = [
            "nbformat": 4, "nbformat_minor": 5, "metadata": [:],
            "cells": [["cell_type": "code", "id": "a", "metadata": [:], "execution_count": 1, "source": "df", "outputs": [output]]],
        ]
        return try Notebook.decode(try JSONSerialization.data(withJSONObject: json), path: "frame.ipynb")
    }

    func testTheTextPlainSurvivesMarkdownAndComesBackInTheNotebook() throws {
        let markdown = try NotebookConversion.markdown(from: try notebook())
        XCTAssertTrue(markdown.contains("```output html\n\(html)\n```\n\n```output plain\n\(plain)\n```"), markdown)
        let lesson = try LessonParser.parse(text: markdown, path: "frame.md")
        let cell = try XCTUnwrap(lesson.codeCells.first)
        XCTAssertEqual(cell.outputs.count, 1, "the plain block is no output of its own (not compared)")
        XCTAssertEqual(cell.outputs.first?.plainText, plain)
        XCTAssertEqual(cell.displays.first?.text, plain)

        let back = NotebookConversion.notebook(from: lesson)
        guard case .html(let html, let text, _)? = back.cells.first?.outputs.first else { return XCTFail("no HTML value in \(back.cells)") }
        XCTAssertEqual(html.trimmingCharacters(in: .newlines), self.html, "(a fenced block ends with a line end)")
        XCTAssertEqual(text, plain)

        XCTAssertEqual(LessonWriter.write(lesson, as: .markdown), markdown, "our Markdown writer keeps the block")
    }

    func testAPlainBlockMustFollowAnHTMLValue() {
        let text = "```python\nx\n```\n\n```output\n1\n```\n\n```output plain\n1\n```\n"
        XCTAssertThrowsError(try LessonParser.parse(text: text, path: "p.md")) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("p.md:9:1"), message)
            XCTAssertTrue(message.contains("must follow an ```output html``` block"), message)
        }
    }

    func testTheHTMLOutputsLinesTakeInItsPlainBlock() throws {
        let markdown = try NotebookConversion.markdown(from: try notebook())
        let lesson = try LessonParser.parse(text: markdown, path: "frame.md")
        let output = try XCTUnwrap(lesson.codeCells.first?.outputs.first)
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        // So `--update`, which replaces an output's lines, replaces both blocks.
        XCTAssertEqual(lines[output.lines.last - 1], "```", "the output ends where the plain block does")
        XCTAssertEqual(lines[output.lines.last - 2], "0  0.25 `x`")
    }
}
