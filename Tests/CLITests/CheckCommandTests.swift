import Foundation
import XCTest

/// `lesson check` as a user runs it: against a results file, since running is wired later.
final class CheckCommandTests: XCTestCase {
    let seed = LessonProcess.repository.appendingPathComponent("Lessons/cnn-mnist.md")

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A copy of the seed lesson with `edit` applied to its text.
    func mutated(_ edit: (String) -> String, in folder: URL, name: String = "cnn-mnist.md") throws -> String {
        let text = try String(contentsOf: seed, encoding: .utf8)
        let path = folder.appendingPathComponent(name).path
        try edit(text).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testTheSeedLessonChecksAgainstItselfWithExitZero() throws {
        let result = try LessonProcess.run(["check", "cnn-mnist.md", "--against", "Lessons/cnn-mnist.md"])
        XCTAssertEqual(result.status, 0, result.stderr + result.stdout)
        XCTAssertEqual(result.stdout, "ok Lessons/cnn-mnist.md (5 cells, 5 reproduced)\n")
    }

    func testADifferenceExitsOneWithTheReport() throws {
        let path = try mutated({ $0.replacingOccurrences(of: "\n(60000, 28, 28)\n", with: "\n(60000, 28, 27)\n") }, in: try folder())
        let result = try LessonProcess.run(["check", path, "--against", "Lessons/cnn-mnist.md"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("FAIL \(path) (5 cells, 4 reproduced)\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("\(path):72: cell 1 (code at line 63): stdout differs: 1 figure out of tolerance"), result.stdout)
        XCTAssertTrue(result.stdout.contains("line 75: expected 27, got 28 (integers match exactly)"), result.stdout)
    }

    func testRunToleranceOnTheCommandLine() throws {
        let path = try mutated({ $0.replacingOccurrences(of: "accuracy: 0.9863", with: "accuracy: 0.9563") }, in: try folder())
        XCTAssertEqual(try LessonProcess.run(["check", path, "--against", "Lessons/cnn-mnist.md"]).status, 1)
        XCTAssertEqual(try LessonProcess.run(["check", path, "--against", "Lessons/cnn-mnist.md", "--atol", "0.05"]).status, 0)
    }

    func testAMissingLessonOrMismatchedResultsExitTwo() throws {
        let missing = try LessonProcess.run(["check", "no-such-lesson.md", "--against", "Lessons/cnn-mnist.md"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("no-such-lesson.md: no such lesson"), missing.stderr)
        let work = try folder()
        let other = work.appendingPathComponent("other.md").path
        try "```python\nprint(1)\n```\n".write(toFile: other, atomically: true, encoding: .utf8)
        let mismatched = try LessonProcess.run(["check", "cnn-mnist.md", "--against", other])
        XCTAssertEqual(mismatched.status, 2)
        XCTAssertTrue(mismatched.stdout.contains("has 1 code cells but Lessons/cnn-mnist.md has 5"), mismatched.stdout)
        let edited = try mutated({ $0.replacingOccurrences(of: "X_train = X_train / 255.0", with: "X_train = X_train / 256.0") }, in: work)
        let otherCode = try LessonProcess.run(["check", "cnn-mnist.md", "--against", edited])
        XCTAssertEqual(otherCode.status, 2)
        XCTAssertTrue(otherCode.stdout.contains("\(edited):81:1: code cell 2 is not the code of Lessons/cnn-mnist.md:81"), otherCode.stdout)
    }

    func testFoldersShardsJobsAndJUnit() throws {
        let lessons = try folder(), results = try folder()
        var names: [String] = []
        for index in 1...5 {
            let name = "lesson\(index).md"
            names.append(name)
            _ = try mutated({ $0 }, in: lessons, name: name)
            _ = try mutated({ $0 }, in: results, name: name)
        }
        _ = try mutated({ $0.replacingOccurrences(of: "loss: 0.1355", with: "loss: 0.2710") }, in: lessons, name: "lesson3.md")
        try "not a lesson".write(to: lessons.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)

        let all = try LessonProcess.run(["check", lessons.path, "--against", results.path, "--jobs", "3", "--junit", results.appendingPathComponent("junit.xml").path])
        XCTAssertEqual(all.status, 1, all.stderr)
        let firstWords = all.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") && !$0.contains(": cell") }
        XCTAssertEqual(firstWords.map { String($0.split(separator: " ")[0]) + " " + ($0.split(separator: "/").last.map { String($0.split(separator: " ")[0]) } ?? "") },
                       ["ok lesson1.md", "ok lesson2.md", "FAIL lesson3.md", "ok lesson4.md", "ok lesson5.md"])
        let junit = try String(contentsOf: results.appendingPathComponent("junit.xml"), encoding: .utf8)
        XCTAssertEqual(junit.components(separatedBy: "<testcase ").count - 1, 25)
        XCTAssertEqual(junit.components(separatedBy: "<failure ").count - 1, 1)

        var seen: [String] = []
        for share in 1...2 {
            let result = try LessonProcess.run(["check", lessons.path, "--against", results.path, "--shard", "\(share)/2"])
            seen += result.stdout.split(separator: "\n").filter { $0.hasPrefix("ok ") || $0.hasPrefix("FAIL ") }
                .compactMap { $0.split(separator: "/").last?.split(separator: " ").first.map(String.init) }
        }
        XCTAssertEqual(seen.sorted(), names)
        XCTAssertEqual(Set(seen).count, 5)
        let bad = try LessonProcess.run(["check", lessons.path, "--shard", "3/2"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("--shard needs i/n"), bad.stderr)
    }

    func testANotebookChecksAgainstAResultsFile() throws {
        let work = try folder()
        let notebook = work.appendingPathComponent("cnn.ipynb").path
        XCTAssertEqual(try LessonProcess.run(["export", "cnn-mnist.md", "--to", "ipynb", "-o", notebook]).status, 0)
        XCTAssertEqual(try LessonProcess.run(["check", notebook, "--against", "Lessons/cnn-mnist.md"]).status, 0)
        let results = try mutated({ $0.replacingOccurrences(of: "\n(60000, 28, 28)\n", with: "\n(60000, 28, 27)\n") }, in: work)
        let result = try LessonProcess.run(["check", notebook, "--against", results])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("\(notebook): cell 1: stdout differs"), result.stdout)
        XCTAssertTrue(result.stdout.contains("output line 3: expected 28, got 27"), result.stdout)
    }
}
