import Foundation
import XCTest

/// `lesson serve` in a real browser: Debian's chromium, headless, driven by Selenium
/// (Browser/browser_check.py). Skipped, saying why, where chromium, chromium-driver or
/// Selenium cannot be had (.ci/run installs them).
final class ServeBrowserTests: XCTestCase {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Browser/browser_check.py")
    var cache: URL!

    override func setUpWithError() throws {
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver"] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw XCTSkip("\(tool) is missing: apt-get install chromium chromium-driver (as .ci/run does) to run the browser tests")
        }
        let probe = try Self.python(["-c", "import selenium"])
        if probe.status != 0 {
            throw XCTSkip("Selenium is missing for python3: pip install selenium (as .ci/run does) to run the browser tests")
        }
        cache = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-serve-cache-\(UUID().uuidString)")
    }

    override func tearDown() { if let cache { try? FileManager.default.removeItem(at: cache) } }

    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.standardError
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Runs one mode of the browser script; its last line is a JSON object.
    func check(_ arguments: [String]) throws -> [String: Any] {
        let result = try Self.python([Self.script.path] + arguments)
        XCTAssertEqual(result.status, 0, "browser_check.py failed: \(result.output)")
        let line = result.output.split(separator: "\n").last.map(String.init) ?? ""
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], result.output)
    }

    func assertClean(_ findings: [String: Any], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual((findings["consoleErrors"] as? [String]) ?? ["?"], [], "console errors", file: file, line: line)
        XCTAssertEqual((findings["foreignRequests"] as? [String]) ?? ["?"], [], "requests to another host", file: file, line: line)
    }

    func testAnEditShowsWithoutAReloadKeepingTheScroll() throws {
        let folder = try ServeProcess.scratch(["preview.md", "square.png"])
        let lesson = folder.appendingPathComponent("preview.md")
        let server = try ServeProcess([lesson.path], cache: cache)
        let findings = try check(["preview", "http://127.0.0.1:\(server.port)/", lesson.path])
        XCTAssertEqual(findings["changed"] as? Bool, true, "the edit and the re-run cell showed")
        print("serve preview: the edit showed \(findings["seconds"] as? Double ?? -1) s after the save")
        XCTAssertEqual(findings["reloaded"] as? Bool, false, "the page was not reloaded")
        XCTAssertEqual(findings["scrollAfter"] as? Double, findings["scrollBefore"] as? Double, "the scroll position was kept")
        XCTAssertEqual(findings["math"] as? Int, 2, "both formulas with a superscript are MathML the browser knows")
        XCTAssertEqual(findings["imageLoaded"] as? Bool, true, "the prose image shows under the page's policy")
        assertClean(findings)
    }

    func testATeachersStepReachesAFollowerWithinASecond() throws {
        let folder = try ServeProcess.scratch(["preview.md", "square.png"])
        let server = try ServeProcess([folder.appendingPathComponent("preview.md").path, "--class"], cache: cache)
        let token = try XCTUnwrap(server.token)
        let findings = try check(["class", "http://127.0.0.1:\(server.port)/", "http://127.0.0.1:\(server.port)/teacher?token=\(token)"])
        XCTAssertEqual(findings["seen"] as? Bool, true)
        XCTAssertLessThan(findings["seconds"] as? Double ?? 99, 1.0, "seconds from the teacher's click to the follower's page")
        XCTAssertEqual(findings["followerControls"] as? Int, 0, "a follower's page has no controls")
        XCTAssertEqual(findings["teacherRerunButtons"] as? Int, 3, "the teacher can run each cell again")
        assertClean(findings)
    }

    func testSearchFindsAWordOfAnotherLesson() throws {
        let folder = try ServeProcess.scratch(["site"])
        let server = try ServeProcess([folder.appendingPathComponent("site").path, "--no-run"], cache: cache)
        let findings = try check(["search", "http://127.0.0.1:\(server.port)/one.html", "zebrafish"])
        XCTAssertEqual(findings["found"] as? Bool, true)
        XCTAssertEqual(findings["links"] as? [String], ["two.html"])
        assertClean(findings)
    }
}

extension ServeBrowserTests {
    func testASitesCopiedProseImageShowsFromTheFileSystem() throws {
        let folder = try ServeProcess.scratch(["preview.md", "square.png"])
        let site = folder.appendingPathComponent("site")
        let build = Process()
        build.executableURL = ServeProcess.binary
        build.arguments = ["build", folder.path, "-o", site.path, "--no-run"]
        build.standardOutput = FileHandle.nullDevice
        try build.run()
        build.waitUntilExit()
        XCTAssertEqual(build.terminationStatus, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent("square.png").path), "the image is copied")
        let findings = try check(["image", site.appendingPathComponent("preview.html").absoluteString])
        XCTAssertEqual(findings["drawn"] as? Bool, true, "the page's policy lets its own copied image show")
        assertClean(findings)
    }
}
