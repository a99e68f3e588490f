import Foundation
import XCTest

/// Values that are each small but many (issue 14): under a hard `ulimit -v` cap the run ends
/// with exit 2 and a located MemoryError, not an allocation crash.
final class GrowthLimitCLITests: XCTestCase {
    func testManySmallValuesEndWithALocatedMemoryErrorUnderAMemoryCap() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-growth-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let lessons: [(String, String, String)] = [
            ("nested.md", "rows = [[0] * 10**6 for _ in range(10**6)]", "nested.md:2:"),
            ("strings.md", "xs = []\nfor i in range(10**6):\n    xs.append('x' * 10**5 + str(i))", "strings.md:4:"),
        ]
        for (name, code, place) in lessons {
            try "```python\n\(code)\n```\n".write(to: work.appendingPathComponent(name), atomically: true, encoding: .utf8)
            let command = "ulimit -v 1200000 && exec '\(LessonProcess.binary.path)' run --no-checkpoints \(name)"
            let result = try LessonProcess.runShell(command, in: work, environment: ["LESSON_MEMORY_LIMIT_MB": "400"])
            XCTAssertEqual(result.status, 2, "\(name): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(place), "\(name): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("MemoryError"), "\(name): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("memory limit of 400 MB"), "\(name): \(result.stderr)")
        }
    }
}
