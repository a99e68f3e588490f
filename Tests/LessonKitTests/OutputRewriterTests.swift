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
