import LessonKit
import XCTest

/// The seed lesson checked against itself as results, with its documentation mutated. It
/// runs on a copy in Fixtures/check-mutation/ (editing `Lessons/cnn-mnist.md` must not break
/// these tests), and the lines it expects are found in that copy, not written down.
final class CheckMutationTests: XCTestCase {
    var lessonPath: String { TestPaths.fixture("check-mutation/cnn-mnist.md") }

    /// The 1-based line of the first line of the copy that contains `text` (after line `after`).
    func line(of text: String, after: Int = 0) throws -> Int {
        let lines = try String(contentsOfFile: lessonPath, encoding: .utf8).components(separatedBy: "\n")
        let index = try XCTUnwrap(lines.indices.first { $0 >= after && lines[$0].contains(text) }, "no line holds \(text)")
        return index + 1
    }

    func original() throws -> Lesson { try LessonParser.parse(path: lessonPath) }

    /// The lesson's own documented outputs, as a run would return them.
    func runs(of lesson: Lesson) -> [Int: CellRun] {
        Dictionary(uniqueKeysWithValues: lesson.codeCells.map { cell in
            (cell.number, CellRun(outputs: cell.outputs.map { FreshOutput(stream: $0.stream, text: $0.text) }))
        })
    }

    func check(documenting edit: (String) -> String, options: CheckOptions = CheckOptions(), file: StaticString = #filePath, line: UInt = #line) throws -> LessonCheckResult {
        let text = try String(contentsOfFile: lessonPath, encoding: .utf8)
        let mutated = edit(text)
        XCTAssertNotEqual(mutated, text, "the mutation changed nothing", file: file, line: line)
        let lesson = try LessonParser.parse(text: mutated, path: "mutated.md")
        return LessonChecker.check(lesson, runs: runs(of: try original()), options: options)
    }

    func report(_ result: LessonCheckResult) -> String { CheckReport.text(result) }

    func testTheLessonReproducesItself() throws {
        let lesson = try original()
        let result = LessonChecker.check(lesson, runs: runs(of: lesson))
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(report(result).hasPrefix("ok \(lessonPath) ("), report(result))
    }

    func testAChangedShapeFails() throws {
        let result = try check { $0.replacingOccurrences(of: "(60000, 28, 28)", with: "(60000, 28, 27)") }
        XCTAssertEqual(result.status, 1)
        let text = report(result)
        let code = try line(of: "```python"), fence = try line(of: "```output", after: code)
        XCTAssertTrue(text.contains("mutated.md:\(fence): cell 1 (code at line \(code)): stdout differs"), text)
        XCTAssertTrue(text.contains("-(60000, 28, 27)\n    +(60000, 28, 28)"), text)
        XCTAssertTrue(text.contains("line \(try line(of: "(60000, 28, 28)", after: fence)): expected 27, got 28 (integers match exactly)"), text)
    }

    func testAnAccuracyThreeHundredthsLowerFails() throws {
        let result = try check { $0.replacingOccurrences(of: "accuracy: 0.9863", with: "accuracy: 0.9563") }
        XCTAssertEqual(result.status, 1)
        let text = report(result)
        XCTAssertTrue(text.contains("cell 4"), text)
        XCTAssertTrue(text.contains("line \(try line(of: "accuracy: 0.9863")): accuracy expected 0.9563, got 0.9863 (accuracy: ±0.01 absolute)"), text)
    }

    func testADoubledLossFails() throws {
        let result = try check { $0.replacingOccurrences(of: "loss: 0.1355", with: "loss: 0.2710") }
        XCTAssertEqual(result.status, 1)
        let text = report(result)
        XCTAssertTrue(text.contains("line \(try line(of: "loss: 0.1355")): loss expected 0.2710, got 0.1355 (loss: ±(0.02 + 25% of 0.271) = ±0.08775)"), text)
    }

    func testAMissingEpochLineFails() throws {
        let result = try check { $0.replacingOccurrences(of: "Epoch 3/5\n", with: "") }
        XCTAssertEqual(result.status, 1)
        let text = report(result)
        XCTAssertTrue(text.contains("1 extra line"), text)
        XCTAssertTrue(text.contains("    +Epoch 3/5"), text)
    }

    func testAnExtraLineFails() throws {
        let result = try check { $0.replacingOccurrences(of: "Test Accuracy: 0.9883999824523926\n", with: "Test Accuracy: 0.9883999824523926\nDone.\n") }
        XCTAssertEqual(result.status, 1)
        let text = report(result)
        XCTAssertTrue(text.contains("cell 5"), text)
        XCTAssertTrue(text.contains("1 line missing"), text)
        XCTAssertTrue(text.contains("    -Done."), text)
    }

