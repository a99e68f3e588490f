import Script
import XCTest
@testable import LessonKit

/// Lesson code writes only what its call implies, where the run's file policy allows, never
/// over a file the run did not make, through a temporary file and a rename (issue 14, part 2).
final class FilePolicyTests: XCTestCase {
    let model = "from keras import Sequential, layers\nm = Sequential([layers.Input(shape=(3,)), layers.Dense(2)])\n"

    func run(_ code: String, in folder: URL, out: URL? = nil, limits: RunLimits = RunLimits()) throws -> Session.Outcome {
        let lesson = try LessonParser.parse(text: cell(model + code), path: folder.appendingPathComponent("l.md").path)
        let executor = try LessonExecutor(lesson: lesson, seed: 1, overrides: [], limits: limits)
        executor.outputFolder = out
        return Session(lesson: lesson, executor: executor).run()
    }

    /// Saving twice failed ("replaceItemAt" on Linux), and saving onto an existing file
    /// deleted it first and then failed with a raw NSCocoaErrorDomain error.
    func testSavingWeightsTwiceAndOverAnEarlierFileWorks() throws {
        let folder = try TestPaths.temporaryFolder()
        let earlier = folder.appendingPathComponent("w.weights.h5")
        try Data("an earlier run's weights".utf8).write(to: earlier)
        let outcome = try run("m.save_weights('w.weights.h5')\nm.save_weights('w.weights.h5')\nm.load_weights('w.weights.h5')", in: folder)
        XCTAssertNil(outcome.results.first?.error, "\(outcome.results.first?.error.map { "\($0)" } ?? "")")
        let saved = try Data(contentsOf: earlier)
        XCTAssertEqual(saved.prefix(4), Data([0x89, 0x48, 0x44, 0x46]), "the weights (HDF5) replaced the earlier file")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(names, ["w.weights.h5"], "no temporary is left")
    }

    /// `overwrite=False` onto a file the run did not make is refused, and the file stays.
    func testAFileTheRunDidNotMakeIsKeptWithoutOverwrite() throws {
        let folder = try TestPaths.temporaryFolder()
        let earlier = folder.appendingPathComponent("w.weights.h5")
        try Data("keep me".utf8).write(to: earlier)
        let outcome = try run("m.save_weights('w.weights.h5', overwrite=False)", in: folder)
        XCTAssertEqual(outcome.results.first?.error?.kind, "FileExistsError")
        XCTAssertEqual(try Data(contentsOf: earlier), Data("keep me".utf8))
        // A file this run made may be saved again, overwrite or not.
        let again = try run("m.save_weights('x.weights.h5')\nm.save_weights('x.weights.h5', overwrite=False)", in: folder)
        XCTAssertNil(again.results.first?.error)
    }

    /// The name must end as the call implies: a lesson could delete itself or `.git/config`.
    func testOnlyTheCallsOwnExtensionIsWritten() throws {
        let folder = try TestPaths.temporaryFolder()
        try "the lesson itself".write(to: folder.appendingPathComponent("l.md"), atomically: true, encoding: .utf8)
        let outcome = try run("m.save_weights('l.md')", in: folder)
        XCTAssertEqual(outcome.results.first?.error?.kind, "ValueError")
        XCTAssertTrue(outcome.results.first?.error?.message.contains("must end in `.weights.h5`") ?? false)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("l.md"), encoding: .utf8), "the lesson itself")
    }

    /// No dot-files and nothing under a dot-folder (`.ssh/authorized_keys`).
    func testDotFilesAndDotFoldersAreRefused() throws {
        let folder = try TestPaths.temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".ssh"), withIntermediateDirectories: true)
        for name in [".hidden.weights.h5", ".ssh/keys.weights.h5"] {
            let outcome = try run("m.save_weights('\(name)')", in: folder)
            XCTAssertEqual(outcome.results.first?.error?.kind, "PermissionError", name)
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), name)
        }
        try Data("secret".utf8).write(to: folder.appendingPathComponent(".ssh/id.weights.h5"))
        let read = try run("m.load_weights('.ssh/id.weights.h5')", in: folder)
        XCTAssertEqual(read.results.first?.error?.kind, "PermissionError")
    }

    /// With `--out`, lesson code writes into `lesson-files/` beside the results, never
    /// elsewhere in that folder (the out folder may be a home folder).
    func testWithAnOutputFolderFilesGoToLessonFiles() throws {
        let folder = try TestPaths.temporaryFolder()
        let out = try TestPaths.temporaryFolder()
        let outcome = try run("m.save_weights('w.weights.h5')\nm.load_weights('w.weights.h5')", in: folder, out: out)
        XCTAssertNil(outcome.results.first?.error, "\(outcome.results.first?.error.map { "\($0)" } ?? "")")
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("lesson-files/w.weights.h5").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("w.weights.h5").path))
        let escape = try run("m.save_weights('\(out.path)/w.weights.h5')", in: folder, out: out)
        XCTAssertEqual(escape.results.first?.error?.kind, "PermissionError")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("w.weights.h5").path))
    }

    func testARunWritesAtMostItsLimitOfFiles() throws {
        let folder = try TestPaths.temporaryFolder()
        let outcome = try run("for i in range(3):\n    m.save_weights(f'w{i}.weights.h5')", in: folder, limits: RunLimits(maxFilesWritten: 2))
        XCTAssertEqual(outcome.results.first?.error?.kind, "PermissionError")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("w2.weights.h5").path))
    }

    /// `kill -9` during a write left `.NAME.PID-N.tmp`; the next run that writes there removes
    /// the ones whose process is gone, and nothing else.
    func testTemporariesOfDeadRunsAreRemoved() throws {
        let folder = try TestPaths.temporaryFolder()
        let dead: Int32 = 99_999_999 // above Linux's pid_max: no process has it
        let stale = [".w.weights.h5.\(dead)-12345.tmp", ".w.weights.h5.tmp-\(dead)"]
        let kept = [".w.weights.h5.1-7.tmp", ".notes.txt", "w.tmp", ".a.\(dead)-x.tmp"] // pid 1 is alive; the others are not ours
        for name in stale + kept { try Data("x".utf8).write(to: folder.appendingPathComponent(name)) }
        let outcome = try run("m.save_weights('w.weights.h5')", in: folder)
        XCTAssertNil(outcome.results.first?.error)
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        for name in stale { XCTAssertFalse(names.contains(name), name) }
        for name in kept { XCTAssertTrue(names.contains(name), name) }
        XCTAssertEqual(AtomicFile.writerProcess(ofTemporary: ".x.42-7.tmp"), 42)
        XCTAssertNil(AtomicFile.writerProcess(ofTemporary: "x.42-7.tmp"))
    }
}
