import NumPy
import Script
import XCTest
@testable import LessonKit

/// Session checkpoints: what is kept, how it comes back, what invalidates it, and that a
/// damaged one is never trusted.
final class CheckpointSessionTests: XCTestCase {
    static let lessonText = """
    # Arrays

    ```python
    import numpy as np
    images = np.array([[0, 128, 255], [7, 8, 9]], dtype=np.uint8)
    labels = np.array([1, 2, 3])
    print(images.shape)
    ```

    ```python
    scaled = images / 255.0
    flat = scaled.reshape(-1)
    same = flat
    kinds = images.dtype
    items = [1, 2.5, "text", None, True, (1, 2), {"k": [3]}]
    alias = items
    loop = [0]
    loop.append(loop)
    big = 12345678901234567
    tiny = 1e-300
    r = range(2, 10, 3)
    show = print
    top = np.argmax
    rnd = np.random
    reseed = np.random.seed
    print(scaled[0])
    ```

    ```python
    total = flat.sum()
    print(round(float(total), 4))
    ```
    """

    var folder: URL!
    var store: CheckpointStore!
    var reports: [String] = []

    override func setUpWithError() throws {
        folder = try TestPaths.temporaryFolder()
        store = CheckpointStore(folder: folder.appendingPathComponent("cache"))
        reports = []
    }

    func lesson(_ text: String = lessonText) throws -> Lesson {
        try LessonParser.parse(text: text, path: folder.appendingPathComponent("arrays.md").path)
    }

    func checkpoints(_ lesson: Lesson, seed: Int = 42, overrides: [String] = []) throws -> SessionCheckpoints {
        try SessionCheckpoints(store: store, lesson: lesson, seed: seed, overrides: overrides) { [unowned self] in self.reports.append($0) }
    }

    /// Runs cells 1...n in a fresh executor, saving a checkpoint after each.
    @discardableResult
    func run(_ lesson: Lesson, through n: Int, checkpoints: SessionCheckpoints) throws -> LessonExecutor {
        let executor = try LessonExecutor(lesson: lesson, seed: checkpoints.seed, overrides: checkpoints.overrides)
        for cell in lesson.codeCells.prefix(n) {
            try executor.run(cell, in: lesson, output: CellOutput(echo: nil))
            XCTAssertNotEqual(checkpoints.save(after: cell.number, executor: executor), .skipped(""))
        }
        return executor
    }

    func testValuesComeBackEqualSharedAndCompact() throws {
        let lesson = try lesson()
        let checkpoints = try checkpoints(lesson)
        let original = try run(lesson, through: 2, checkpoints: checkpoints)
        XCTAssertEqual(checkpoints.available(), [1, 2])

        let (restored, cell) = try checkpoints.restoreLatest(before: 3) { try LessonExecutor(lesson: lesson, seed: 42, overrides: []) }
        XCTAssertEqual(cell, 2, reports.joined())
        XCTAssertFalse(restored === original)
        let before = original.interpreter.globals, after = restored.interpreter.globals
        XCTAssertEqual(Set(after.keys), Set(before.keys))
        for name in before.keys where name != "loop" {
            XCTAssertEqual(after[name]?.repr, before[name]?.repr, name)
            XCTAssertEqual(after[name]?.typeName, before[name]?.typeName, name)
        }
        // Shared objects stay shared; a list that contains itself still does.
        guard case .list(let items)? = after["items"], case .list(let alias)? = after["alias"] else { return XCTFail("lists") }
        XCTAssertTrue(items === alias)
        XCTAssertTrue(after["flat"]?.object(as: NDArrayObject.self) === after["same"]?.object(as: NDArrayObject.self))
        guard case .list(let loop)? = after["loop"], case .list(let inner)? = loop.items.last else { return XCTFail("loop") }
        XCTAssertTrue(loop === inner)
        // Modules, builtins and module functions are the interpreter's own again.
        guard case .module(let np)? = after["np"] else { return XCTFail("np") }
        XCTAssertTrue(np === (try restored.registry.importModule(named: "numpy")))
        guard case .function(let show)? = after["show"], case .function(let print)? = restored.interpreter.builtins["print"] else { return XCTFail("print") }
        XCTAssertTrue(show === print)
        guard case .function(let top)? = after["top"], case .function(let argmax)? = np.members["argmax"] else { return XCTFail("argmax") }
        XCTAssertTrue(top === argmax)
        guard case .module(let random)? = after["rnd"], case .module(let npRandom)? = np.members["random"] else { return XCTFail("np.random") }
        XCTAssertTrue(random === npRandom)
        // `images / 255.0` is kept as its bytes and a table, the bytes once for both arrays.
        let scaled = try XCTUnwrap(after["scaled"]?.object(as: NDArrayObject.self))
        guard case .byteTable(let bytes, _) = scaled.array.storage else { return XCTFail("\(scaled.array.storage)") }
        XCTAssertEqual(bytes, [0, 128, 255, 7, 8, 9])

        // The restored session runs the next cell as the original does.
        let third = lesson.codeCells[2]
        let a = CellOutput(echo: nil), b = CellOutput(echo: nil)
        try original.run(third, in: lesson, output: a)
        try restored.run(third, in: lesson, output: b)
        XCTAssertEqual(b.stdout, a.stdout)
        XCTAssertEqual(b.stdout, "1.5961\n") // 407 / 255
    }

