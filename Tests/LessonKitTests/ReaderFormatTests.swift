import Foundation
import XCTest
@testable import LessonKit
import Pyplot

/// The readers of published formats: each fixture loads with its cells where the file has
/// them, runs, checks, and survives a round trip through every export format.
final class ReaderFormatTests: XCTestCase {
    static let fixtures = ["myst-notebook.md": LessonFormat.myst, "percent-script.py": .percent,
                           "quarto-document.qmd": .quarto, "notebook-with-images.ipynb": .notebook]

    func fixture(_ name: String) -> String { TestPaths.fixture("readers/" + name) }

    func testEachFormatIsRecognised() throws {
        for (name, format) in Self.fixtures {
            XCTAssertEqual(try LessonLoader.load(fixture(name)).format, format, name)
        }
    }

    func testMySTCellsOptionsAndPositions() throws {
        let lesson = try LessonLoader.load(fixture("myst-notebook.md"))
        XCTAssertEqual(lesson.codeCells.count, 3)
        XCTAssertEqual(lesson.title, "Shapes in MyST")
        XCTAssertEqual(lesson.codeCells[0].lines, LineRange(16, 20))
        XCTAssertEqual(lesson.codeCells[0].codeStart, SourcePosition(line: 17, column: 1))
        XCTAssertEqual(lesson.codeCells[0].output(.stdout)?.text, "(4, 3)\n")
        XCTAssertEqual(lesson.codeCells[1].code, "print(\"never\")\n", "the :tags: line is not code")
        XCTAssertEqual(lesson.codeCells[1].codeStart.line, 32)
        XCTAssertTrue(NBValMarkers(lesson.codeCells[1]).skip)
        XCTAssertFalse(lesson.cells.contains { if case .prose(let p) = $0 { return p.text.contains("+++") } else { return false } })
    }

    func testPercentCellsMarkdownAndOutputs() throws {
        let lesson = try LessonLoader.load(fixture("percent-script.py"))
        XCTAssertEqual(lesson.codeCells.count, 3)
        XCTAssertEqual(lesson.title, "Shapes in a percent script")
        XCTAssertEqual(lesson.frontMatter.values["jupyter"] != nil, true)
        XCTAssertEqual(lesson.codeCells[0].codeStart, SourcePosition(line: 15, column: 1))
        XCTAssertEqual(lesson.codeCells[0].code, "import numpy as np\nx = np.ones((2, 5))\nprint(x.shape)\n")
        XCTAssertEqual(lesson.codeCells[0].output(.stdout)?.text, "(2, 5)\n")
        XCTAssertTrue(NBValMarkers(lesson.codeCells[1]).skip)
        XCTAssertEqual(lesson.codeCells[2].output(.stdout)?.text, "[1, 2, 3]\n")
    }

    func testQuartoOptions() throws {
        let lesson = try LessonLoader.load(fixture("quarto-document.qmd"))
        XCTAssertEqual(lesson.codeCells.count, 4)
        XCTAssertEqual(lesson.title, "Shapes in Quarto")
        XCTAssertEqual(lesson.codeCells[0].codeStart, SourcePosition(line: 9, column: 1))
        XCTAssertTrue(NBValMarkers(lesson.codeCells[1]).skip, "#| eval: false")
        XCTAssertTrue(NBValMarkers(lesson.codeCells[2]).ignoreOutput, "#| output: false")
        XCTAssertEqual(lesson.codeCells[3].output(.stdout)?.text, "1024\n")
    }

    func testNotebookKeepsEveryOutputType() throws {
        let lesson = try LessonLoader.load(fixture("notebook-with-images.ipynb"))
        let cells = lesson.codeCells
        XCTAssertEqual(cells[0].output(.stdout)?.text, "12\n8\n", "stream, then execute_result")
        XCTAssertEqual(cells[1].displays.count, 1)
        XCTAssertEqual(cells[1].displays.first?.text, "<Figure size 200x100 with 1 Axes>")
        XCTAssertNotNil(cells[1].displays.first?.pixelSize)
        XCTAssertEqual(cells[2].displays.first?.pixelSize?.width, 40)
        XCTAssertEqual(cells[2].displays.first?.pixelSize?.height, 30)
        XCTAssertEqual(cells[3].output(.stdout)?.text, "a b\n1 2\n", "an HTML table is compared as its text")
        XCTAssertEqual(cells[3].displays.first?.comparableText, "a b\n1 2\n")
        XCTAssertEqual(cells[4].output(.stderr)?.text, "ZeroDivisionError: division by zero\n")
        // Each code cell starts where its first line is in the JSON, so errors name the file's lines.
        let json = try SourceText.read(path: fixture("notebook-with-images.ipynb"))
        for cell in cells {
            let first = String(cell.code.prefix { $0 != "\n" })
            XCTAssertTrue(json.line(cell.codeStart.line).contains("\"" + first.replacingOccurrences(of: "\"", with: "\\\"")), "cell \(cell.number) at \(cell.codeStart)")
        }
        // Exported to a notebook again, every output type is there.
        let exported = NotebookConversion.notebook(from: lesson).serialized()
        for type in ["\"image/png\"", "\"image/svg+xml\"", "\"text/html\"", "\"stream\""] { XCTAssertTrue(exported.contains(type), type) }
    }