    func testSwappedOutputsOfTwoCellsFail() throws {
        let lesson = try original()
        var swapped = runs(of: lesson)
        let first = swapped[1], last = swapped[5]
        swapped[1] = last
        swapped[5] = first
        let result = LessonChecker.check(lesson, runs: swapped)
        XCTAssertEqual(result.status, 1)
        let text = report(result)
        XCTAssertTrue(text.contains("cell 1 (code at line \(try line(of: "```python"))): stdout differs"), text)
        XCTAssertTrue(text.contains("cell 5"), text)
        XCTAssertTrue(text.contains("-(60000, 28, 28)"), text)
        XCTAssertTrue(text.contains("+Test Accuracy: 0.9883999824523926"), text)
    }

    func testChangedTimingsAndEtaPass() throws {
        let result = try check {
            $0.replacingOccurrences(of: "8s 4ms/step", with: "31s 18ms/step")
                .replacingOccurrences(of: "7s 4ms/step", with: "2:16 83ms/step")
                .replacingOccurrences(of: "7s 1us/step", with: "ETA: 0s")
        }
        XCTAssertEqual(result.status, 0, report(result))
    }

    func testAKeras2StyleProgressLinePasses() throws {
        let result = try check {
            $0.replacingOccurrences(
                of: "1688/1688 ━━━━━━━━━━━━━━━━━━━━ 7s 4ms/step - accuracy: 0.9863 - loss: 0.0445 - val_accuracy: 0.9893 - val_loss: 0.0349",
                with: "1688/1688 [==============================] - 12s 7ms/step - loss: 0.0450 - accuracy: 0.9860 - val_loss: 0.0350 - val_accuracy: 0.9890")
        }
        XCTAssertEqual(result.status, 0, report(result))
    }

    func testUndocumentedOutputIsANoteUnlessStrict() throws {
        let lesson = try LessonParser.parse(text: "```python\nprint(1)\n```\n", path: "bare.md")
        let runs = [1: CellRun(outputs: [FreshOutput(stream: .stdout, text: "1\n")])]
        let lenient = LessonChecker.check(lesson, runs: runs)
        XCTAssertEqual(lenient.status, 0)
        XCTAssertTrue(report(lenient).contains("note: bare.md:1: cell 1: undocumented stdout"), report(lenient))
        let strict = LessonChecker.check(lesson, runs: runs, options: CheckOptions(strict: true))
        XCTAssertEqual(strict.status, 1)
        XCTAssertTrue(report(strict).contains("FAIL bare.md"), report(strict))
    }

    func testStderrIsComparedOnlyWhenStrict() throws {
        let lesson = try original()
        var changed = runs(of: lesson)
        changed[3] = CellRun(outputs: [FreshOutput(stream: .stderr, text: "something else\n")])
        XCTAssertEqual(LessonChecker.check(lesson, runs: changed).status, 0)
        let strict = LessonChecker.check(lesson, runs: changed, options: CheckOptions(strictStderr: true))
        XCTAssertEqual(strict.status, 1)
        XCTAssertTrue(report(strict).contains("stderr differs"), report(strict))
    }

    func testBlockAndRunTolerancesOverrideTheRules() throws {
        let loose = try check(documenting: { $0.replacingOccurrences(of: "accuracy: 0.9863", with: "accuracy: 0.9563") },
                              options: CheckOptions(absoluteTolerance: 0.05))
        XCTAssertEqual(loose.status, 0, report(loose))
        let block = try check { $0.replacingOccurrences(of: "Test Accuracy: 0.9883999824523926\n```", with: "Test Accuracy: 0.9783999824523926\n```")
            .replacingOccurrences(of: "```output\n313/313", with: "```output atol=0.0001\n313/313") }
        XCTAssertEqual(block.status, 1)
        XCTAssertTrue(report(block).contains("output block: atol=0.0001 rtol=0"), report(block))
    }

    func testIgnoredBlocksAreNotCompared() throws {
        let result = try check { $0.replacingOccurrences(of: "```output\n313/313", with: "```output ignore\n313/313")
            .replacingOccurrences(of: "Test Accuracy: 0.9883999824523926", with: "Test Accuracy: 0.5") }
        XCTAssertEqual(result.status, 0, report(result))
    }
}