    func testLargeArraysAreStoredOnceAcrossCheckpoints() throws {
        let lesson = try lesson("""
        ```python
        import numpy as np
        x = np.zeros((200, 100)) + 3
        ```

        ```python
        y = x.reshape(-1)
        ```

        ```python
        z = 1
        ```
        """)
        let checkpoints = try checkpoints(lesson)
        try run(lesson, through: 3, checkpoints: checkpoints)
        XCTAssertEqual(store.counts().checkpoints, 3)
        // x and y hold the same 160 KB; zeros compress, so it is one small `.z` blob (the
        // others are the arrays' small descriptions, each stored once).
        let blobs = try FileManager.default.contentsOfDirectory(atPath: store.folder.appendingPathComponent("blobs").path)
        XCTAssertEqual(blobs.filter { $0.hasSuffix(".z") }.count, 1)
        XCTAssertLessThan(store.size(), 16_000)
    }

    func testChangingACellInvalidatesItAndWhatFollows() throws {
        let lesson = try lesson()
        try run(lesson, through: 3, checkpoints: try checkpoints(lesson))
        XCTAssertEqual(try checkpoints(lesson).available(), [1, 2, 3])
        let edited = try self.lesson(Self.lessonText.replacingOccurrences(of: "r = range(2, 10, 3)", with: "r = range(2, 10, 4)"))
        XCTAssertEqual(try checkpoints(edited).available(), [1])
        XCTAssertEqual(try checkpoints(lesson, seed: 7).available(), [])
        XCTAssertEqual(try checkpoints(lesson, overrides: ["big=3"]).available(), [])
        let (_, cell) = try checkpoints(edited).restoreLatest(before: 3) { try LessonExecutor(lesson: edited, seed: 42, overrides: []) }
        XCTAssertEqual(cell, 1)
    }

    func testDamagedCheckpointsAreIgnoredWithAWarning() throws {
        let lesson = try lesson()
        let checkpoints = try checkpoints(lesson)
        try run(lesson, through: 2, checkpoints: checkpoints)
        let make = { try LessonExecutor(lesson: lesson, seed: 42, overrides: []) }

        // A flipped byte in a blob the checkpoint after cell 2 needs (the float table): it falls back to cell 1.
        let blobs = store.folder.appendingPathComponent("blobs")
        let manifest = try XCTUnwrap(try store.load(key: checkpoints.key(after: 2)))
        // The objects' descriptions are blobs the manifest names; the table is named in one of them.
        let chunks = try (manifest["objects"]?.array ?? []).compactMap { $0.string }.map { try JSONValue.parse(try store.blob($0)) }
        let objects = try chunks.flatMap { $0.array ?? [] }.compactMap { $0.string }.map { try JSONValue.parse(try store.blob($0)) }
        let table = try XCTUnwrap(findString(.array(objects), key: "table"))
        let raw = blobs.appendingPathComponent(table).path
        let path = FileManager.default.fileExists(atPath: raw) ? raw : raw + ".z"
        var data = try XCTUnwrap(FileManager.default.contents(atPath: path))
        data[100] ^= 0x01
        try data.write(to: URL(fileURLWithPath: path))
        var (executor, cell) = try checkpoints.restoreLatest(before: 3, make: make)
        XCTAssertEqual(cell, 1)
        XCTAssertNil(executor.interpreter.globals["scaled"])
        XCTAssertNotNil(executor.interpreter.globals["images"])
        XCTAssertEqual(reports.count, 1)
        XCTAssertTrue(reports[0].hasPrefix("lesson: warning: the checkpoint after cell 2 is damaged (blob "), reports[0])
        XCTAssertEqual(checkpoints.available(), [1], "the damaged checkpoint is removed, so the next run writes it again")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "so is the damaged blob")

