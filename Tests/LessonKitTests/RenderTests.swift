import XCTest
@testable import KerasBindings
@testable import LessonKit

final class KerasProgressFormatTests: XCTestCase {
    /// Lines from shared/reference/keras-3-outputs.md (a real Keras 3.15 run), rebuilt from
    /// the numbers they show.
    let referenceLines = [
        "90/90 ━━━━━━━━━━━━━━━━━━━━ 3s 18ms/step - accuracy: 0.7521 - loss: 0.8068 - val_accuracy: 0.8938 - val_loss: 0.2558",
        "42/90 ━━━━━━━━━━━━━━━━━━━━ 0s 16ms/step - accuracy: 0.6064 - loss: 1.2786",
        "32/32 ━━━━━━━━━━━━━━━━━━━━ 0s 7ms/step - accuracy: 0.9570 - loss: 0.1348",
        "1/1 ━━━━━━━━━━━━━━━━━━━━ 0s 83ms/step",
        "90/90 - 1s - 16ms/step - accuracy: 0.9573 - loss: 0.1422 - val_accuracy: 0.9750 - val_loss: 0.0876",
    ]

    func testLinesMatchKeras3() {
        XCTAssertEqual(KerasProgressFormat.line(current: 90, target: 90, elapsed: 3.2, timePerStep: 0.0181,
                                                metrics: [("accuracy", 0.75208), ("loss", 0.80681), ("val_accuracy", 0.89381), ("val_loss", 0.25579)],
                                                finalize: true, colors: false), referenceLines[0])
        XCTAssertEqual(KerasProgressFormat.line(current: 42, target: 90, elapsed: 0.7, timePerStep: 0.016,
                                                metrics: [("accuracy", 0.60641), ("loss", 1.27862)], finalize: false, colors: false), referenceLines[1])
        XCTAssertEqual(KerasProgressFormat.line(current: 32, target: 32, elapsed: 0.22, timePerStep: 0.007,
                                                metrics: [("accuracy", 0.957), ("loss", 0.13476)], finalize: true, colors: false), referenceLines[2])
        XCTAssertEqual(KerasProgressFormat.line(current: 1, target: 1, elapsed: 0.083, timePerStep: 0.083,
                                                metrics: [], finalize: true, colors: false), referenceLines[3])
        XCTAssertEqual(KerasProgressFormat.summaryLine(target: 90, elapsed: 1.4, timePerStep: 0.016,
                                                       metrics: [("accuracy", 0.95731), ("loss", 0.14224), ("val_accuracy", 0.975), ("val_loss", 0.08757)]),
                       referenceLines[4])
    }

    func testTheReferenceFileHoldsTheseLines() throws {
        let reference = TestPaths.repository.deletingLastPathComponent().appendingPathComponent("shared/reference/keras-3-outputs.md")
        guard let text = try? String(contentsOf: reference, encoding: .utf8) else {
            throw XCTSkip("shared/reference/keras-3-outputs.md is not beside this checkout")
        }
        for line in referenceLines { XCTAssertTrue(text.contains(line), line) }
    }

    func testBarFillsProportionallyAndCountIsPadded() {
        let line = KerasProgressFormat.line(current: 5, target: 1688, elapsed: 0.1, timePerStep: 0.004, metrics: [], finalize: false, colors: false)
        XCTAssertTrue(line.hasPrefix("   5/1688 ━━━━━━━━━━━━━━━━━━━━ 6s 4ms/step"), line)
        let colored = KerasProgressFormat.line(current: 844, target: 1688, elapsed: 3, timePerStep: 0.004, metrics: [], finalize: false, colors: true)
        XCTAssertTrue(colored.contains("\u{1B}[32m" + String(repeating: "━", count: 10) + "\u{1B}[0m\u{1B}[37m" + String(repeating: "━", count: 10)), colored)
    }

    func testSmallValuesAndTimes() {
        XCTAssertEqual(KerasProgressFormat.value(0), "0.0000e+00")
        XCTAssertEqual(KerasProgressFormat.value(0.00012345), "1.2345e-04")
        XCTAssertEqual(KerasProgressFormat.value(0.98765), "0.9877")
        XCTAssertEqual(KerasProgressFormat.stepTime(0.0000012), " 1us/step")
        XCTAssertEqual(KerasProgressFormat.stepTime(2.4), " 2s/step")
        XCTAssertEqual(KerasProgressFormat.eta(75), "1:15")
        XCTAssertEqual(KerasProgressFormat.eta(3725), "1:02:05")
        XCTAssertEqual(KerasProgressFormat.python0f(2.5), "2")
        XCTAssertEqual(KerasProgressFormat.python0f(3.5), "4")
    }

    func testPipedDisplayWritesOnlyTheFinalLine() {
        var written = ""
        let display = ProgressDisplay(mode: .finalOnly, colors: false) { written += $0 }
        for step in 1..<10 { display.update(current: step, target: 10, elapsed: Double(step), timePerStep: 1, metrics: [("loss", 1)]) }
        display.finish(target: 10, elapsed: 10, timePerStep: 1, metrics: [("loss", 0.5)])
        XCTAssertEqual(written, "10/10 ━━━━━━━━━━━━━━━━━━━━ 10s 1s/step - loss: 0.5000\n")
        XCTAssertFalse(written.contains("\r"))
    }

    func testLiveDisplayRedrawsInPlace() {
        var written = ""
        let display = ProgressDisplay(mode: .live, colors: false, interval: 0) { written += $0 }
        display.update(current: 1, target: 2, elapsed: 1, timePerStep: 1, metrics: [("loss", 0.12345)])
        display.finish(target: 2, elapsed: 2, timePerStep: 1, metrics: [])
        XCTAssertEqual(written, "\r1/2 ━━━━━━━━━━────────── 1s 1s/step - loss: 0.1235".replacingOccurrences(of: "─", with: "━")
                       + "\r2/2 ━━━━━━━━━━━━━━━━━━━━ 2s 1s/step" + String(repeating: " ", count: 15) + "\n")
    }
}

final class TerminalProseTests: XCTestCase {
    func testPlainRenderingKeepsTablesAndListsWithoutEscapes() {
        let markdown = "# Title\n\nSome *emphasis* and `code`.\n\n- one\n- two\n\n| a | b |\n| - | - |\n| 1 | 2 |\n"
        let text = TerminalProse(style: TerminalStyle(colors: false)).render(markdown)
        XCTAssertEqual(text, "Title\n\nSome emphasis and code.\n\n• one\n• two\n\n| a | b |\n| - | - |\n| 1 | 2 |\n")
    }

    func testColouredHeadingUsesBold() {
        let text = TerminalProse(style: TerminalStyle(colors: true)).render("## Part\n")
        XCTAssertEqual(text, "\u{1B}[1mPart\u{1B}[0m\n")
    }

    func testHighlighterSpans() {
        let spans = PythonHighlighter.spans("x = f\"{a:.4f}\"  # note\nprint(1.5)")
        XCTAssertEqual(spans.filter { $0.kind == .string }.map(\.text), ["f\"{a:.4f}\""])
        XCTAssertEqual(spans.filter { $0.kind == .comment }.map(\.text), ["# note"])
        XCTAssertEqual(spans.filter { $0.kind == .builtin }.map(\.text), ["print"])
        XCTAssertEqual(spans.filter { $0.kind == .number }.map(\.text), ["1.5"])
        XCTAssertEqual(spans.map(\.text).joined(), "x = f\"{a:.4f}\"  # note\nprint(1.5)")
    }
}
