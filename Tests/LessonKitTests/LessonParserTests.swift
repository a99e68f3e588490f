import XCTest
@testable import LessonKit

final class LessonParserTests: XCTestCase {
    func testSeedLessonHasFiveCodeCellsWithTheirOutputs() throws {
        let lesson = try LessonParser.parse(path: TestPaths.lessons.appendingPathComponent("cnn-mnist.md").path)
        XCTAssertEqual(lesson.title, "Convolutional Neural Network (CNN)")
        XCTAssertEqual(lesson.frontMatter.seed, 42)
        let code = lesson.codeCells
        XCTAssertEqual(code.count, 5)
        XCTAssertEqual(code.map(\.number), [1, 2, 3, 4, 5])
        XCTAssertTrue(code[0].code.hasPrefix("from tensorflow.keras.datasets import mnist\n"))
        XCTAssertEqual(code[0].outputs.map(\.stream), [.stdout])
        XCTAssertTrue(code[0].outputs[0].text.hasSuffix("(60000, 28, 28)\n(60000,)\n"))
        XCTAssertEqual(code[1].outputs, [])
        XCTAssertEqual(code[2].outputs.map(\.stream), [.stderr])
        XCTAssertEqual(code[3].outputs.first?.text.split(separator: "\n").filter { $0.hasPrefix("Epoch ") }.count, 5)
        XCTAssertTrue(code[4].outputs.first?.text.hasSuffix("Test Accuracy: 0.9883999824523926\n") ?? false)
        // The architecture diagram is a ```mathematical fence: prose, not code.
        guard case .prose(let intro) = lesson.cells[0] else { return XCTFail("first cell should be prose") }
        XCTAssertTrue(intro.text.contains("```mathematical"))
        XCTAssertTrue(intro.text.contains("| Samples    | 70,000           |"))
    }

    func testPositionsOfCodeAreThoseOfTheFile() throws {
        let text = "# T\n\n  ```python\n  a = 1\n  b = 2\n  ```\n"
        let lesson = try LessonParser.parse(text: text, path: "t.md")
        let cell = try XCTUnwrap(lesson.codeCells.first)
        XCTAssertEqual(cell.lines, LineRange(3, 6))
        XCTAssertEqual(cell.codeStart, SourcePosition(line: 4, column: 3))
        XCTAssertEqual(cell.code, "a = 1\nb = 2\n")
    }

    func testOddFixturesParse() throws {
        let lesson = try LessonParser.parse(path: TestPaths.fixture("odd-spacing.md"))
        let code = lesson.codeCells
        XCTAssertEqual(code.count, 5)
        XCTAssertEqual(code[0].outputs.map(\.text), ["1\n"])
        XCTAssertEqual(code[1].code, "y = 2\n")
        XCTAssertEqual(code[1].outputs.map(\.stream), [.stderr])
        XCTAssertEqual(code[2].outputs.map(\.text), ["tildes\n"])
        XCTAssertEqual(code[3].code, "s = \"\"\"\n```\n\"\"\"\nprint(s)\n")
        XCTAssertEqual(code[3].outputs.map(\.text), ["\n```\n\n"])
        XCTAssertEqual(code[4].outputs, [])
    }

    func testCRLFLesson() throws {
        let lesson = try LessonParser.parse(path: TestPaths.fixture("crlf.md"))
        XCTAssertEqual(lesson.source.newline, "\r\n")
        XCTAssertEqual(lesson.codeCells.map(\.code), ["print(1)\n", "print(2)\n"])
        XCTAssertEqual(lesson.codeCells[0].outputs.map(\.text), ["1\n"])
    }

    func testFrontMatterAndOutputOptions() throws {
        let lesson = try LessonParser.parse(path: TestPaths.fixture("front-matter.md"))
        XCTAssertEqual(lesson.frontMatter.title, "Front matter lesson")
        XCTAssertEqual(lesson.frontMatter.seed, 7)
        XCTAssertEqual(lesson.frontMatter.absoluteTolerance, 0.005)
        XCTAssertEqual(lesson.frontMatter.relativeTolerance, 0.1)
        let output = try XCTUnwrap(lesson.codeCells.first?.outputs.first)
        XCTAssertTrue(output.options.ignore)
        XCTAssertEqual(output.options.absoluteTolerance, 0.001)
        XCTAssertNil(output.options.relativeTolerance)
    }

    // MARK: Bad input: one located error each, never a crash.

    func assertError(_ text: String, line: Int, column: Int, contains fragment: String, file: StaticString = #filePath, lineNumber: UInt = #line) {
        XCTAssertThrowsError(try LessonParser.parse(text: text, path: "bad.md"), file: file, line: lineNumber) { error in
            guard let error = error as? LessonError else { return XCTFail("not a LessonError: \(error)", file: file, line: lineNumber) }
            XCTAssertEqual(error.path, "bad.md", file: file, line: lineNumber)
            XCTAssertEqual(error.position, SourcePosition(line: line, column: column), file: file, line: lineNumber)
            XCTAssertTrue(error.message.contains(fragment), "\(error.message)", file: file, line: lineNumber)
            XCTAssertTrue(error.description.hasPrefix("bad.md:\(line):\(column): "), file: file, line: lineNumber)
        }
    }

    func testUnterminatedFence() {
        assertError("# T\n\n```python\nprint(1)\n", line: 3, column: 1, contains: "never closed")
        assertError("x\n\n~~~~output\nabc\n~~~\n", line: 3, column: 1, contains: "never closed")
    }

    func testOutputWithoutCodeCell() {
        assertError("Prose.\n\n```output\n1\n```\n", line: 3, column: 1, contains: "must follow a code cell")
        assertError("```bash\nls\n```\n\n```output\nx\n```\n", line: 5, column: 1, contains: "must follow a code cell")
    }

    func testUnknownOutputOption() {
        assertError("```python\nx\n```\n```output stdout colour=red\n```\n", line: 4, column: 18, contains: "unknown option 'colour=red'")
        assertError("```python\nx\n```\n```output atol=abc\n```\n", line: 4, column: 11, contains: "needs a number")
    }

    func testBadFrontMatter() {
        assertError("---\ntitle: x\n", line: 1, column: 1, contains: "never closed")
        assertError("---\nseed: many\n---\n", line: 2, column: 1, contains: "'seed' must be an integer")
        assertError("---\n- a list\n---\n", line: 2, column: 1, contains: "must be a YAML mapping")
    }

    func testBinaryAndInvalidUTF8() {
        XCTAssertThrowsError(try SourceText.decode(Data([0x23, 0x20, 0x41, 0x0A, 0x42, 0x00, 0x01]), path: "b.md")) { error in
            XCTAssertEqual((error as? LessonError)?.position, SourcePosition(line: 2, column: 2))
        }
        XCTAssertThrowsError(try SourceText.decode(Data([0x41, 0xFF, 0xFE]), path: "b.md")) { error in
            XCTAssertEqual((error as? LessonError)?.position, SourcePosition(line: 1, column: 2))
            XCTAssertTrue((error as? LessonError)?.message.contains("UTF-8") ?? false)
        }
    }

    /// Garbage never crashes the parser: it parses or throws a LessonError.
    func testRandomInputNeverCrashes() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["```", "~~~", "````", "python", "output", " stderr", " atol=", "1", "\n", "\r\n", "---", "# h", "  ", "`", "x", "é", "\t", "ignore", "py"]
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            do { _ = try LessonParser.parse(text: text, path: "r.md") } catch is LessonError {} catch { XCTFail("unexpected \(error)") }
        }
    }
}
