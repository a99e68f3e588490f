import Foundation
import LessonKit
import Script
import XCTest

/// Many lessons checked at once, each by its own interpreter session: the in-process half of
/// the load test (the CLI half, with `--jobs 2`, is in CLIHardeningTests).
final class CheckLoadHardeningTests: XCTestCase {
    /// A runner as `lesson check` would get one: a fresh interpreter per lesson, cells run in
    /// order with globals kept between them, output captured per cell.
    struct ScriptRunner: LessonRunner {
        func run(_ lesson: Lesson, skipping: Set<Int>) throws -> [Int: CellRun] {
            let output = CapturedOutput()
            let interpreter = Interpreter(output: output, limits: ExecutionLimits(maxSteps: 100_000))
            var runs: [Int: CellRun] = [:]
            for cell in lesson.codeCells where !skipping.contains(cell.number) {
                output.clear()
                do {
                    try interpreter.run(source: cell.code, origin: SourceOrigin(file: lesson.path, lineOffset: cell.lines.first))
                    runs[cell.number] = CellRun(outputs: [FreshOutput(stream: .stdout, text: output.stdout)])
                } catch {
                    runs[cell.number] = CellRun(outputs: [FreshOutput(stream: .stdout, text: output.stdout)], error: "\(error)")
                    break
                }
            }
            return runs
        }
    }

    func testFiftyConcurrentSessionsEachGetTheirOwnResult() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for n in 1...50 {
            // The loop makes each session busy long enough for sessions to overlap; lessons
            // 10, 20, ... document a wrong total and must fail, and only they.
            let documented = n % 10 == 0 ? n * 1000 + 1 : n * 1000
            let text = """
                # Lesson \(n)

                ```python
                total = 0
                for i in range(1000):
                    total += \(n)
                ```

                ```python
                print(total, 'from', \(n))
                ```

                ```output
                \(documented) from \(n)
                ```

                """
            let path = folder.appendingPathComponent("lesson\(n).md").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let results = Results(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            results.set(index, LessonChecker.check(path: paths[index], runner: ScriptRunner(), options: CheckOptions()))
        }
        for (index, result) in results.all.enumerated() {
            let n = index + 1
            guard let result else { XCTFail("lesson \(n) has no result"); continue }
            XCTAssertEqual(result.path, paths[index])
            XCTAssertNil(result.error, "lesson \(n): \(result.error ?? "")")
            XCTAssertEqual(result.status, n % 10 == 0 ? 1 : 0, "lesson \(n)")
            if n % 10 == 0 {
                let report = CheckReport.text(result)
                XCTAssertTrue(report.contains("expected \(n * 1000 + 1), got \(n * 1000) "), report)
            }
        }
    }

    /// Results written from several threads.
    final class Results: @unchecked Sendable {
        private var values: [LessonCheckResult?]
        private let lock = NSLock()
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: LessonCheckResult) { lock.lock(); values[index] = value; lock.unlock() }
        var all: [LessonCheckResult?] { lock.lock(); defer { lock.unlock() }; return values }
    }
}
