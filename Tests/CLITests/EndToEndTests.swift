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
}
