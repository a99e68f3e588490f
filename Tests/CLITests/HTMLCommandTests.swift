import Foundation
import XCTest

final class HTMLCommandTests: XCTestCase {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func testNoRunWritesNameDotHTMLInTheCurrentFolder() throws {
        let folder = try temporaryFolder()
        let lesson = LessonProcess.repository.appendingPathComponent("Lessons/cnn-mnist.md").path
        let result = try LessonProcess.run(["html", lesson, "--no-run"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        let html = try String(contentsOf: folder.appendingPathComponent("cnn-mnist.html"), encoding: .utf8)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.contains("<title>Convolutional Neural Network (CNN)</title>"))
    }

    func testOutputOptionAndStandardOutput() throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("page.html").path
        XCTAssertEqual(try LessonProcess.run(["html", "cnn-mnist", "--no-run", "-o", path]).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
        let printed = try LessonProcess.run(["html", "cnn-mnist", "--no-run", "-o", "-"])
        XCTAssertEqual(printed.status, 0, printed.stderr)
        XCTAssertEqual(printed.stdout, try String(contentsOfFile: path, encoding: .utf8))
    }

    func testHostileLessonIsEscapedAndUnsafeHTMLIsOptIn() throws {
        let folder = try temporaryFolder()
        let lesson = folder.appendingPathComponent("bad.md")
        try """
        # Bad

        <script>alert('prose')</script>

        ```python
        print("x")
        ```

        ```output
        <script>alert(1)</script>
        ```

        """.write(to: lesson, atomically: true, encoding: .utf8)
        let safe = try LessonProcess.run(["html", lesson.path, "--no-run", "-o", "-"])
        XCTAssertEqual(safe.status, 0, safe.stderr)
        XCTAssertTrue(safe.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertFalse(safe.stdout.contains("<script>alert"))
        let unsafe = try LessonProcess.run(["html", lesson.path, "--no-run", "--unsafe-html", "-o", "-"])
        XCTAssertTrue(unsafe.stdout.contains("<script>alert('prose')</script>"))
        XCTAssertFalse(unsafe.stdout.contains("<script>alert(1)</script>"))
    }

    func testTemplateOverride() throws {
        let folder = try temporaryFolder()
        let template = folder.appendingPathComponent("t.mustache")
        try "<title>{{title}}</title>{{#blocks}}{{#code}}<i>{{number}}</i>{{/code}}{{/blocks}}".write(to: template, atomically: true, encoding: .utf8)
        let result = try LessonProcess.run(["html", "cnn-mnist", "--no-run", "--template", template.path, "-o", "-"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "<title>Convolutional Neural Network (CNN)</title><i>1</i><i>2</i><i>3</i><i>4</i><i>5</i>")
        let missing = try LessonProcess.run(["html", "cnn-mnist", "--no-run", "--template", folder.appendingPathComponent("none").path])
        XCTAssertEqual(missing.status, 2)
    }

    func testBuildWritesEveryLessonAndAnIndex() throws {
        let site = try temporaryFolder().appendingPathComponent("site")
        let result = try LessonProcess.run(["build", "Lessons", "-o", site.path, "--no-run"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lessons = try FileManager.default.contentsOfDirectory(atPath: LessonProcess.repository.appendingPathComponent("Lessons").path)
            .filter { $0.hasSuffix(".md") }
        let index = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        for name in lessons {
            let page = (name as NSString).deletingPathExtension + ".html"
            XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent(page).path), page)
            XCTAssertTrue(index.contains("href=\"\(page)\""), page)
        }
        XCTAssertTrue(index.contains("Convolutional Neural Network (CNN)"))
    }
}
