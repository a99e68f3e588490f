import XCTest
@testable import LessonKit

final class OutputRewriterTests: XCTestCase {
    func allLessonsAndFixtures() throws -> [String] {
        try TestPaths.lessonFiles().map(\.path) + ["odd-spacing.md", "crlf.md", "front-matter.md"].map(TestPaths.fixture)
    }

    /// Rewriting with the outputs a lesson already documents changes nothing, byte for byte.
    func testUnchangedOutputsKeepEveryByte() throws {
        for path in try allLessonsAndFixtures() {
            let lesson = try LessonParser.parse(path: path)
            var same: [Int: [FreshOutput]] = [:]
            for cell in lesson.codeCells { same[cell.number] = cell.outputs.map { FreshOutput(stream: $0.stream, text: $0.text) } }
            XCTAssertEqual(OutputRewriter.rewrite(lesson, outputs: same), lesson.source.text, path)
            XCTAssertEqual(OutputRewriter.rewrite(lesson, outputs: [:]), lesson.source.text, path)
        }
    }

    /// Changing, inserting and removing outputs touches those blocks only: what is left
    /// after taking the output blocks out of both versions is identical.
    func testChangesTouchOnlyOutputBlocks() throws {
        for path in try allLessonsAndFixtures() {
            let lesson = try LessonParser.parse(path: path)
            var fresh: [Int: [FreshOutput]] = [:]
            for cell in lesson.codeCells {
                switch cell.number % 3 {
                case 0: fresh[cell.number] = [] // remove
                case 1: fresh[cell.number] = [FreshOutput(stream: .stdout, text: "changed ``` with backticks\n```\nline\n"),
                                              FreshOutput(stream: .stderr, text: "a warning\n")]
                default: fresh[cell.number] = [FreshOutput(stream: .stdout, text: "new \(cell.number)\n")]
                }
            }
            let rewritten = OutputRewriter.rewrite(lesson, outputs: fresh)
            let reparsed = try LessonParser.parse(text: rewritten, path: path)
            XCTAssertEqual(reparsed.codeCells.count, lesson.codeCells.count, path)
            for cell in reparsed.codeCells {
                let wanted = fresh[cell.number] ?? []
                XCTAssertEqual(cell.outputs.map(\.stream), wanted.map(\.stream), "\(path) cell \(cell.number)")
                XCTAssertEqual(cell.outputs.map(\.text), wanted.map(\.text), "\(path) cell \(cell.number)")
            }
            XCTAssertEqual(withoutOutputs(reparsed), withoutOutputs(lesson), path)
        }
    }

    func testCRLFStaysCRLF() throws {
        let lesson = try LessonParser.parse(path: TestPaths.fixture("crlf.md"))
        let rewritten = OutputRewriter.rewrite(lesson, outputs: [2: [FreshOutput(stream: .stdout, text: "2\n")]])
        XCTAssertFalse(rewritten.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        XCTAssertTrue(rewritten.contains("```python\r\nprint(2)\r\n```\r\n\r\n```output\r\n2\r\n```\r\n\r\nTail."))
    }

    func testOptionsOnAReplacedFenceAreKept() throws {
        let lesson = try LessonParser.parse(path: TestPaths.fixture("front-matter.md"))
        let rewritten = OutputRewriter.rewrite(lesson, outputs: [1: [FreshOutput(stream: .stdout, text: "hello\n")]])
        XCTAssertTrue(rewritten.contains("```output atol=0.001 ignore\nhello\n```"))
    }

    func testFenceIsLongerThanAnyBacktickRunInside() {
        let block = OutputRewriter.render(FreshOutput(stream: .stdout, text: "a ```` b\n"), info: nil)
        XCTAssertEqual(block, "`````output\na ```` b\n`````")
    }

    /// The lesson's text with every output block's lines (and the blank lines before them) cut out.
    func withoutOutputs(_ lesson: Lesson) -> String {
        var skip = Set<Int>()
        for cell in lesson.codeCells {
            for output in cell.outputs { skip.formUnion(output.lines.first...output.lines.last) }
            if let last = cell.outputs.last { skip.formUnion((cell.lines.last + 1)..<last.lines.first) }
        }
        return (1...max(1, lesson.source.lines.count)).filter { !skip.contains($0) }.map { lesson.source.line($0) }.joined(separator: "\n")
    }
}

final class FigureLinkTests: XCTestCase {
    func testFigureLinksAreWrittenRecognisedAndReplaced() throws {
        let text = "# T\n\n```python\nplt.show()\n```\n\nAfter.\n"
        let lesson = try LessonParser.parse(text: text, path: "f.md")
        let once = OutputRewriter.rewrite(lesson, outputs: [1: [FreshOutput(stream: .stdout, text: "shown\n")]],
                                          figures: [1: ["f.files/cell1-1.png", "f.files/cell1-2.png"]])
        XCTAssertEqual(once, "# T\n\n```python\nplt.show()\n```\n\n```output\nshown\n```\n\n![Figure 1](f.files/cell1-1.png)\n![Figure 2](f.files/cell1-2.png)\n\nAfter.\n")
        let reparsed = try LessonParser.parse(text: once, path: "f.md")
        XCTAssertEqual(reparsed.codeCells[0].figures?.paths, ["f.files/cell1-1.png", "f.files/cell1-2.png"])
        XCTAssertEqual(reparsed.cells.count, 3) // the figure paragraph is not prose
        // Running again with the same results changes nothing; with one figure, only the links.
        XCTAssertEqual(OutputRewriter.rewrite(reparsed, outputs: [1: [FreshOutput(stream: .stdout, text: "shown\n")]],
                                              figures: [1: ["f.files/cell1-1.png", "f.files/cell1-2.png"]]), once)
        let fewer = OutputRewriter.rewrite(reparsed, outputs: [:], figures: [1: ["f.files/cell1-1.png"]])
        XCTAssertEqual(fewer, "# T\n\n```python\nplt.show()\n```\n\n```output\nshown\n```\n\n![Figure 1](f.files/cell1-1.png)\n\nAfter.\n")
        let none = OutputRewriter.rewrite(reparsed, outputs: [1: []], figures: [1: []])
        XCTAssertEqual(none, text)
    }

    func testAnOrdinaryImageInProseIsProse() throws {
        let lesson = try LessonParser.parse(text: "```python\n1\n```\n\n![diagram](images/cnn.png)\n", path: "p.md")
        XCTAssertNil(lesson.codeCells[0].figures)
        XCTAssertEqual(lesson.cells.count, 2)
    }
}
