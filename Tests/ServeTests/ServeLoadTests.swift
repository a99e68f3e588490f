import Foundation
import XCTest

/// 50 followers on loopback: each gets every step; the server's memory stays flat as
/// followers come and go; the ones that left are dropped. Bounded: a few steps, a few rounds.
final class ServeLoadTests: XCTestCase {
    func testFiftyFollowersGetEveryUpdateAndLeavingCostsNothing() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-serve-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let folder = try ServeProcess.scratch(["preview.md", "square.png"])
        let server = try ServeProcess([folder.appendingPathComponent("preview.md").path, "--class"], cache: cache)
        let token = try XCTUnwrap(server.token)
        func listeners() throws -> Int {
            let body = try httpRequest(port: server.port, "/status").body
            return Int(body.filter(\.isNumber)) ?? -1
        }
        func round(steps: [String]) throws -> [LoopbackConnection] {
            let followers = try (0..<50).map { _ in try LoopbackConnection(port: server.port) }
            for follower in followers { try follower.send("GET", "/events?page=%2F") }
            XCTAssertTrue(try ServeProcess.waitFor(10) { try listeners() == 50 }, "50 streams open")
            for step in steps {
                XCTAssertEqual(try httpRequest("POST", port: server.port, "/control?token=\(token)&\(step)").status, 202)
            }
            return followers
        }

        // Round 1: three steps; every follower sees each cell's output.
        let first = try round(steps: ["action=next", "action=next", "action=next"])
        for follower in first {
            follower.read(until: Date().addingTimeInterval(20)) { String(decoding: $0, as: UTF8.self).contains("third 8") }
            let pages = follower.events.filter { $0.name == "page" }.map(\.data)
            XCTAssertTrue(pages.contains { $0.contains("first 2") } && pages.contains { $0.contains("second 6") }
                          && pages.contains { $0.contains("third 8") }, "a follower missed a step")
        }
        let before = try XCTUnwrap(server.residentKiB)
        first.forEach { _ = $0 }

        // Rounds 2-4: followers come, see steps, and go.
        var connections: [LoopbackConnection]? = nil
        for _ in 0..<3 {
            connections = nil
            XCTAssertTrue(try ServeProcess.waitFor(12) { try listeners() <= 50 })
            connections = try round(steps: ["action=goto&cell=1", "action=next"])
            for follower in connections ?? [] {
                follower.read(until: Date().addingTimeInterval(20)) { String(decoding: $0, as: UTF8.self).contains("\"cursor\"") || String(decoding: $0, as: UTF8.self).contains("event: cursor\ndata: 2") }
            }
        }
        connections = nil
        _ = first.count
        XCTAssertTrue(try ServeProcess.waitFor(15) { try listeners() <= 50 }, "streams of followers that left are dropped")
        let after = try XCTUnwrap(server.residentKiB)
        XCTAssertLessThan(after - before, 32 * 1024, "memory grew from \(before) KiB to \(after) KiB")
        print("serve load: resident \(before) KiB after round 1, \(after) KiB after three more rounds of 50 followers")
    }
}
