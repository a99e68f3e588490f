import Foundation
import XCTest

/// 50 followers on loopback: each gets every step; the server's memory stays flat as
/// followers come and go; the streams of those who left are dropped. Bounded: a few steps,
/// four rounds.
final class ServeLoadTests: XCTestCase {
    func testFiftyFollowersGetEveryUpdateAndLeavingCostsNothing() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-serve-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let folder = try ServeProcess.scratch(["preview.md", "square.png"])
        let server = try ServeProcess([folder.appendingPathComponent("preview.md").path, "--class"], cache: cache)
        let token = try XCTUnwrap(server.token)
        func listeners() throws -> Int {
            Int(try httpRequest(port: server.port, "/status").body.filter(\.isNumber)) ?? -1
        }
        func join() throws -> [LoopbackConnection] {
            let followers = try (0..<50).map { _ in try LoopbackConnection(port: server.port) }
            for follower in followers { try follower.send("GET", "/events?page=%2F") }
            XCTAssertTrue(try ServeProcess.waitFor(10) { try listeners() == 50 }, "50 streams open")
            return followers
        }
        func step(_ query: String) throws {
            XCTAssertEqual(try httpRequest("POST", port: server.port, "/control?token=\(token)&\(query)").status, 202)
        }

        // Round 1: three steps; every follower sees each cell's output.
        var followers = try join()
        for query in ["action=next", "action=next", "action=next"] { try step(query) }
        for follower in followers {
            follower.read(until: Date().addingTimeInterval(20)) { String(decoding: $0, as: UTF8.self).contains("third 8") }
            let pages = follower.events.filter { $0.name == "page" }.map(\.data)
            XCTAssertTrue(pages.contains { $0.contains("first 2") }, "a follower missed step 1")
            XCTAssertTrue(pages.contains { $0.contains("second 6") }, "a follower missed step 2")
            XCTAssertTrue(pages.contains { $0.contains("third 8") }, "a follower missed step 3")
        }
        followers = []
        XCTAssertTrue(try ServeProcess.waitFor(15) { try listeners() == 0 }, "the streams of followers who left are dropped")
        let before = try XCTUnwrap(server.residentKiB)

        // Rounds 2-4: 50 followers come, see the class go back to cell 1 and run it, and leave.
        for _ in 0..<3 {
            followers = try join()
            try step("action=goto&cell=1")
            try step("action=next")
            for follower in followers {
                follower.read(until: Date().addingTimeInterval(20)) { String(decoding: $0, as: UTF8.self).contains("event: cursor\ndata: 2\n") }
                XCTAssertTrue(follower.events.contains { $0.name == "cursor" && $0.data == "2" }, "a follower missed the step")
            }
            followers = []
            XCTAssertTrue(try ServeProcess.waitFor(15) { try listeners() == 0 }, "the streams of followers who left are dropped")
        }
        let after = try XCTUnwrap(server.residentKiB)
        print("serve load: resident \(before) KiB after the first 50 followers, \(after) KiB after 150 more came and went")
        XCTAssertLessThan(after - before, 16 * 1024, "memory grew from \(before) KiB to \(after) KiB")
    }
}
