import XCTest
@testable import LessonKit

final class CheckpointStoreTests: XCTestCase {
    func testBlobsAreStoredOnceAndVerified() throws {
        let store = CheckpointStore(folder: try TestPaths.temporaryFolder())
        let data = Data((0..<10_000).map { UInt8($0 % 251) })
        let a = try store.putBlob(data), b = try store.putBlob(data)
        XCTAssertEqual(a, b)
        XCTAssertEqual(try store.blob(a), data)
        let files = try FileManager.default.contentsOfDirectory(atPath: store.folder.appendingPathComponent("blobs").path)
        XCTAssertEqual(files.count, 1)
        // Damage the blob: reading it is an error, never wrong data.
        var damaged = data
        damaged[5] ^= 0xFF
        try damaged.write(to: store.folder.appendingPathComponent("blobs").appendingPathComponent(a))
        XCTAssertThrowsError(try store.blob(a))
        XCTAssertThrowsError(try store.blob("../../etc/passwd"))
    }

    func testManifestsRoundTripAndDamageIsDetected() throws {
        let store = CheckpointStore(folder: try TestPaths.temporaryFolder())
        let manifest = JSONValue.object(["cell": .number(3), "names": .array([.string("model")])])
        let key = CheckpointStore.key(["code of cell 1", "code of cell 2", "seed=42"])
        XCTAssertNil(try store.load(key: key))
        try store.save(manifest, key: key)
        XCTAssertEqual(try store.load(key: key), manifest)
        let path = store.folder.appendingPathComponent("checkpoints/\(key).json")
        var text = try String(contentsOf: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "model", with: "modem")
        try text.write(to: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try store.load(key: key))
        XCTAssertGreaterThan(store.size(), 0)
        try store.clear()
        XCTAssertEqual(store.size(), 0)
    }
}
