import Foundation
import XCTest
@testable import LessonKit
import Script

/// Checkpointing costs time linear in the cells (issue 14, part 5): a list that did not change
/// since the last checkpoint is not encoded again, so the objects encoded over a lesson grow
/// with its cells, not with their square.
final class CheckpointEncodingWorkTests: XCTestCase {
    /// Runs a lesson of `cells` cells, each making a new list kept in a new global, saving a
    /// checkpoint after each; returns the objects the checkpoints encoded.
    func encodedObjects(cells: Int, folder: URL) throws -> Int {
        let text = "# Many\n\n" + (1...cells).map { "```python\nv\($0) = list(range(\($0 * 1000), \($0 * 1000 + 50)))\n```\n" }.joined(separator: "\n")
        let lesson = try LessonParser.parse(text: text, path: folder.appendingPathComponent("many.md").path)
        let store = CheckpointStore(folder: folder.appendingPathComponent("c\(cells)"), maxBytes: 1 << 40)
        let checkpoints = try SessionCheckpoints(store: store, lesson: lesson, seed: 42, overrides: []) { _ in }
        let executor = try LessonExecutor(lesson: lesson, seed: 42, overrides: [])
        for cell in lesson.codeCells {
            try executor.run(cell, in: lesson, output: CellOutput(echo: nil))
            checkpoints.save(after: cell.number, executor: executor)
        }
        return checkpoints.encodedObjects
    }

    func testEncodingWorkGrowsLinearlyWithTheCells() throws {
        let folder = try TestPaths.temporaryFolder()
        let small = try encodedObjects(cells: 10, folder: folder)
        let large = try encodedObjects(cells: 40, folder: folder)
        XCTAssertGreaterThanOrEqual(small, 10, "each new list is encoded once")
        // Four times the cells: four times the work (re-encoding every list each time made it 15).
        XCTAssertLessThan(Double(large) / Double(small), 5.0, "10 cells: \(small) objects, 40 cells: \(large)")
    }

    func testAListChangedInALaterCellIsEncodedAgainAndRestoresChanged() throws {
        let folder = try TestPaths.temporaryFolder()
        let text = "# Change\n\n```python\nv = [1, 2]\n```\n\n```python\nv.append(3)\n```\n"
        let lesson = try LessonParser.parse(text: text, path: folder.appendingPathComponent("change.md").path)
        let store = CheckpointStore(folder: folder.appendingPathComponent("c"), maxBytes: 1 << 40)
        let checkpoints = try SessionCheckpoints(store: store, lesson: lesson, seed: 42, overrides: []) { _ in }
        let executor = try LessonExecutor(lesson: lesson, seed: 42, overrides: [])
        for cell in lesson.codeCells {
            try executor.run(cell, in: lesson, output: CellOutput(echo: nil))
            checkpoints.save(after: cell.number, executor: executor)
        }
        XCTAssertEqual(checkpoints.encodedObjects, 2, "the list is encoded after each cell: it changed")
        let fresh = try LessonExecutor(lesson: lesson, seed: 42, overrides: [])
        try checkpoints.restore(after: lesson.codeCells[1].number, into: fresh)
        XCTAssertEqual(fresh.interpreter.globals["v"].map { "\($0)" }, "[1, 2, 3]")
    }

    func testMutationsBumpTheVersionOfListsAndDicts() throws {
        let list = ListStorage([.int(1)])
        let before = list.version
        list.items.append(.int(2))
        XCTAssertGreaterThan(list.version, before)
        let dict = DictStorage()
        try dict.set(.str("a"), .int(1))
        let afterSet = dict.version
        _ = try dict.remove(.str("a"))
        XCTAssertGreaterThan(dict.version, afterSet)
    }
}
