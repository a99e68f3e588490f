import Foundation
import XCTest

/// `lesson serve FILE|DIR`: the page as served, its event stream, a save seen live.
final class ServePreviewTests: XCTestCase {
    var cache: URL!

    override func setUpWithError() throws {
        cache = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-serve-cache-\(UUID().uuidString)")
    }

    override func tearDown() { try? FileManager.default.removeItem(at: cache) }

    func waitForPage(_ server: ServeProcess, path: String = "/", containing text: String) throws -> String {
        var page = ""
        _ = try ServeProcess.waitFor(30) {
            let response = try httpRequest(port: server.port, path)
            page = response.body
            return response.status == 200 && page.contains(text)
        }
        return page
    }

    func testServesTheRunPageAndASaveRerunsFromTheChangedCell() throws {
        let folder = try ServeProcess.scratch(["preview.md", "square.png"])
        let lesson = folder.appendingPathComponent("preview.md")
        let server = try ServeProcess([lesson.path], cache: cache)
        let page = try waitForPage(server, containing: "third 8")
        XCTAssertTrue(page.contains("first 2"))
        XCTAssertTrue(page.contains("connect-src 'self'"), "a live page may talk to its server")
        XCTAssertTrue(page.contains("data-live=\"preview\""))
        XCTAssertTrue(page.contains("src=\"data:image/png;base64,"), "the prose image is inlined")
        XCTAssertTrue(page.contains("<msup>"), "prose math is MathML")

        let stream = try LoopbackConnection(port: server.port)
        try stream.send("GET", "/events?page=%2F")
        stream.read(until: Date().addingTimeInterval(1)) { String(decoding: $0, as: UTF8.self).contains("retry:") }
        XCTAssertEqual(stream.status, 200)
        XCTAssertTrue(stream.text.lowercased().contains("content-type: text/event-stream"))

        // Cell 2 changes: cells 2 and 3 run again, cell 1 keeps its output.
        let edited = try String(contentsOf: lesson, encoding: .utf8).replacingOccurrences(of: "b = a * 3", with: "b = a * 5")
        try edited.write(to: lesson, atomically: true, encoding: .utf8)
        stream.read(until: Date().addingTimeInterval(20)) { data in
            String(decoding: data, as: UTF8.self).contains("third 12")
        }
        let events = stream.events
        let ran = events.filter { $0.name == "cell" }.compactMap { Int($0.data.prefix { $0 != "\n" }) }
        XCTAssertEqual(Set(ran), [2, 3], "only the changed cell and those after it run: \(ran)")
        XCTAssertTrue(events.contains { $0.name == "page" && $0.data.contains("third 12") && $0.data.contains("first 2") })
    }

    func testALoadErrorShowsFileLineColumnAndCaret() throws {
        let folder = try ServeProcess.scratch(["preview.md"])
        let lesson = folder.appendingPathComponent("preview.md")
        try "---\ntitle: [unclosed\n---\n# Broken\n".write(to: lesson, atomically: true, encoding: .utf8)
        let server = try ServeProcess([lesson.path, "--no-run"], cache: cache)
        let page = try waitForPage(server, containing: "load-error")
        XCTAssertTrue(page.contains("preview.md:"), page)
        XCTAssertTrue(page.contains("^"), "the caret under the column")
    }

    func testASiteHasNavigationSearchAndAnIndex() throws {
        let folder = try ServeProcess.scratch(["site"])
        let server = try ServeProcess([folder.appendingPathComponent("site").path, "--no-run"], cache: cache)
        let index = try waitForPage(server, containing: "Lesson two")
        XCTAssertTrue(index.contains("href=\"one.html\""))
        let one = try waitForPage(server, path: "/one.html", containing: "Lesson one")
        XCTAssertTrue(one.contains("rel=\"next\" href=\"two.html\""))
        XCTAssertTrue(one.contains("id=\"search-index\""))
        XCTAssertTrue(one.contains("zebrafish"), "the index carries the other lesson's words")
        XCTAssertEqual(try httpRequest(port: server.port, "/three.html").status, 404)
        XCTAssertEqual(try httpRequest(port: server.port, "/../../etc/passwd").status, 404)
    }

    func testOnlyLoopbackNamesAreAnswered() throws {
        let folder = try ServeProcess.scratch(["preview.md"])
        let server = try ServeProcess([folder.appendingPathComponent("preview.md").path, "--no-run"], cache: cache)
        _ = try waitForPage(server, containing: "Live preview")
        XCTAssertEqual(try httpRequest(port: server.port, "/", host: "evil.example:\(server.port)").status, 403)
        XCTAssertEqual(try httpRequest(port: server.port, "/", host: "localhost:\(server.port)").status, 200)
    }
}

extension ServePreviewTests {
    /// Runs `lesson serve` with arguments that must fail at once; returns its status and stderr.
    func failingServe(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = ServeProcess.binary
        process.arguments = ["serve"] + arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testBadArgumentsAreOneClearErrorAndExitTwo() throws {
        let missing = try failingServe(["/nonexistent/lesson.md", "--port", "0"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("lesson: error: /nonexistent/lesson.md"), missing.stderr)
        let port = try failingServe([ServeProcess.fixtures.appendingPathComponent("preview.md").path, "--port", "70000"])
        XCTAssertEqual(port.status, 2)
        XCTAssertTrue(port.stderr.contains("--port: 70000 is not a port"), port.stderr)
        let both = try failingServe([ServeProcess.fixtures.appendingPathComponent("preview.md").path, "--class", "--no-run"])
        XCTAssertEqual(both.status, 2)
    }

    func testAPortInUseIsSaid() throws {
        let folder = try ServeProcess.scratch(["preview.md"])
        let first = try ServeProcess([folder.appendingPathComponent("preview.md").path, "--no-run"], cache: cache)
        let second = try failingServe([folder.appendingPathComponent("preview.md").path, "--no-run", "--port", String(first.port)])
        XCTAssertEqual(second.status, 2)
        XCTAssertTrue(second.stderr.contains("127.0.0.1:\(first.port)"), second.stderr)
        XCTAssertTrue(second.stderr.lowercased().contains("in use"), second.stderr)
    }
}
