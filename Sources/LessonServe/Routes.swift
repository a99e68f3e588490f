import Foundation
import Hummingbird
import LessonKit

/// The server's addresses:
///
/// | GET / POST | path | what |
/// | --- | --- | --- |
/// | GET | `/` | the lesson (a file), the site's index (a folder), the follow page (a class) |
/// | GET | `/NAME.html` | a lesson of the site |
/// | GET | `/teacher?token=…` | the teacher's control page (a class) |
/// | GET | `/events?page=PATH` | Server-Sent Events for the page at PATH |
/// | POST | `/control?token=…&action=next\|back\|rerun\|goto[&cell=N]` | a control action (a class) |
/// | GET | `/status` | `{"listeners": N}` |
struct Routes: Sendable {
    let options: ServeOptions
    let broadcaster: Broadcaster
    let site: LiveSite?
    let classroom: LiveClass?
    let port = Shared(0)

    func add(to router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in try self.checkHost(request); return self.root() }
        router.get("/teacher") { request, _ in
            try self.checkHost(request)
            guard let classroom = self.classroom else { return Self.text(.notFound, "not a class: start with lesson serve --class") }
            guard ClassToken.matches(request.uri.queryParameters.get("token"), classroom.token) else {
                return Self.text(.forbidden, "the teacher's page needs the token printed when the server started")
            }
            return Self.html(self.broadcaster.page(LiveClass.teacherChannel))
        }
        router.get("/events") { request, _ in
            try self.checkHost(request)
            return self.events(page: request.uri.queryParameters.get("page") ?? "/")
        }
        router.post("/control") { request, _ in
            try self.checkHost(request)
            guard let classroom = self.classroom else { return Self.text(.notFound, "not a class") }
            let query = request.uri.queryParameters
            guard ClassToken.matches(query.get("token"), classroom.token) else { return Self.text(.forbidden, "wrong or missing token") }
            let cell = query.get("cell").flatMap { Int($0) }
            guard let action = Classroom.Action(name: query.get("action") ?? "", cell: cell) else {
                return Self.text(.badRequest, "action must be next, back, rerun&cell=N or goto&cell=N")
            }
            if let n = cell, action != .next, action != .back, !(1...classroom.classroom.cellCount).contains(n) {
                return Self.text(.badRequest, "cell \(n) is not in the lesson (1-\(classroom.classroom.cellCount))")
            }
            if let problem = classroom.submit(action) { return Self.text(.conflict, problem) }
            return Self.text(.accepted, "queued")
        }
        router.get("/status") { request, _ in
            try self.checkHost(request)
            let body = "{\"listeners\": \(self.broadcaster.listenerCount)}\n"
            return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("/:file") { request, context in
            try self.checkHost(request)
            let file = context.parameters.get("file") ?? ""
            guard let site = self.site, let channel = site.channel(forPage: file), channel == file else {
                if file == "index.html", let site = self.site, site.isFolder { return Self.html(site.indexPage(), live: false) }
                return Self.text(.notFound, "no such page")
            }
            return Self.html(self.broadcaster.page(channel))
        }
    }

    func root() -> Response {
        if classroom != nil { return Self.html(broadcaster.page(LiveClass.channel)) }
        guard let site else { return Self.text(.notFound, "no such page") }
        if site.isFolder { return Self.html(site.indexPage(), live: false) }
        return Self.html(site.channel(forPage: "/").flatMap(broadcaster.page))
    }

    func events(page: String) -> Response {
        let channel: String?
        if classroom != nil { channel = LiveClass.channel } else { channel = site?.channel(forPage: page) }
        guard let channel else { return Self.text(.notFound, "no such page") }
        guard broadcaster.listenerCount < options.maxListeners else { return Self.text(.serviceUnavailable, "too many open pages") }
        let broadcaster = self.broadcaster
        return Response(status: .ok,
                        headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"],
                        body: ResponseBody { writer in
                            let (id, events) = broadcaster.join(channel)
                            defer { broadcaster.leave(id) }
                            for await text in events { try await writer.write(ByteBuffer(string: text)) }
                            try await writer.finish(nil)
                        })
    }

    /// On loopback, only the names of loopback are accepted in `Host`: a page from elsewhere
    /// that renamed itself to 127.0.0.1 (DNS rebinding) gets nothing.
    func checkHost(_ request: Request) throws {
        guard options.isLoopback else { return }
        let host = request.head.authority ?? ""
        let name: Substring
        if host.hasPrefix("[") { name = host.dropFirst().prefix { $0 != "]" } } else { name = host.prefix { $0 != ":" } }
        guard ["127.0.0.1", "localhost", "::1"].contains(String(name)) || name.hasPrefix("127.") else {
            throw HTTPError(.forbidden, message: "this server answers to loopback names only")
        }
    }

    /// No caching, no sniffing, no referrer (the teacher's address carries the token), no framing.
    static let securityHeaders: HTTPFields = {
        var fields: HTTPFields = [.cacheControl: "no-store"]
        for (name, value) in [("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"), ("X-Frame-Options", "DENY")] {
            if let field = HTTPFields.Element.Name(name) { fields[field] = value }
        }
        return fields
    }()

    static func html(_ page: String?, live: Bool = true) -> Response {
        guard let page else { return text(.serviceUnavailable, "the page is not ready yet; try again in a moment") }
        var headers = securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    static func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var headers = securityHeaders
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}
