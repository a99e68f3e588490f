import Foundation
import XCTest
@testable import LessonKit

final class HTMLCourseSiteTests: XCTestCase {
    func testBuildsEveryLessonAndIndex() throws {
        let site = try TestPaths.temporaryFolder().appendingPathComponent("site")
        let entries = try CourseSite.build(folder: TestPaths.lessons.path, site: site.path)
        let lessons = try TestPaths.lessonFiles()
        XCTAssertEqual(entries.count, lessons.count)
        let index = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        for entry in entries {
            XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent(entry.file).path))
            XCTAssertTrue(index.contains("href=\"\(entry.file)\""))
            let page = try String(contentsOf: site.appendingPathComponent(entry.file), encoding: .utf8)
            XCTAssertTrue(page.contains("href=\"index.html\""))
            XCTAssertTrue(index.contains(HTMLEscaping.escape(entry.title)))
        }
        XCTAssertTrue(index.contains("Test Accuracy: 0.9883999824523926"))
        XCTAssertFalse(index.contains("http://") || index.contains("https://"))
    }
}
