import Foundation
import XCTest

/// `lesson serve --class`: the token guards the teacher's page and actions; followers see
/// the teacher's run live, and one who joins late sees where the class is.
final class ServeClassTests: XCTestCase {
    var cache: URL!

    override func setUpWithError() throws {
        cache = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-serve-cache-\(UUID().uuidString)")
    }

    override func tearDown() { try? FileManager.default.removeItem(at: cache) }

    func classServer() throws -> ServeProcess {
        let folder = try ServeProcess.scratch(["preview.md", "square.png"])
        return try ServeProcess([folder.appendingPathComponent("preview.md").path, "--class"], cache: cache)
    }

    func testTheTokenGuardsTheTeacherAndNotTheFollowers() throws {
        let server = try classServer()
        let token = try XCTUnwrap(server.token)
        XCTAssertEqual(token.count, 32, "16 random bytes as hex")
        XCTAssertEqual(try httpRequest(port: server.port, "/teacher").status, 403)
        let wrong = (token.first == "0" ? "1" : "0") + token.dropFirst()  // one character off, never the token itself
        XCTAssertEqual(try httpRequest(port: server.port, "/teacher?token=\(wrong)").status, 403)
        let teacher = try httpRequest(port: server.port, "/teacher?token=\(token)")
        XCTAssertEqual(teacher.status, 200)
        XCTAssertTrue(teacher.body.contains("data-live=\"teacher\""))
        XCTAssertTrue(teacher.body.contains("data-action=\"next\""))
        let follower = try httpRequest(port: server.port, "/")
        XCTAssertEqual(follower.status, 200)
        XCTAssertTrue(follower.body.contains("data-live=\"follower\""))
        XCTAssertFalse(follower.body.contains(token), "a follower's page never carries the token")
        XCTAssertEqual(try httpRequest("POST", port: server.port, "/control?action=next").status, 403)
        XCTAssertEqual(try httpRequest("POST", port: server.port, "/control?token=\(token)&action=fly").status, 400)
        XCTAssertEqual(try httpRequest("POST", port: server.port, "/control?token=\(token)&action=goto&cell=99").status, 400)
        XCTAssertEqual(try httpRequest("POST", port: server.port, "/control?token=\(token)&action=rerun").status, 400, "rerun needs a cell")
        XCTAssertEqual(try httpRequest("GET", port: server.port, "/control?token=\(token)&action=next").status, 404,
                       "an action is a POST, never a link")
    }

    func testAFollowerSeesTheTeachersStepWithinASecondAndALateOneSeesTheState() throws {
        let server = try classServer()
        let token = try XCTUnwrap(server.token)
        let follower = try LoopbackConnection(port: server.port)
        try follower.send("GET", "/events?page=%2F")
        follower.read(until: Date().addingTimeInterval(2)) { String(decoding: $0, as: UTF8.self).contains("event: cursor") }
        XCTAssertTrue(follower.events.contains { $0.name == "cursor" && $0.data == "1" }, follower.text)

        let sent = Date()
        XCTAssertEqual(try httpRequest("POST", port: server.port, "/control?token=\(token)&action=next").status, 202)
        follower.read(until: sent.addingTimeInterval(5)) { String(decoding: $0, as: UTF8.self).contains("first 2") }
        let seen = Date().timeIntervalSince(sent)
        XCTAssertTrue(follower.events.contains { $0.name == "page" && $0.data.contains("first 2") })
        XCTAssertLessThan(seen, 1.0, "the follower saw the step \(seen) s after the teacher's click")
        XCTAssertTrue(follower.events.contains { $0.name == "cursor" && $0.data == "2" })

        // Jump to cell 3: the state after cell 2 is made first, then "next" runs cell 3.
        XCTAssertEqual(try httpRequest("POST", port: server.port, "/control?token=\(token)&action=goto&cell=3").status, 202)
        XCTAssertEqual(try httpRequest("POST", port: server.port, "/control?token=\(token)&action=next").status, 202)
        follower.read(until: Date().addingTimeInterval(10)) { String(decoding: $0, as: UTF8.self).contains("third 8") }
        XCTAssertTrue(follower.events.contains { $0.name == "page" && $0.data.contains("third 8") })

        let late = try httpRequest(port: server.port, "/")
        XCTAssertTrue(late.body.contains("third 8"), "a follower joining late sees the current state")
        let lateStream = try LoopbackConnection(port: server.port)
        try lateStream.send("GET", "/events?page=%2F")
        lateStream.read(until: Date().addingTimeInterval(2)) { String(decoding: $0, as: UTF8.self).contains("event: cursor") }
        XCTAssertTrue(lateStream.events.contains { $0.name == "cursor" && $0.data == "4" }, "past the last cell: \(lateStream.text)")
    }
}
