import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LessonKit
import XCTest

/// nbval's markers and sanitize files, and the JUnit report.
final class CheckConventionsTests: XCTestCase {
    func lesson(_ text: String) throws -> Lesson { try LessonParser.parse(text: text, path: "conventions.md") }
    func stdout(_ text: String, error: String? = nil) -> CellRun { CellRun(outputs: [FreshOutput(stream: .stdout, text: text)], error: error) }

    func testNBValCommentsAreHonoured() throws {
        let source = """
        ```python
        # NBVAL_IGNORE_OUTPUT
        print(time.time())
        ```

        ```output
        1700000000.0
        ```

        ```python
        # NBVAL_SKIP
        download()
        ```

        ```python
        # NBVAL_RAISES_EXCEPTION
        1 / 0
        ```

        """
        let checked = try lesson(source)
        let result = LessonChecker.check(checked, runs: [1: stdout("1800000000.0\n"), 3: stdout("", error: "ZeroDivisionError: division by zero")])
        XCTAssertEqual(result.status, 0, CheckReport.text(result))
        XCTAssertEqual(result.cells.map(\.verdicts), [[.skipped("NBVAL_IGNORE_OUTPUT")], [.skipped("NBVAL_SKIP")], [.reproduced]])
        let notRaising = LessonChecker.check(checked, runs: [1: stdout("1\n"), 3: stdout("")])
        XCTAssertEqual(notRaising.status, 1)
        XCTAssertTrue(CheckReport.text(notRaising).contains("conventions.md:15: cell 3: marked NBVAL_RAISES_EXCEPTION but raised nothing"), CheckReport.text(notRaising))
    }

    func testAnUnexpectedExceptionStopsTheLesson() throws {
        let checked = try lesson("```python\nboom()\n```\n\n```python\nprint(2)\n```\n\n```output\n2\n```\n")
        let result = LessonChecker.check(checked, runs: [1: stdout("", error: "NameError: name 'boom' is not defined")])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.cells.last?.verdicts, [.skipped("not run: cell 1 raised")])
        XCTAssertTrue(CheckReport.text(result).contains("cell 1: raised NameError"), CheckReport.text(result))
    }

    func testNotebookTagsBecomeFenceTagsAndBack() throws {
        var cell = NotebookCell(kind: .code, source: "download()", metadata: ["tags": .array([.string("nbval-skip"), .string("raises-exception")])])
        cell.executionCount = 1
        let markdown = try NotebookConversion.markdown(from: Notebook(cells: [cell]))
        XCTAssertTrue(markdown.contains("```python tags=nbval-skip,raises-exception\n"), markdown)
        let parsed = try LessonParser.parse(text: markdown, path: "tags.md")
        let code = try XCTUnwrap(parsed.codeCells.first)
        XCTAssertEqual(NBValMarkers(code), NBValMarkers(skip: true, raisesException: true))
        XCTAssertEqual(NotebookConversion.notebook(from: parsed).cells.first?.tags, ["nbval-skip", "raises-exception"])
    }

    func testSanitizeFileIsAppliedToBothSides() throws {
        let sanitize = try SanitizeFile.parse("""
        # as nbval writes them
        [dates]
        regex: \\d{4}-\\d{2}-\\d{2}
        replace: DATE

        [paths]
        regex: /home/\\w+
        replace: HOME
        """, path: "sanitize.cfg")
        XCTAssertEqual(sanitize.rules.count, 2)
        XCTAssertEqual(sanitize.apply("saved 2024-01-02 in /home/ann/x"), "saved DATE in HOME/x")
        let checked = try lesson("```python\nprint(now)\n```\n\n```output\nsaved 2024-01-02 in /home/ann/x\n```\n")
        let run = [1: stdout("saved 2026-11-25 in /home/bob/x\n")]
        XCTAssertEqual(LessonChecker.check(checked, runs: run).status, 1)
        XCTAssertEqual(LessonChecker.check(checked, runs: run, options: CheckOptions(sanitize: sanitize)).status, 0)
    }

    func testABrokenSanitizeFileSaysWhereAndWhat() {
        XCTAssertThrowsError(try SanitizeFile.parse("[a]\nreplace: x\n", path: "s.cfg")) { error in
            XCTAssertEqual((error as? LessonError)?.headline, "s.cfg:2:1: 'replace:' without a 'regex:' line before it")
        }
        XCTAssertThrowsError(try SanitizeFile.parse("[a]\nregex: (\nreplace: x\n", path: "s.cfg")) { error in
            XCTAssertEqual((error as? LessonError)?.headline, "s.cfg:2:1: not a valid regular expression: (")
        }
    }

    func testJUnitReportIsValidXMLWithOneTestCasePerCell() throws {
        let checked = try lesson("```python\nprint('<a & b>')\n```\n\n```output\n<a & b>\n```\n\n```python\nprint(2)\n```\n\n```output\n2\n```\n")
        let result = LessonChecker.check(checked, runs: [1: stdout("<a & b>\n"), 2: stdout("3 \"quoted\"\n")])
        let failing = LessonCheckResult(path: "broken.md", cells: [], error: "cannot run <here>", strict: false)
        let xml = JUnitReport.xml([result, failing])
        let parsed = try XMLCounter.count(xml)
        XCTAssertEqual(parsed["testsuite"], 2)
        XCTAssertEqual(parsed["testcase"], 3)
        XCTAssertEqual(parsed["failure"], 1)
        XCTAssertEqual(parsed["error"], 1)
        XCTAssertTrue(xml.contains("tests=\"3\" failures=\"1\" errors=\"1\""), xml)
        XCTAssertEqual(JUnitReport.escape("a<&>\"'\u{1}"), "a&lt;&amp;&gt;&quot;&apos;")
    }
}

/// Counts elements by name with Foundation's XML parser, which fails on malformed XML.
final class XMLCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]

    static func count(_ xml: String) throws -> [String: Int] {
        let counter = XMLCounter()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = counter
        guard parser.parse() else {
            throw LessonError(path: "junit.xml", message: "not valid XML: \(parser.parserError.map { "\($0)" } ?? "unknown error")")
        }
        return counter.counts
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        counts[elementName, default: 0] += 1
    }
}
