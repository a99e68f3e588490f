import Foundation
import Hummingbird
import LessonKit
import Logging

/// `lesson serve`: an HTTP server (Hummingbird) for the live preview of a lesson or a site,
/// or for a classroom. Pages come from the broadcaster's latest state; `/events` is the
/// Server-Sent Events stream each page listens to.
public enum LessonServer {
    /// Runs until the process is stopped. `announce` hears the addresses to open, once the
    /// server listens.
    public static func run(_ options: ServeOptions, announce: @escaping @Sendable (String) -> Void) async throws {
        let broadcaster = Broadcaster()
        let site: LiveSite? = options.classroom ? nil : try LiveSite(options: options, broadcaster: broadcaster)
        let classroom: LiveClass? = options.classroom ? try LiveClass(options: options, broadcaster: broadcaster) : nil
        let router = Router()
        let routes = Routes(options: options, broadcaster: broadcaster, site: site, classroom: classroom)
        routes.add(to: router)

        var logger = Logger(label: "lesson.serve")
        logger.logLevel = .warning
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "lesson"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? options.port
                routes.port.set(port)
                let host = options.host.contains(":") ? "[\(options.host)]" : options.host
                if let classroom {
                    announce("lesson serve: the class follows at http://\(host):\(port)/\n"
                        + "lesson serve: the teacher's page: http://\(host):\(port)/teacher?token=\(classroom.token)\n")
                } else {
                    announce("lesson serve: http://\(host):\(port)/ (watching \(options.path); Ctrl-C stops)\n")
                }
                site?.start()
            },
            logger: logger
        )
        // A comment every few seconds finds the streams whose browser has gone.
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: 5_000_000_000)
                broadcaster.heartbeat()
            }
        }
        defer { heartbeat.cancel(); broadcaster.closeAll() }
        try await app.runService(gracefulShutdownSignals: [])
    }
}

/// A value set once from another thread (the port the server got).
final class Shared<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.lock(); defer { lock.unlock() }; return value }
    func set(_ new: Value) { lock.lock(); value = new; lock.unlock() }
}
