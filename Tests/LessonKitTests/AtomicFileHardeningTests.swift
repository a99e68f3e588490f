import Foundation
import XCTest
@testable import LessonKit

/// AtomicFile under concurrent writers and readers: a reader sees the old file or a new one,
/// whole, never a mix or a prefix, and no temporary file is left.
final class AtomicFileHardeningTests: XCTestCase {
    func testReadersNeverSeeHalfAFile() throws {
        let folder = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.md").path
        // Big enough that a non-atomic write would be seen half done.
        let versions = (0..<4).map { v in String(repeating: "version \(v) ", count: 50_000) + "end\n" }
        try AtomicFile.write(versions[0], to: path)
        let stop = Flag()
        let bad = Flag()
        let reader = Thread {
            while !stop.isSet {
                guard let data = FileManager.default.contents(atPath: path) else { bad.set(); continue }
                if !versions.contains(String(decoding: data, as: UTF8.self)) { bad.set() }
            }
        }
        reader.start()
        DispatchQueue.concurrentPerform(iterations: 4) { writer in
            for _ in 0..<10 { try? AtomicFile.write(versions[writer], to: path) }
        }
        stop.set()
        while reader.isExecuting { usleep(1000) }
        XCTAssertFalse(bad.isSet, "a reader saw a partial or missing file")
        XCTAssertTrue(versions.contains(try String(contentsOfFile: path, encoding: .utf8)))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["out.md"])
    }

    func testAFailedWriteSaysWhyAndLeavesNothing() throws {
        let folder = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("gone/out.md").path
        XCTAssertThrowsError(try AtomicFile.write("x", to: missing)) { error in
            XCTAssertEqual("\(error)", "\(missing): cannot write: No such file or directory (the folder \(folder.appendingPathComponent("gone").path) does not exist)")
        }
        XCTAssertThrowsError(try AtomicFile.write("x", to: folder.path)) { error in
            XCTAssertEqual("\(error)", "\(folder.path): cannot write: Is a directory")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    final class Flag: @unchecked Sendable {
        private var value = false
        private let lock = NSLock()
        var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
        func set() { lock.lock(); value = true; lock.unlock() }
    }
}
