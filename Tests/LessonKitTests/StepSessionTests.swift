import XCTest
@testable import LessonKit

/// `lesson step` driven by scripted commands, as a pipe drives it.
final class StepSessionTests: XCTestCase {
    static let counterLesson = """
    # Counting

    Start at zero.

    ```python
    counter = 0
    ```

    One more.

    ```python
    counter += 1
    print(counter)
    ```

    ```output
    1
    ```

    ```python
    print(counter * 10)
    ```

    ```output
    20
    ```
    """

    var folder: URL!

    override func setUpWithError() throws {
        folder = try TestPaths.temporaryFolder()
    }

    /// Runs a session on `text` with `commands` (one per line); returns the transcript.
    func transcript(_ commands: [String], text: String = counterLesson, checkpoints: Bool = true, from: String? = nil) throws -> String {
        let lesson = try LessonParser.parse(text: text, path: folder.appendingPathComponent("counting.md").path)
        var output = ""
        var lines = commands[...]
        let write = { (s: String) in output += s }
        let input = LineInput(echo: true, write: write) { lines.popFirst() }
        var options = StepSession.Options()
        options.checkpoints = checkpoints
        options.cacheFolder = folder.appendingPathComponent("cache")
        options.from = from
        let session = try StepSession(lesson: lesson, options: options, input: input, out: write, err: write)
        XCTAssertEqual(session.run(), 0)
        return output
    }

    func assertInOrder(_ text: String, _ needles: [String], file: StaticString = #filePath, line: UInt = #line) {
        var rest = text[...]
        for needle in needles {
            guard let range = rest.range(of: needle) else {
                return XCTFail("'\(needle)' not found (in order) in:\n\(text)", file: file, line: line)
            }
            rest = rest[range.upperBound...]
        }
    }

    func testGoingBackRunsACellOnTheStateBeforeIt() throws {
        for checkpoints in [true, false] {
            let text = try transcript(["", "", "b", "", "r", "q"], checkpoints: checkpoints)
            assertInOrder(text, [
                "Start at zero.", "── Cell 1 of 3", "counter = 0", "[cell 1 of 3 · nothing run yet]\n> \n",
                "One more.", "── Cell 2 of 3 · Step 1 of 2 — show", "> \n1\n",
                "── Cell 3 of 3 · Step 2 of 2 — show", "> b\n",
                "── Cell 2 of 3", "[cell 2 of 3 · state after cell 2 (this cell starts from the state after cell 1)]", "> \n",
                checkpoints ? "· restored the state after cell 1 from the checkpoint cache" : "· starting afresh",
                "1\n", // not 2: the cell ran on the state before it
                "> r\n", "── running cell 2 again", "1\n", "── Cell 3 of 3", "> q\n",
                "lesson step: stopped at cell 3 of 3; cells run: 1-2",
            ])
            XCTAssertFalse(text.contains("\n2\n"), text)
        }
    }

    func testSkippingRunsTheNextCellWithoutIt() throws {
        let text = try transcript(["", "s", "", "d"])
        assertInOrder(text, [
            "> s\n", "· skipped cell 2", "── Cell 3 of 3", "[cell 3 of 3 · state after cell 1]", "> \n", "0\n",
            "[end of the lesson · state: cells 1, 3 ran]", "> d\n",
            "cell 3: stdout differs: 1 figure out of tolerance", "-20", "+0", "expected 20, got 0",
            "lesson step: stopped at the end of the lesson; cells run: 1, 3",
        ])
    }

    func testOutputAndDifference() throws {
        let text = try transcript(["o", "", "", "o", "d", "d 3", "o 1", "d 9"])
        assertInOrder(text, [
            "> o\n", "· cell 1 documents no output",
            "> \n", "> \n", "1\n",
            "> o\n", "── documented output of cell 2\n1\n",
            "> d\n", "· cell 2: the fresh stdout matches the documented one",
            "> d 3\n", "· cell 3 has not run yet",
            "> o 1\n", "· cell 1 documents no output",
            "> d 9\n", "· no cell 9; cells are 1 to 3",
        ])
    }

    func testGoToAndFromRestoreTheStateBefore() throws {
        _ = try transcript(["", "", ""]) // saves checkpoints after cells 1-3
        var text = try transcript(["g 3", "", "q"])
        assertInOrder(text, ["> g 3\n", "· restored the state after cell 2 from the checkpoint cache", "── Cell 3 of 3", "> \n", "10\n"])
        text = try transcript([""], from: "3")
        assertInOrder(text, ["· restored the state after cell 2", "── Cell 3 of 3", "> \n", "10\n", "── End of the lesson"])
        XCTAssertFalse(text.contains("One more."), "prose before earlier cells is not shown")
        text = try transcript(["g 3", ""], checkpoints: false)
        assertInOrder(text, ["> g 3\n", "· running cells 1-2 to reach cell 3", "── cell 1", "── cell 2", "1\n", "── Cell 3 of 3", "> \n", "10\n"])
        XCTAssertThrowsError(try transcript([], from: "fit")) { XCTAssertTrue("\($0)".contains("performs the step 'fit'"), "\($0)") }
        XCTAssertThrowsError(try transcript([], from: "4"))
    }

    func testStepLabelsNumberTheLessonsSteps() throws {
        let lesson = try LessonParser.parse(text: """
        ```python
        (X_train, y_train), (X_test, y_test) = mnist.load_data()
        print(X_train.shape)
        ```

        ```python
        X_train = X_train / 255.0
        X_train = X_train.reshape(-1, 28, 28, 1)
        ```

        ```python
        model = Sequential([Dense(10)])
        ```

        ```python
        model.compile(optimizer='adam')
        model.fit(X_train, y_train)
        ```

        ```python
        x = 1
        ```

        ```python
        test_loss, test_accuracy = model.evaluate(X_test, y_test)
        print(test_accuracy)
        ```
        """, path: "seed.md")
        let steps = TeachingSteps(lesson: lesson)
        XCTAssertEqual(steps.total, 7)
        XCTAssertEqual(steps.label(cell: 1), "Step 1 of 7 — load")
        XCTAssertEqual(steps.label(cell: 3), "Step 4 of 7 — build")
        XCTAssertEqual(steps.label(cell: 4), "Steps 5–6 of 7 — compile · fit")
        XCTAssertNil(steps.label(cell: 5))
        XCTAssertEqual(steps.label(cell: 6), "Step 7 of 7 — evaluate")
        XCTAssertEqual(try TeachingSteps.cell(from: "fit", in: lesson), 4)
        XCTAssertEqual(try TeachingSteps.cell(from: "show", in: lesson), 1)
        XCTAssertEqual(try TeachingSteps.cell(from: "6", in: lesson), 6)
        XCTAssertThrowsError(try TeachingSteps.cell(from: "train", in: lesson))
        XCTAssertEqual(StepSession.ranges([1, 2, 3, 5, 7, 8]), "1-3, 5, 7-8")
    }
}
