import Foundation
import XCTest
@testable import LessonKit

/// A document's HTML value holding a table (a pandas DataFrame in a notebook) shows as a
/// sanitised table in the page: table tags only, every text escaped.
final class HTMLTableTests: XCTestCase {
    /// What pandas 2 writes for `pd.DataFrame({"loss": [0.5, 0.25]})` in a notebook.
    let dataFrame = """
        <div>
        <style scoped>
            .dataframe tbody tr th:only-of-type { vertical-align: middle; }
        </style>
        <table border="1" class="dataframe">
          <thead>
            <tr style="text-align: right;">
              <th></th>
              <th>loss</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th>0</th>
              <td>0.50</td>
            </tr>
            <tr>
              <th>1</th>
              <td>0.25</td>
            </tr>
          </tbody>
        </table>
        <p>2 rows × 1 columns</p>
        </div>
        """

    func page(_ markdown: String) throws -> String {
        try HTMLPage.render(lesson: LessonParser.parse(text: markdown, path: "tables.md"), results: nil)
    }

    func testADataFrameInAMarkdownLessonIsATable() throws {
        let html = try page("```python\ndf\n```\n\n```output html\n\(dataFrame)\n```\n")
        let table = try XCTUnwrap(HTMLTableHTML.render(dataFrame))
        XCTAssertTrue(html.contains(table), "the page shows the sanitised table")
        XCTAssertTrue(table.contains("<th>loss</th>") && table.contains("<td>0.25</td>"))
        XCTAssertTrue(table.contains("<p>2 rows × 1 columns</p>"), "text around the table stays, as text")
        XCTAssertFalse(table.contains("style") || table.contains("class=\"dataframe\"") || table.contains("border"), table)
        XCTAssertFalse(html.contains("<div class=\"output\"><pre>"), "not also as its text")
    }

    func testADataFrameInANotebookIsATable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-tables-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output: [String: Any] = ["output_type": "execute_result", "execution_count": 1, "metadata": [:],
                                     "data": ["text/html": dataFrame, "text/plain": "   loss\n0  0.50\n1  0.25"]]
        let notebook: [String: Any] = [
            "nbformat": 4, "nbformat_minor": 5, "metadata": [:],
            "cells": [["cell_type": "code", "id": "a", "metadata": [:], "execution_count": 1, "source": "df", "outputs": [output]]],
        ]
        let path = folder.appendingPathComponent("frame.ipynb")
        try JSONSerialization.data(withJSONObject: notebook).write(to: path)
        let html = try HTMLPage.render(lesson: LessonLoader.load(path.path), results: nil)
        XCTAssertTrue(html.contains("<td>0.25</td>"), html)
    }

    func testOnlyTableTagsSurviveAndTextIsEscaped() throws {
        let hostile = """
            <table onmouseover="x()"><tr><td colspan="2" style="x" onclick="y()"><script>alert(1)</script><img src=x onerror=z>a&lt;b &amp; <b>bold</b></td>\
            <td rowspan="99999">r</td></tr><!-- <td>hidden</td> --><iframe src="https://example.com"></iframe><a href="javascript:x">link</a></table>\
            <svg onload="q()"><style>td{}</style></svg>
            """
        let table = try XCTUnwrap(HTMLTableHTML.render(hostile))
        for banned in ["onmouseover", "onclick", "onerror", "onload", "script", "<img", "iframe", "<a", "href", "<svg", "style", "<b>", "hidden", "rowspan"] {
            XCTAssertFalse(table.contains(banned), "\(banned) in \(table)")
        }
        XCTAssertTrue(table.contains("<td colspan=\"2\">a&lt;b &amp; bold</td>"), table)
        XCTAssertTrue(table.contains(">link<"), "a link's text stays, as text")
    }

    func testTagsAreBalancedAndNestingIsBounded() throws {
        let open = try XCTUnwrap(HTMLTableHTML.render("</td></tr><table><tr><td>x"))
        XCTAssertEqual(open, "<div class=\"output html-value\"><table><tr><td>x</td></tr></table></div>")
        let deep = try XCTUnwrap(HTMLTableHTML.render(String(repeating: "<table>", count: 5000) + "y"))
        XCTAssertEqual(deep.components(separatedBy: "<table>").count - 1, HTMLTableHTML.maxDepth)
        XCTAssertEqual(deep.components(separatedBy: "</table>").count - 1, HTMLTableHTML.maxDepth)
        XCTAssertNil(HTMLTableHTML.render("<p>no table</p>"), "a value without a table shows as its text")
    }

    /// Random tag soup: every result has only allowed tags, each opened tag closed in order.
    func testTagSoupGivesOnlyBalancedTableTags() throws {
        let pieces = ["<table>", "</table>", "<tr>", "</tr>", "<td colspan=\"3\">", "</td>", "<th>", "<script>", "</script>", "<!--", "-->",
                      "<img src=x>", "<b>", "&lt;", "&", "<", ">", "\"", "a", " ", "\n", "</", "<style", "<tbody", "é"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        let allowed = HTMLTableHTML.tableTags.union(["div", "p"])
        for _ in 0..<2000 {
            let soup = "<table>" + (0..<(next() % 40)).map { _ in pieces[next() % pieces.count] }.joined()
            let out = try XCTUnwrap(HTMLTableHTML.render(soup))
            var stack: [String] = []
            var rest = Substring(out)
            while let open = rest.firstIndex(of: "<") {
                guard let close = rest[open...].firstIndex(of: ">") else { return XCTFail("an unclosed tag in \(out)") }
                let tag = rest[rest.index(after: open)..<close]
                let name = String(tag.drop { $0 == "/" }.prefix { $0.isLetter })
                XCTAssertTrue(allowed.contains(name), "<\(tag)> from \(soup.debugDescription)")
                if tag.hasPrefix("/") { XCTAssertEqual(stack.popLast(), name, out) } else { stack.append(name) }
                rest = rest[rest.index(after: close)...]
            }
            XCTAssertTrue(stack.isEmpty, out)
        }
    }
}
