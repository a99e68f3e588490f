import Foundation
import XCTest
@testable import LessonKit

/// The checkpoint cache's bound and its cost (issue 14, part 5): it never holds more than
/// `LESSON_CACHE_MAX`, it evicts the least recently used checkpoint first, and a lesson's
/// checkpoints cost bytes linear in its cells.
final class CheckpointBoundTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws { folder = try TestPaths.temporaryFolder() }

    /// A lesson of `cells` code cells, each making a new list of 300 distinct ints: kept in a
    /// new global (the state grows), or in the same one (each state holds one list).
    func lesson(cells: Int, sameName: Bool = false) throws -> Lesson {
        let text = "# Many\n\n" + (1...cells).map {
            "```python\n\(sameName ? "v" : "v\($0)") = list(range(\($0 * 1000), \($0 * 1000 + 300)))\n```\n"
        }.joined(separator: "\n")
        return try LessonParser.parse(text: text, path: folder.appendingPathComponent("many.md").path)
    }

    /// Runs every cell, saving a checkpoint after each; returns the cache's bytes.
    @discardableResult
    func run(_ lesson: Lesson, store: CheckpointStore) throws -> Int {
        let checkpoints = try SessionCheckpoints(store: store, lesson: lesson, seed: 42, overrides: []) { _ in }
        let executor = try LessonExecutor(lesson: lesson, seed: 42, overrides: [])
        for cell in lesson.codeCells {
            try executor.run(cell, in: lesson, output: CellOutput(echo: nil))
            checkpoints.save(after: cell.number, executor: executor)
        }
        return store.size()
    }

    func testCheckpointBytesGrowLinearlyWithTheCells() throws {
        let small = try run(lesson(cells: 10), store: CheckpointStore(folder: folder.appendingPathComponent("c10"), maxBytes: 1 << 40))
        let large = try run(lesson(cells: 40), store: CheckpointStore(folder: folder.appendingPathComponent("c40"), maxBytes: 1 << 40))
        // Four times the cells: about four times the bytes (re-storing every value each time made it 16).
        XCTAssertGreaterThan(small, 0)
        XCTAssertLessThan(Double(large) / Double(small), 5.5, "10 cells: \(small) bytes, 40 cells: \(large) bytes")
    }

    func testTheBoundHoldsAndTheLeastRecentlyUsedGoFirst() throws {
        let lesson = try lesson(cells: 12, sameName: true)
        let unbounded = try run(lesson, store: CheckpointStore(folder: folder.appendingPathComponent("free"), maxBytes: 1 << 40))
        let bound = unbounded / 2
        let store = CheckpointStore(folder: folder.appendingPathComponent("bounded"), maxBytes: bound)
        let used = try run(lesson, store: store)
        XCTAssertLessThanOrEqual(used, bound)
        XCTAssertGreaterThan(used, 0)
        let checkpoints = try SessionCheckpoints(store: store, lesson: lesson, seed: 42, overrides: []) { _ in }
        let kept = checkpoints.available()
        guard !kept.isEmpty else { return XCTFail("no checkpoint was kept") }
        // The latest cells were used last: what is kept is a run of the last cells.
        XCTAssertEqual(kept, Array((13 - kept.count)...12), "kept: \(kept)")
        // What is kept still restores.
        let (_, cell) = try checkpoints.restoreLatest(before: 13) { try LessonExecutor(lesson: lesson, seed: 42, overrides: []) }
        XCTAssertEqual(cell, 12)

        // Using the oldest kept checkpoint makes it the most recent: the next eviction spares it.
        let oldest = try XCTUnwrap(kept.first)
        Thread.sleep(forTimeInterval: 0.02)
        _ = try store.load(key: checkpoints.key(after: oldest))
        let tighter = CheckpointStore(folder: store.folder, maxBytes: used * 2 / 3)
        let evicted = tighter.enforceBound()
        XCTAssertFalse(evicted.isEmpty)
        XCTAssertFalse(evicted.contains(checkpoints.key(after: oldest)), "the checkpoint just used is kept")
        XCTAssertLessThanOrEqual(tighter.size(), used * 2 / 3)
        XCTAssertTrue(checkpoints.available().contains(oldest))
    }

    func testBlobsOfAnotherRunAreSparedAndOnlyTheCachesFilesAreRemoved() throws {
        let store = CheckpointStore(folder: folder.appendingPathComponent("cache"), maxBytes: 0)
        let blobs = store.folder.appendingPathComponent("blobs")
        try FileManager.default.createDirectory(at: blobs, withIntermediateDirectories: true)
        // A fresh blob no manifest names yet (another run is saving), and a file that is not the cache's.
        let fresh = String(repeating: "a", count: 64)
        try Data("x".utf8).write(to: blobs.appendingPathComponent(fresh))
        try Data("mine".utf8).write(to: blobs.appendingPathComponent("notes.txt"))
        store.enforceBound()
        XCTAssertTrue(FileManager.default.fileExists(atPath: blobs.appendingPathComponent(fresh).path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: blobs.appendingPathComponent("notes.txt").path))
        // Once old, the unreferenced blob goes.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: blobs.appendingPathComponent(fresh).path)
        CheckpointStore(folder: store.folder, maxBytes: 0).enforceBound()
        XCTAssertFalse(FileManager.default.fileExists(atPath: blobs.appendingPathComponent(fresh).path))
    }

    func testLessonCacheMaxIsReadWithSuffixesAndRefusedWhenItIsNotASize() throws {
        XCTAssertEqual(CheckpointStore.parseSize("1234"), 1234)
        XCTAssertEqual(CheckpointStore.parseSize("500M"), 500 << 20)
        XCTAssertEqual(CheckpointStore.parseSize("2G"), 2 << 30)
        XCTAssertEqual(CheckpointStore.parseSize("2gb"), 2 << 30)
        XCTAssertEqual(CheckpointStore.parseSize("1TiB"), 1 << 40)
        for bad in ["", "-1", "2X", "G", "1.5G", "99999999999999999999", "9999999999T", "٣"] {
            XCTAssertNil(CheckpointStore.parseSize(bad), bad)
        }
        XCTAssertEqual(CheckpointStore(folder: folder, environment: [:]).maxBytes, 2 << 30)
        XCTAssertEqual(CheckpointStore(folder: folder, environment: ["LESSON_CACHE_MAX": "500M"]).maxBytes, 500 << 20)
        let bad = CheckpointStore(folder: folder, environment: ["LESSON_CACHE_MAX": "lots"])
        XCTAssertThrowsError(try SessionCheckpoints(store: bad, lesson: lesson(cells: 1), seed: 42, overrides: []) { _ in }) { error in
            XCTAssertEqual((error as? LessonError)?.path, "LESSON_CACHE_MAX")
        }
    }
}
