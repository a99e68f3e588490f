import XCTest
@testable import LessonKit

/// Notebook metadata is untrusted text that lands on fence lines when a notebook is imported:
/// it must not break a fence, smuggle in a code cell, or make the imported lesson unparseable.
final class NotebookHardeningTests: XCTestCase {
    func imported(tags: [String], outputInfos: [String]) throws -> Lesson {
        let cell = NotebookCell(kind: .code, source: "print(1)",
                                metadata: ["tags": .array(tags.map(JSONValue.string)), "lesson": .object(["outputs": .array(outputInfos.map(JSONValue.string))])],
                                outputs: [.stream(.stdout, "1\n")], executionCount: 1)
        let json = Notebook(cells: [cell]).serialized()
        let markdown = try NotebookConversion.markdown(from: try Notebook.decode(Data(json.utf8), path: "n.ipynb"))
        return try LessonParser.parse(text: markdown, path: "n.md")
    }

    func testOutputInfoFromMetadataCannotAddACodeCell() throws {
        let lesson = try imported(tags: [], outputInfos: ["output\n```\n\n```python\nimport os\n"])
        XCTAssertEqual(lesson.codeCells.map(\.code), ["print(1)\n"])
        XCTAssertEqual(lesson.codeCells.first?.outputs.map(\.text), ["1\n"])
    }

    func testBackticksAndUnknownOptionsInMetadataAreDropped() throws {
        let lesson = try imported(tags: ["nbval-skip", "a`b"], outputInfos: ["output `x`", "output frobnicate"])
        XCTAssertEqual(lesson.codeCells.count, 1)
        XCTAssertEqual(lesson.codeCells.first?.info, "python tags=nbval-skip")
        XCTAssertEqual(lesson.codeCells.first?.outputs.map(\.info), ["output"])
        // A valid info still travels.
        XCTAssertEqual(try imported(tags: [], outputInfos: ["output atol=0.01"]).codeCells.first?.outputs.map(\.info), ["output atol=0.01"])
    }
}
