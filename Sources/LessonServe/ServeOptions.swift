import Foundation

/// What `lesson serve` was asked to do.
public struct ServeOptions: Sendable {
    /// A lesson file or a folder of lessons.
    public var path: String
    public var host = "127.0.0.1"
    /// 0: any free port (the one chosen is announced).
    public var port = 8000
    /// A classroom: a teacher's control page (with a token) and a follow page.
    public var classroom = false
    /// Show the documented outputs; run nothing.
    public var noRun = false
    public var unsafeHTML = false
    /// The checkpoint cache (nil: none).
    public var cacheFolder: URL?
    /// How often the files are looked at.
    public var pollInterval = 0.25
    /// At most this many open event streams (followers); more are refused with 503.
    public var maxListeners = 500

    public init(path: String) { self.path = path }

    /// Whether `host` is a loopback address: only then is the Host header checked (a page
    /// elsewhere cannot reach the server through a name of its own: DNS rebinding).
    public var isLoopback: Bool { ["127.0.0.1", "localhost", "::1"].contains(host) || host.hasPrefix("127.") }
}
