import CNN
import Foundation
import XCTest

/// The seed lesson through the real binary on small synthetic data: run, check, HTML.
final class EndToEndTests: XCTestCase {
    func testRunThenCheckThenHTMLOnSmallData() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try SyntheticDigits.write(to: work.appendingPathComponent("data").path, train: 320, test: 100)
        let environment = ["LESSON_DATA": work.appendingPathComponent("data").path, "NO_COLOR": "1"]
        try FileManager.default.copyItem(at: LessonProcess.repository.appendingPathComponent("Lessons/cnn-mnist.md"),
                                         to: work.appendingPathComponent("cnn-mnist.md"))

        let run = try LessonProcess.run(["run", "cnn-mnist.md", "--out", "fresh.md"], in: work, environment: environment)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("(320, 28, 28)\n(320,)\n"), run.stdout)
        XCTAssertTrue(run.stdout.contains("Epoch 5/5\n9/9 ━━━━━━━━━━━━━━━━━━━━ "), run.stdout)
        XCTAssertNotNil(run.stdout.range(of: #"Test Accuracy: [01]\.\d+\n"#, options: .regularExpression), run.stdout)
        XCTAssertTrue(run.stderr.contains("UserWarning: Do not pass an `input_shape`"), run.stderr)
        let fresh = try String(contentsOf: work.appendingPathComponent("fresh.md"), encoding: .utf8)
        XCTAssertTrue(fresh.contains("```output\n(320, 28, 28)\n(320,)\n```"), fresh)

        // Same seed, same numbers: the fresh results check clean; the original documents
        // the real MNIST (60,000 images) and so differs.
        let clean = try LessonProcess.run(["check", "fresh.md"], in: work, environment: environment)
        XCTAssertEqual(clean.status, 0, clean.stdout + clean.stderr)
        let differs = try LessonProcess.run(["check", "cnn-mnist.md"], in: work, environment: environment)
        XCTAssertEqual(differs.status, 1, differs.stdout + differs.stderr)
        XCTAssertTrue(differs.stdout.contains("(60000, 28, 28)"), differs.stdout)

        let html = try LessonProcess.run(["html", "fresh.md", "-o", "page.html"], in: work, environment: environment)
        XCTAssertEqual(html.status, 0, html.stderr)
        let page = try String(contentsOf: work.appendingPathComponent("page.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("Test Accuracy: "), String(page.prefix(400)))
        XCTAssertTrue(page.contains("(320, 28, 28)"))
    }

    func smallDataFolder() throws -> (work: URL, environment: [String: String]) {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try SyntheticDigits.write(to: work.appendingPathComponent("data").path, train: 640, test: 100)
        try FileManager.default.copyItem(at: LessonProcess.repository.appendingPathComponent("Lessons/cnn-mnist.md"),
                                         to: work.appendingPathComponent("cnn-mnist.md"))
        return (work, ["LESSON_DATA": work.appendingPathComponent("data").path, "NO_COLOR": "1"])
    }

    /// SIGTERM while `--update` trains: the lesson is left exactly as it was, and no
    /// temporary file stays behind.
    func testASignalDuringUpdateLeavesTheLessonWhole() throws {
        try interruptUpdate(with: SIGTERM) { $0.terminate() }
    }

    /// Ctrl-C (SIGINT) likewise: exit status 130, the lesson untouched.
    func testCtrlCDuringUpdateLeavesTheLessonWhole() throws {
        try interruptUpdate(with: SIGINT) { $0.interrupt() }
    }

    func interruptUpdate(with signal: Int32, _ send: (Process) -> Void) throws {
        let (work, environment) = try smallDataFolder()
        let lesson = work.appendingPathComponent("cnn-mnist.md")
        let before = try Data(contentsOf: lesson)
        let process = Process()
        process.executableURL = LessonProcess.binary
        process.arguments = ["run", "cnn-mnist.md", "--update", "--quiet"]
        process.currentDirectoryURL = work
        process.environment = ProcessInfo.processInfo.environment.merging(["LESSON_CACHE": LessonProcess.scratchCache]) { $1 }.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until training has started, then stop it.
        var seen = Data()
        let deadline = Date().addingTimeInterval(120)
        while !String(decoding: seen, as: UTF8.self).contains("Epoch 1/5"), Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
        }
        XCTAssertTrue(String(decoding: seen, as: UTF8.self).contains("Epoch 1/5"))
        send(process)
        _ = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 128 + signal)
        XCTAssertEqual(try Data(contentsOf: lesson), before)
        let left = try FileManager.default.contentsOfDirectory(atPath: work.path).sorted()
        XCTAssertEqual(left, ["cnn-mnist.md", "data"])
    }

    /// papermill-style parameters from the command line.
    func testSetOverridesEpochsAndRejectsUnknownNames() throws {
        let (work, environment) = try smallDataFolder()
        let one = try LessonProcess.run(["run", "cnn-mnist.md", "--set", "epochs=1", "--quiet", "--cells", "1-4"], in: work, environment: environment)
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertTrue(one.stdout.contains("Epoch 1/1\n"), one.stdout)
        XCTAssertFalse(one.stdout.contains("Epoch 2/"), one.stdout)
        XCTAssertTrue(one.stderr.contains("epochs"), one.stderr)
        let unknown = try LessonProcess.run(["run", "cnn-mnist.md", "--set", "nosuch=1"], in: work, environment: environment)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("nosuch"), unknown.stderr)
    }

    /// The seed tutorial pasted as text imports to the seed lesson: same code (up to spaces
    /// at line ends), same documented outputs.
    func testTheSeedTranscriptImportsToTheSeedLesson() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let seed = LessonProcess.repository.deletingLastPathComponent().appendingPathComponent("shared/seed/cnn-mnist-source.txt")
        guard FileManager.default.fileExists(atPath: seed.path) else { throw XCTSkip("the seed transcript is not beside the repository") }
        let imported = try LessonProcess.run(["import", seed.path, "-o", work.appendingPathComponent("imported.md").path])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let check = try LessonProcess.run(["check", "cnn-mnist.md", "--against", work.appendingPathComponent("imported.md").path])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        XCTAssertTrue(check.stdout.contains("5 reproduced"), check.stdout)
        // The transcript is a lesson by itself too, for every command that reads lessons.
        let cells = try LessonProcess.run(["cells", seed.path])
        XCTAssertEqual(cells.status, 0, cells.stderr)
        XCTAssertTrue(cells.stdout.contains(": 5 code cells, 10 cells"), cells.stdout)
        let direct = try LessonProcess.run(["check", seed.path, "--against", "Lessons/cnn-mnist.md"])
        XCTAssertEqual(direct.status, 0, direct.stdout + direct.stderr)
    }

    /// A lesson writes weights only inside its own folder or, with `--out`, the
    /// `lesson-files/` folder beside the results, and reads none from elsewhere (`/etc/passwd`).
    func testWeightsFilesStayInsideTheLessonOrOutputFolder() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-paths-\(UUID().uuidString)")
        for folder in ["lesson", "out"] {
            try FileManager.default.createDirectory(at: work.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        func write(_ code: String) throws {
            try "```python\nfrom keras import Sequential, layers\nm = Sequential([layers.Input(shape=(3,)), layers.Dense(2)])\n\(code)\n```\n"
                .write(to: work.appendingPathComponent("lesson/l.md"), atomically: true, encoding: .utf8)
        }
        try write("m.save_weights('../out/w.weights.h5')")
        let refused = try LessonProcess.run(["run", "lesson/l.md"], in: work)
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("PermissionError") && refused.stderr.contains("outside"), refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent("out/w.weights.h5").path))
        let outside = try LessonProcess.run(["run", "lesson/l.md", "--out", "out/results.md"], in: work)
        XCTAssertEqual(outside.status, 2, outside.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent("out/w.weights.h5").path))
        try write("m.save_weights('w.weights.h5')")
        let allowed = try LessonProcess.run(["run", "lesson/l.md", "--out", "out/results.md"], in: work)
        XCTAssertEqual(allowed.status, 0, allowed.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: work.appendingPathComponent("out/lesson-files/w.weights.h5").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent("lesson/w.weights.h5").path))
        // Keras checks the extension first (a ValueError for '/etc/passwd'); then the policy refuses.
        try write("m.load_weights('/etc/passwd.weights.h5')")
        let passwd = try LessonProcess.run(["run", "lesson/l.md", "--out", "out/results.md"], in: work)
        XCTAssertEqual(passwd.status, 2)
        XCTAssertTrue(passwd.stderr.contains("PermissionError"), passwd.stderr)
    }
}
