import XCTest
@testable import LessonKit

/// A stand-in for the interpreter: each cell's code says what to do.
final class ScriptedExecutor: CellExecutor {
    var ran: [Int] = []
    func run(_ cell: CodeCell, in lesson: Lesson, output: CellOutput) throws {
        ran.append(cell.number)
        for line in cell.code.split(separator: "\n") {
            if line.hasPrefix("print ") { output.write(line.dropFirst(6) + "\n", to: .stdout) }
            if line.hasPrefix("warn ") { output.write(line.dropFirst(5) + "\n", to: .stderr) }
            if line.hasPrefix("step ") { output.performed(Step(rawValue: String(line.dropFirst(5))) ?? .show) }
            if line == "fail" { throw CellError(kind: "NameError", message: "name 'x' is not defined") }
            if line == "bar" {
                output.progressUpdate(current: 1, target: 2, elapsed: 0.1, timePerStep: 0.1, metrics: [("loss", 0.5)])
                output.progressFinish(target: 2, elapsed: 0.2, timePerStep: 0.1, metrics: [("loss", 0.25)])
            }
        }
    }
}

final class RecordingEcho: OutputEcho {
    var colors = false
    var liveProgress: Bool
    var text = ""
    init(live: Bool) { liveProgress = live }
    func write(_ text: String, stream: StandardStream) { self.text += text }
    func figure(_ figure: Figure, number: Int) {}
}

final class SessionTests: XCTestCase {
    let lessonText = """
    # Title

    ```python
    print one
    step load
    ```

    ```python
    warn careful
    step fit
    bar
    ```

    ```python
    fail
    ```

    ```python
    print four
    ```
    """

    func lesson() throws -> Lesson { try LessonParser.parse(text: lessonText, path: "s.md") }

    func testRunsCellsInOrderAndStopsAtTheFirstFailure() throws {
        let executor = ScriptedExecutor()
        let outcome = Session(lesson: try lesson(), executor: executor).run()
        XCTAssertEqual(executor.ran, [1, 2, 3])
        XCTAssertTrue(outcome.failed)
        XCTAssertEqual(outcome.results.map(\.stdout), ["one\n", "2/2 ━━━━━━━━━━━━━━━━━━━━ 0s 100ms/step - loss: 0.2500\n", ""])
        XCTAssertEqual(outcome.results[1].stderr, "careful\n")
        XCTAssertEqual(outcome.results.map(\.steps), [[.load], [.fit], []])
        XCTAssertEqual(outcome.results[2].error?.kind, "NameError")
    }

    func testKeepGoingSelectionAndToStep() throws {
        var options = Session.Options()
        options.keepGoing = true
        let executor = ScriptedExecutor()
        XCTAssertEqual(Session(lesson: try lesson(), executor: executor, options: options).run().results.count, 4)
        options = Session.Options()
        options.cells = try CellSelection(parsing: "2,4")
        let selected = ScriptedExecutor()
        _ = Session(lesson: try lesson(), executor: selected, options: options).run()
        XCTAssertEqual(selected.ran, [2, 4])
        options = Session.Options()
        options.toStep = .fit
        let toFit = ScriptedExecutor()
        _ = Session(lesson: try lesson(), executor: toFit, options: options).run()
        XCTAssertEqual(toFit.ran, [1, 2])
    }

    func testCellSelectionParsing() throws {
        XCTAssertEqual(try CellSelection(parsing: "1-3").ranges, [1...3])
        XCTAssertTrue(try CellSelection(parsing: "3-").contains(99))
        XCTAssertFalse(try CellSelection(parsing: "2,4-5").contains(3))
        XCTAssertThrowsError(try CellSelection(parsing: "0-2"))
        XCTAssertThrowsError(try CellSelection(parsing: "3-1"))
        XCTAssertThrowsError(try CellSelection(parsing: "x"))
    }

    func testRecordKeepsOnlyTheFinalBarWhileATerminalSeesItRedrawn() throws {
        let live = RecordingEcho(live: true)
        let outcome = Session(lesson: try lesson(), executor: ScriptedExecutor()).run(echo: live)
        XCTAssertFalse(outcome.results[1].stdout.contains("\r"))
        XCTAssertTrue(live.text.contains("\r1/2 ━━━━━━━━━━━━━━━━━━━━ 0s 100ms/step - loss: 0.5000"), live.text)
        let piped = RecordingEcho(live: false)
        _ = Session(lesson: try lesson(), executor: ScriptedExecutor()).run(echo: piped)
        XCTAssertFalse(piped.text.contains("\r"))
        XCTAssertTrue(piped.text.contains("2/2 ━━━━━━━━━━━━━━━━━━━━ 0s 100ms/step - loss: 0.2500\n"))
    }

    func testPipedReplayHasNoEscapeCodes() throws {
        var text = ""
        let replay = TerminalReplay(style: TerminalStyle(colors: false), quiet: false, liveProgress: false, out: { text += $0 }, err: { text += $0 })
        _ = Session(lesson: try lesson(), executor: ScriptedExecutor()).run(observer: replay, echo: replay)
        XCTAssertFalse(text.contains("\u{1B}"))
        XCTAssertTrue(text.contains("── In [1] ──"), text)
        XCTAssertTrue(text.contains("print one\n"), text)
        XCTAssertTrue(text.contains("lesson: error: NameError: name 'x' is not defined"))
        XCTAssertTrue(text.contains("not run: an earlier cell failed"))
    }
}
