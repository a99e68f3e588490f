import XCTest
@testable import LessonKit

/// Markdown nested far deeper than any lesson: cmark builds the tree, and everything that
/// walks it must neither overflow the stack nor blow up the indent.
final class ProseHardeningTests: XCTestCase {
    static let hostile = [
        String(repeating: ">", count: 60_000) + " quoted\n",
        String(repeating: "- ", count: 30_000) + "listed\n",
        String(repeating: "*", count: 30_000) + "x" + String(repeating: "*", count: 30_000) + "\n",
        "# " + String(repeating: "*", count: 30_000) + "title" + String(repeating: "*", count: 30_000) + "\n",
        String(repeating: "1. ", count: 20_000) + String(repeating: "> ", count: 20_000) + "mixed\n",
    ]

    func testTerminalProseFlattensDeepNesting() {
        for markdown in Self.hostile {
            let text = TerminalProse(style: TerminalStyle(colors: false)).render(markdown)
            // Bounded: the depth cap keeps the output near the input's size, not its square.
            XCTAssertLessThan(text.utf8.count, 4 * markdown.utf8.count + 1000, String(markdown.prefix(10)))
            XCTAssertTrue(["quoted", "listed", "x", "title", "mixed"].contains { text.contains($0) }, String(text.suffix(80)))
        }
        // Ordinary nesting is still drawn.
        XCTAssertEqual(TerminalProse(style: TerminalStyle(colors: false)).render("> a\n> > b\n"), "│ a\n│ │ b\n")
    }

    func testParserAndHTMLHandleDeepNesting() throws {
        for markdown in Self.hostile {
            let lesson = try LessonParser.parse(text: markdown, path: "deep.md")
            _ = CellListing.table(lesson)
            _ = try HTMLPage(lesson: lesson, results: nil).html()
        }
        let heading = try LessonParser.parse(text: Self.hostile[3], path: "deep.md")
        XCTAssertEqual(heading.title, "title")
    }
}
