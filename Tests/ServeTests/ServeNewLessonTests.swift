import Foundation
import XCTest

/// `lesson serve DIR`: a lesson file saved into the folder while the server runs joins the
/// site (index, its own page, the other pages' sidebars) without a restart.
final class ServeNewLessonTests: XCTestCase {
    var cache: URL!

    override func setUpWithError() throws {
        cache = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-serve-cache-\(UUID().uuidString)")
    }

    override func tearDown() { try? FileManager.default.removeItem(at: cache) }

    func testALessonSavedIntoTheFolderJoinsTheIndexAndIsServed() throws {
        let folder = try ServeProcess.scratch(["site"]).appendingPathComponent("site")
        let server = try ServeProcess([folder.path, "--no-run"], cache: cache)
        XCTAssertTrue(try ServeProcess.waitFor(30) { try httpRequest(port: server.port, "/").body.contains("Lesson two") })
        XCTAssertFalse(try httpRequest(port: server.port, "/").body.contains("three.html"))
        XCTAssertEqual(try httpRequest(port: server.port, "/three.html").status, 404)

        try "# Lesson three & <more>\n\nThe third talks about kernels.\n\n```python\nx = 3\n```\n"
            .write(to: folder.appendingPathComponent("three.md"), atomically: true, encoding: .utf8)
        var index = ""
        XCTAssertTrue(try ServeProcess.waitFor(30) {
            index = try httpRequest(port: server.port, "/").body
            return index.contains("href=\"three.html\"") && index.contains("Lesson three &amp; &lt;more&gt;")
        }, "the index lists the new lesson by its title, escaped")
        XCTAssertTrue(index.contains("href=\"one.html\"") && index.contains("href=\"two.html\""), "the others stay")
        var page = ""
        XCTAssertTrue(try ServeProcess.waitFor(30) {
            let response = try httpRequest(port: server.port, "/three.html")
            page = response.body
            return response.status == 200 && page.contains("third talks about kernels")
        }, "its page is served")
        XCTAssertTrue(page.contains("href=\"one.html\""), "its sidebar lists the lessons found at start")
        XCTAssertTrue(page.contains("kernels"), "its words are in the search index")
        XCTAssertTrue(try ServeProcess.waitFor(30) { try httpRequest(port: server.port, "/one.html").body.contains("href=\"three.html\"") },
                      "a page that was there gets the new sidebar")
        XCTAssertEqual(try httpRequest(port: server.port, "/four.html").status, 404, "a page of no lesson is still not found")
    }
}
