import Foundation
import XCTest

/// Exit statuses and arguments (issue 14, part 6): `html` and `build` say a cell failed, `check`
/// locates a raised error as `run` does, `--version`, cell lists past the lesson, negative seeds.
final class ExitStatusTests: XCTestCase {
    var work: URL!

    override func setUpWithError() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-status-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work.appendingPathComponent("course"), withIntermediateDirectories: true)
        try Self.failing.write(to: work.appendingPathComponent("course/failing.md"), atomically: true, encoding: .utf8)
        try Self.fine.write(to: work.appendingPathComponent("course/fine.md"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: work) }

    static let failing = "# Failing\n\n```python\nx = 1\nprint(x)\n```\n\n```output\n1\n```\n\n```python\ny = [1, 2]\nprint(y[5])\n```\n"
    static let fine = "# Fine\n\n```python\nimport numpy as np\nnp.random.seed(1)\nprint(2)\n```\n\n```output\n2\n```\n"

    func testHTMLAndBuildExitTwoWhenACellFailsAndStillWriteThePage() throws {
        let page = work.appendingPathComponent("failing.html")
        let html = try LessonProcess.run(["html", "course/failing.md", "-o", page.path], in: work)
        XCTAssertEqual(html.status, 2, html.stderr)
        XCTAssertTrue(html.stderr.contains("lesson: cell 2 failed:"), html.stderr)
        let written = try String(contentsOf: page, encoding: .utf8)
        XCTAssertTrue(written.contains("IndexError"), "the page shows the error")

        let fine = try LessonProcess.run(["html", "course/fine.md", "-o", work.appendingPathComponent("fine.html").path], in: work)
        XCTAssertEqual(fine.status, 0, fine.stderr)

        let site = work.appendingPathComponent("site")
        let build = try LessonProcess.run(["build", "course", "-o", site.path], in: work)
        XCTAssertEqual(build.status, 2, build.stderr)
        XCTAssertTrue(build.stdout.contains("wrote 2 lesson pages"), build.stdout)
        XCTAssertTrue(build.stderr.contains("a cell failed in 1 lesson: course/failing.md"), build.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent("index.html").path))
        // Without running, nothing fails.
        XCTAssertEqual(try LessonProcess.run(["build", "course", "-o", site.path, "--no-run"], in: work).status, 0)
    }

    func testCheckLocatesARaisedErrorWithItsSourceLineAndCaret() throws {
        let check = try LessonProcess.run(["check", "course/failing.md"], in: work)
        XCTAssertEqual(check.status, 2, check.stdout)
        XCTAssertTrue(check.stdout.contains("""
        course/failing.md:14:7: cell 2: raised IndexError: list index out of range
            print(y[5])
                  ^
        """), check.stdout)
        // `run` points at the same place.
        let run = try LessonProcess.run(["run", "course/failing.md"], in: work)
        XCTAssertTrue(run.stderr.contains("course/failing.md:14:7: IndexError: list index out of range\n    print(y[5])\n          ^"), run.stderr)
    }

    func testVersionCellsPastTheLessonAndNegativeSeeds() throws {
        let version = try LessonProcess.run(["--version"], in: work)
        XCTAssertEqual(version.status, 0)
        XCTAssertNotNil(version.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression), version.stdout)
        let changelog = try String(contentsOf: LessonProcess.repository.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        XCTAssertTrue(changelog.contains("## \(version.stdout.trimmingCharacters(in: .newlines))"), "CHANGELOG.md describes the version --version prints")

        for cells in ["99", "1,9", "2-7"] {
            let result = try LessonProcess.run(["run", "course/fine.md", "--cells", cells], in: work)
            XCTAssertEqual(result.status, 2, cells)
            XCTAssertTrue(result.stderr.contains("lesson: error: --cells: there is no code cell"), result.stderr)
            XCTAssertTrue(result.stderr.contains("the lesson has 1 code cell"), result.stderr)
            XCTAssertEqual(result.stdout, "", "nothing ran")
        }
        XCTAssertEqual(try LessonProcess.run(["run", "course/fine.md", "--cells", "1-", "-q"], in: work).status, 0)

        for arguments in [["run", "course/fine.md", "-q", "--seed", "-1"], ["run", "course/fine.md", "-q", "--seed=-7"]] {
            let result = try LessonProcess.run(arguments, in: work)
            XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)")
            XCTAssertEqual(result.stdout, "2\n")
        }
        let info = try LessonProcess.run(["cache", "info", "course/fine.md", "--seed", "-1"], in: work)
        XCTAssertEqual(info.status, 0, info.stderr)
    }

    func testTheCacheBoundComesFromTheEnvironment() throws {
        let cache = work.appendingPathComponent("cache")
        let lesson = work.appendingPathComponent("lists.md")
        try ("# Lists\n\n" + (1...6).map { "```python\nv = list(range(\($0 * 10000), \($0 * 10000 + 2000)))\n```\n" }.joined(separator: "\n"))
            .write(to: lesson, atomically: true, encoding: .utf8)
        let bad = try LessonProcess.run(["run", "-q", lesson.path], in: work, environment: ["LESSON_CACHE": cache.path, "LESSON_CACHE_MAX": "lots"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("lesson: error: LESSON_CACHE_MAX: LESSON_CACHE_MAX='lots' is not a size"), bad.stderr)

        let free = try LessonProcess.run(["run", "-q", lesson.path], in: work, environment: ["LESSON_CACHE": cache.path])
        XCTAssertEqual(free.status, 0, free.stderr)
        let used = try folderBytes(cache)
        try FileManager.default.removeItem(at: cache)
        let bound = used / 2
        let bounded = try LessonProcess.run(["run", "-q", lesson.path], in: work, environment: ["LESSON_CACHE": cache.path, "LESSON_CACHE_MAX": "\(bound)"])
        XCTAssertEqual(bounded.status, 0, bounded.stderr)
        XCTAssertLessThanOrEqual(try folderBytes(cache), bound)
        let info = try LessonProcess.run(["cache", "info", lesson.path], in: work, environment: ["LESSON_CACHE": cache.path, "LESSON_CACHE_MAX": "\(bound)"])
        XCTAssertTrue(info.stdout.contains("checkpoints after cells"), info.stdout)
        XCTAssertTrue(info.stdout.hasSuffix("of 6\n"), "the latest cells are kept: \(info.stdout)")
    }

    func folderBytes(_ url: URL) throws -> Int {
        var total = 0
        for case let file as URL in FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey]) ?? .init() {
            let values = try file.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey])
            if values.isRegularFile == true { total += values.fileSize ?? 0 }
        }
        return total
    }
}
