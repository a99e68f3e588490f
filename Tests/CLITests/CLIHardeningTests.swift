import Foundation
import XCTest

/// Faults and load, through the built binary: unwritable outputs, a full disk, many lessons at once.
final class CLIHardeningTests: XCTestCase {
    var work: URL!

    override func setUpWithError() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-hardening-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try "# Small\n\n```python\nprint(1)\n```\n\n```output\n1\n```\n".write(to: work.appendingPathComponent("small.md"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: work) }

    /// Files in the work folder other than the ones the test made: a leftover temporary would show here.
    func entries() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: work.path).sorted() }

    func testUnwritableOutputPathsAreOneClearErrorAndWriteNothing() throws {
        let small = work.appendingPathComponent("small.md").path
        try Data().write(to: work.appendingPathComponent("plain-file"))
        try FileManager.default.createDirectory(at: work.appendingPathComponent("a-folder"), withIntermediateDirectories: true)
        let missing = work.appendingPathComponent("no-such-folder/out.ipynb").path
        let underFile = work.appendingPathComponent("plain-file/out.ipynb").path
        let folder = work.appendingPathComponent("a-folder").path
        let cases: [([String], String, String)] = [
            (["export", small, "--to", "ipynb", "-o", missing], missing, "No such file or directory (the folder \(work.appendingPathComponent("no-such-folder").path) does not exist)"),
            (["export", small, "--to", "ipynb", "--output", underFile], underFile, "Not a directory"),
            (["export", small, "--to", "md", "-o", folder], folder, "Is a directory"),
            (["import", "Notebooks/cnn-mnist.ipynb", "-o", missing], missing, "No such file or directory"),
            (["html", small, "--no-run", "-o", underFile], underFile, "Not a directory"),
            (["check", small, "--against", small, "--junit", missing], missing, "No such file or directory"),
            (["run", small, "--out", missing], missing, "No such file or directory"),
        ]
        for (arguments, path, reason) in cases {
            let result = try LessonProcess.run(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("lesson: error: \(path): cannot write: \(reason)"), "\(arguments): \(result.stderr)")
            XCTAssertEqual(result.stderr.components(separatedBy: "lesson: error:").count, 2, "one error line: \(result.stderr)")
        }
        XCTAssertEqual(try entries(), ["a-folder", "plain-file", "small.md"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), [])
    }

    /// A full disk, as the file-size limit simulates it: the write fails with the system's
    /// reason, the file already there stays whole, and no temporary is left beside it.
    func testAFullDiskLeavesTheOldFileWhole() throws {
        let target = work.appendingPathComponent("cnn.ipynb")
        try "old notebook\n".write(to: target, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // Ignoring SIGXFSZ (inherited through exec) turns the limit into a failing write(2) (EFBIG).
        process.arguments = ["-c", "trap '' XFSZ; ulimit -f 4; exec \"$0\" export cnn-mnist.md --to ipynb -o \"$1\"", LessonProcess.binary.path, target.path]
        process.currentDirectoryURL = LessonProcess.repository
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 2, stderr)
        XCTAssertEqual(stderr, "lesson: error: \(target.path): cannot write: File too large\n")
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "old notebook\n")
        XCTAssertEqual(try entries(), ["cnn.ipynb", "small.md"])
    }

    /// `lesson check --jobs 2` over 50 lessons, each printing its own number: every report
    /// must name its own lesson and its own figures, so a session leaking into another shows.
    func testFiftyLessonsWithTwoJobsReportEachOnItsOwn() throws {
        let lessons = work.appendingPathComponent("lessons"), results = work.appendingPathComponent("results")
        for folder in [lessons, results] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        func lesson(_ n: Int, printed: Int) -> String {
            "# Lesson \(n)\n\n```python\nn = \(n)\nprint(n)\n```\n\n```output\n\(printed)\n```\n\n```python\nprint(n * 3, 'of', \(n))\n```\n\n```output\n\(printed * 3) of \(n)\n```\n"
        }
        var expected: [String] = []
        for n in 1...50 {
            let name = String(format: "lesson%02d.md", n)
            try lesson(n, printed: n).write(to: lessons.appendingPathComponent(name), atomically: true, encoding: .utf8)
            // Every seventh results file printed something else: those lessons must fail, and only those.
            let failing = n % 7 == 0
            try lesson(n, printed: failing ? n + 1000 : n).write(to: results.appendingPathComponent(name), atomically: true, encoding: .utf8)
            let path = lessons.appendingPathComponent(name).path
            expected.append(failing ? "FAIL \(path) (2 cells, 0 reproduced)" : "ok \(path) (2 cells, 2 reproduced)")
        }
        let result = try LessonProcess.run(["check", lessons.path, "--against", results.path, "--jobs", "2"])
        XCTAssertEqual(result.status, 1, result.stderr)
        let verdicts = result.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("ok ") || $0.hasPrefix("FAIL ") }
        XCTAssertEqual(verdicts, expected)
        // Each failure reports its own lesson's figures: expected n, got n + 1000.
        for n in stride(from: 7, through: 49, by: 7) {
            let path = lessons.appendingPathComponent(String(format: "lesson%02d.md", n)).path
            XCTAssertTrue(result.stdout.contains("\(path):8: cell 1 (code at line 3): stdout differs"), result.stdout)
            XCTAssertTrue(result.stdout.contains("\(path):16: cell 2 (code at line 12): stdout differs"), result.stdout)
            XCTAssertTrue(result.stdout.contains("line 9: expected \(n), got \(n + 1000) "), "lesson \(n): \(result.stdout)")
            XCTAssertTrue(result.stdout.contains("line 17: expected \(n * 3), got \((n + 1000) * 3) "), "lesson \(n): \(result.stdout)")
        }
        XCTAssertEqual(result.stdout.components(separatedBy: "got ").count - 1, 14, result.stdout)
    }
}