        // A manifest edited by hand does not verify either.
        let key = checkpoints.key(after: 1)
        let manifestPath = store.folder.appendingPathComponent("checkpoints/\(key).json")
        let text = try String(contentsOf: manifestPath, encoding: .utf8)
        try text.replacingOccurrences(of: "arrays.md", with: "arrayz.md").write(to: manifestPath, atomically: true, encoding: .utf8)
        (executor, cell) = try checkpoints.restoreLatest(before: 3, make: make)
        XCTAssertEqual(cell, 0)
        XCTAssertTrue(executor.interpreter.globals.isEmpty)
        XCTAssertEqual(reports.count, 2)

        // A truncated blob behind a sound manifest: never a wrong array.
        let fresh = try self.checkpoints(lesson)
        try run(lesson, through: 1, checkpoints: fresh)
        for name in try FileManager.default.contentsOfDirectory(atPath: blobs.path) {
            try Data([1, 2]).write(to: blobs.appendingPathComponent(name))
        }
        (_, cell) = try fresh.restoreLatest(before: 2, make: make)
        XCTAssertEqual(cell, 0)
    }

    func testWhatCannotBeKeptSkipsTheCheckpointWithAReason() throws {
        let lesson = try lesson("""
        ```python
        import numpy as np
        a = np.zeros(3)
        ```

        ```python
        method = a.reshape
        ```
        """)
        let checkpoints = try checkpoints(lesson)
        let executor = try LessonExecutor(lesson: lesson, seed: 42, overrides: [])
        for cell in lesson.codeCells { try executor.run(cell, in: lesson, output: CellOutput(echo: nil)) }
        XCTAssertEqual(checkpoints.save(after: 2, executor: executor), .skipped("`method` (builtin_function_or_method) is a bound method"))
        XCTAssertEqual(store.counts().checkpoints, 0)
        XCTAssertEqual(store.counts().blobs, 0, "nothing is written for a checkpoint that is skipped")
        XCTAssertEqual(checkpoints.skipReason(before: 3)?.cell, 2, "the reason is kept for --from to give")
        XCTAssertEqual(checkpoints.skipReason(before: 3)?.reason, "`method` (builtin_function_or_method) is a bound method")
    }

    /// A metric object of a custom loop is kept (its totals), so `--from` goes on counting.
    func testMetricObjectsAreKeptWithTheirTotals() throws {
        let lesson = try lesson("""
        ```python
        import keras
        m = keras.metrics.Mean(name="avg")
        m.update_state([1.0, 2.0, 4.5])
        ```

        ```python
        m.update_state([0.5])
        print(m.name, float(m.result()))
        ```
        """)
        let checkpoints = try checkpoints(lesson)
        _ = try run(lesson, through: 1, checkpoints: checkpoints)
        XCTAssertEqual(checkpoints.available(), [1])
        let (executor, cell) = try checkpoints.restoreLatest(before: 2) { try LessonExecutor(lesson: lesson, seed: 42, overrides: []) }
        XCTAssertEqual(cell, 1)
        let output = CellOutput(echo: nil)
        try executor.run(lesson.codeCells[1], in: lesson, output: output)
        XCTAssertEqual(output.stdout, "avg 2.0\n")
    }

    func testSessionRunSavesOnlyWhileTheStateIsCells1ToN() throws {
        let lesson = try lesson()
        let checkpoints = try checkpoints(lesson)
        var executor = try LessonExecutor(lesson: lesson, seed: 42, overrides: [])
        var options = Session.Options()
        options.cells = CellSelection(ranges: [1...1, 3...3])
        var observer = CheckpointingObserver(inner: nil, checkpoints: checkpoints, executor: executor, ranThrough: 0)
        _ = Session(lesson: lesson, executor: executor, options: options).run(observer: observer)
        XCTAssertEqual(checkpoints.available(), [1], "cell 3 ran without cell 2: its state is not that of cells 1-3")

        executor = try LessonExecutor(lesson: lesson, seed: 42, overrides: [])
        observer = CheckpointingObserver(inner: nil, checkpoints: checkpoints, executor: executor, ranThrough: 0)
        _ = Session(lesson: lesson, executor: executor).run(observer: observer)
        XCTAssertEqual(checkpoints.available(), [1, 2, 3])
    }

    func findString(_ json: JSONValue, key: String) -> String? {
        switch json {
        case .object(let object):
            if let s = object[key]?.string { return s }
            for (_, v) in object.sorted(by: { $0.key < $1.key }) { if let s = findString(v, key: key) { return s } }
        case .array(let items):
            for v in items { if let s = findString(v, key: key) { return s } }
        default: break
        }
        return nil
    }
}