    func testEachFixtureRunsAndChecks() throws {
        for name in Self.fixtures.keys.sorted() {
            let result = LessonChecker.check(path: fixture(name), runner: LessonReplay(), options: CheckOptions())
            XCTAssertNil(result.error, name)
            XCTAssertEqual(result.status, 0, "\(name): \(CheckReport.text(result))")
            XCTAssertGreaterThanOrEqual(result.cells.filter { $0.verdicts == [.reproduced] }.count, 2, name)
        }
    }

    func testRoundTripThroughEveryFormatKeepsCellsOutputsAndProse() throws {
        for name in Self.fixtures.keys.sorted() {
            let original = try LessonLoader.load(fixture(name))
            for format in [LessonFormat.markdown, .myst, .percent, .quarto] {
                let text = LessonWriter.write(original, as: format)
                let back = try LessonReader.read(SourceText(path: "round-trip." + (format == .myst ? "md" : format.fileExtension), text: text))
                XCTAssertEqual(back.format, format, "\(name) → \(format)")
                XCTAssertEqual(back.codeCells.map { code($0.code) }, original.codeCells.map { code($0.code) }, "\(name) → \(format): code")
                XCTAssertEqual(back.codeCells.map { $0.outputs.map(\.text) }, original.codeCells.map { $0.outputs.map(\.text) }, "\(name) → \(format): outputs")
                XCTAssertEqual(back.codeCells.map { NBValMarkers($0) }, original.codeCells.map { NBValMarkers($0) }, "\(name) → \(format): options")
                XCTAssertEqual(prose(back), prose(original), "\(name) → \(format): prose")
            }
        }
    }

    /// Code without Quarto's `#|` lines, which a Quarto export adds for tags.
    func code(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#| eval") && !$0.hasPrefix("#| output") && !$0.hasPrefix("#| error") }.joined(separator: "\n")
    }

    func prose(_ lesson: Lesson) -> [String] {
        lesson.cells.compactMap { if case .prose(let p) = $0 { return p.text.trimmingCharacters(in: .whitespacesAndNewlines) } else { return nil } }
    }

    func testKerasIOSnippet() throws {
        let text = """
        # Page

        ```python
        print("a")
        print(7)
        ```

        <div class="k-default-codeblock">
        ```
        a

        7

        ```
        </div>
        A diagram:

        <div class="k-default-codeblock">
        ```
        x -> y
        ```
        </div>

        ```python
        model.summary()
        ```

        <pre style="white-space:pre;overflow-x:auto"><span style="font-weight: bold">Model: &quot;m&quot;</span> &lt;x&gt; &amp;
        </pre>

        """
        let lesson = try LessonReader.read(SourceText(path: "page.md", text: text))
        XCTAssertEqual(lesson.format, .kerasIO)
        XCTAssertEqual(lesson.codeCells.count, 2)
        let first = try XCTUnwrap(lesson.codeCells[0].output(.stdout))
        XCTAssertEqual(first.text, "a\n\n7\n\n")
        XCTAssertEqual(first.lines, LineRange(8, 15))
        XCTAssertEqual(lesson.codeCells[1].output(.stdout)?.text, "Model: \"m\" <x> &\n")
        XCTAssertTrue(lesson.cells.contains { if case .prose(let p) = $0 { return p.text.contains("x -> y") } else { return false } }, "a diagram stays prose")
        // keras.io's blank lines around a displayed value are not missing lines.
        XCTAssertTrue(OutputComparer.compare(documented: first.text, fresh: "a\n7\n", ignoringBlankLines: true).matches)
        XCTAssertFalse(OutputComparer.compare(documented: first.text, fresh: "a\n8\n", ignoringBlankLines: true).matches)

        // --update writes outputs back as keras.io blocks, and the page reads back the same.
        let rewritten = OutputRewriter.rewrite(lesson, outputs: [1: [FreshOutput(stream: .stdout, text: "b\n")], 2: [FreshOutput(stream: .stdout, text: "S\n")]])
        XCTAssertFalse(rewritten.contains("```output"))
        XCTAssertTrue(rewritten.contains("A diagram:\n\n<div class=\"k-default-codeblock\">\n```\nx -> y"))
        let again = try LessonReader.read(SourceText(path: "page.md", text: rewritten))
        XCTAssertEqual(again.codeCells.map { $0.output(.stdout)?.text }, ["b\n\n", "S\n\n"])
    }

    func testUpdateWritesOutputsInEachFormat() throws {
        for name in ["myst-notebook.md", "percent-script.py", "quarto-document.qmd"] {
            let lesson = try LessonLoader.load(fixture(name))
            let last = try XCTUnwrap(lesson.codeCells.last)
            let rewritten = OutputRewriter.rewrite(lesson, outputs: [last.number: [FreshOutput(stream: .stdout, text: "fresh 1\n")],
                                                                     1: [FreshOutput(stream: .stdout, text: "fresh 2\n")]])
            let back = try LessonReader.read(SourceText(path: lesson.path, text: rewritten))
            XCTAssertEqual(back.format, lesson.format, name)
            XCTAssertEqual(back.codeCells.last?.output(.stdout)?.text, "fresh 1\n", name)
            XCTAssertEqual(back.codeCells.first?.output(.stdout)?.text, "fresh 2\n", name)
            XCTAssertEqual(back.codeCells.map(\.code), lesson.codeCells.map(\.code), name)
        }
    }

    func testNoDocumentedOutputsIsSaidAndFailsUnderStrict() throws {
        let lesson = try LessonReader.read(SourceText(path: "bare.qmd", text: "```{python}\nprint(1)\n```\n"))
        let runs = [1: CellRun(outputs: [FreshOutput(stream: .stdout, text: "1\n")])]
        var result = LessonChecker.check(lesson, runs: runs)
        XCTAssertTrue(result.documentsNoOutputs)
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(CheckReport.text(result).contains("stores no outputs"))
        result = LessonChecker.check(lesson, runs: runs, options: CheckOptions(strict: true))
        XCTAssertEqual(result.status, 1)
    }

    func testSummaryTablesOfOtherWidthsCompareEqual() {
        let page = "┏━━━━━━━━━┳━━━━━━━━━━━━━━━┓\n┃ Layer   ┃ Output Shape  ┃\n│ dense   │ (None, 10)    │\n└─────────┴───────────────┘\n"
        let fresh = "┏━━━━━━━━━━━┳━━━━━━━━━━━━┓\n┃ Layer     ┃ Output Shape ┃\n│ dense     │ (None, 10)   │\n└───────────┴────────────┘\n"
        XCTAssertTrue(OutputComparer.compare(documented: page, fresh: fresh).matches)
        let other = fresh.replacingOccurrences(of: "(None, 10)", with: "(None, 12)")
        XCTAssertFalse(OutputComparer.compare(documented: page, fresh: other).matches, "the shapes are compared")
    }

    func testFiguresAreCheckedForPresenceAndSizeAndPixelsOnRequest() throws {
        let lesson = try LessonLoader.load(fixture("notebook-with-images.ipynb"))
        guard case .png(let documented) = try XCTUnwrap(lesson.codeCells[1].displays.first).content,
              let size = PNGSize.read(documented), let pixels = PNGPixels(documented) else { return XCTFail("no PNG in the fixture") }
        func verdicts(_ figures: [Figure], tolerance: Double? = nil) -> [CellVerdict] {
            var options = CheckOptions()
            options.pixelTolerance = tolerance
            let result = LessonChecker.check(lesson, runs: [2: CellRun(outputs: [], figures: figures)], options: options)
            return result.cells[1].verdicts
        }
        XCTAssertEqual(verdicts([Figure(png: documented)]), [.reproduced])
        XCTAssertEqual(verdicts([Figure(png: documented)], tolerance: 0), [.reproduced])
        XCTAssertNotEqual(verdicts([]), [.reproduced], "a missing figure is a difference")
        let smaller = PNGEncoder.encode(width: size.width - 1, height: size.height, channels: 1, pixels: Array(repeating: 0, count: (size.width - 1) * size.height))
        XCTAssertNotEqual(verdicts([Figure(png: smaller)]), [.reproduced], "another size is a difference")
        // Same size, every pixel inverted: only --images sees it.
        let inverted = PNGEncoder.encode(width: size.width, height: size.height, channels: 3, pixels: pixels.rgb.map { 255 - $0 })
        XCTAssertEqual(verdicts([Figure(png: inverted)]), [.reproduced])
        XCTAssertNotEqual(verdicts([Figure(png: inverted)], tolerance: 0.05), [.reproduced])
        let decoded = try XCTUnwrap(PNGPixels(inverted))
        XCTAssertEqual(decoded.difference(from: decoded), 0)
        XCTAssertEqual(decoded.width, size.width)
    }

    func testHTMLTextIsWhatATerminalShows() {
        XCTAssertEqual(HTMLText.terminalText("<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>&#50;</td></tr></table>"), "a b\n1 2\n")
        XCTAssertEqual(HTMLText.terminalText("x &lt; y &amp;&amp; &#x41; &bogus; <"), "x < y && A &bogus; <")
    }
}
