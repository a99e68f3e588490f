import Foundation
import LessonKit

/// The latest state of each live page and everyone listening to it. A listener gets the
/// current state when it joins (so a late follower sees what the others see), then every
/// event, as Server-Sent Events text. A slow listener's queue is bounded: it keeps only
/// the newest events, so no follower can make the server grow. Thread-safe.
public final class Broadcaster: @unchecked Sendable {
    struct Channel {
        var page: String?
        var version = 0
        /// The running cell's outputs so far, for whoever joins mid-cell.
        var cell: String?
        var cursor: Int?
    }

    struct Listener {
        var channel: String
        var continuation: AsyncStream<String>.Continuation
    }

    private let lock = NSLock()
    private var channels: [String: Channel] = [:]
    private var listeners: [Int: Listener] = [:]
    private var nextID = 0
    /// Events kept for a listener that has not taken them yet.
    let queueLimit: Int

    public init(queueLimit: Int = 32) { self.queueLimit = queueLimit }

    /// How many listen now (all channels).
    public var listenerCount: Int { lock.lock(); defer { lock.unlock() }; return listeners.count }

    public func page(_ channel: String) -> String? { lock.lock(); defer { lock.unlock() }; return channels[channel]?.page }
    public func version(_ channel: String) -> Int { lock.lock(); defer { lock.unlock() }; return channels[channel]?.version ?? 0 }

    /// Keeps a page (the teacher's, say) that no event carries.
    public func store(page: String, on channel: String) {
        lock.lock(); channels[channel, default: Channel()].page = page; lock.unlock()
    }

    public func publish(_ event: LiveEvent, on channel: String) {
        let text: String
        lock.lock()
        switch event {
        case .page(let version, let html):
            channels[channel, default: Channel()].page = html
            channels[channel, default: Channel()].version = version
            channels[channel, default: Channel()].cell = nil
            text = SSE.event("page", id: String(version), data: html)
        case .cell(let number, let html):
            text = SSE.event("cell", data: "\(number)\n" + html)
            channels[channel, default: Channel()].cell = text
        }
        let targets = listeners.values.filter { $0.channel == channel }.map(\.continuation)
        lock.unlock()
        for target in targets { target.yield(text) }
    }

    public func publish(cursor: Int, on channel: String) {
        lock.lock()
        channels[channel, default: Channel()].cursor = cursor
        let targets = listeners.values.filter { $0.channel == channel }.map(\.continuation)
        lock.unlock()
        let text = SSE.event("cursor", data: String(cursor))
        for target in targets { target.yield(text) }
    }

    /// A comment line to every listener: a connection that has gone is found and dropped.
    public func heartbeat() {
        lock.lock(); let targets = listeners.values.map(\.continuation); lock.unlock()
        for target in targets { target.yield(": keep-alive\n\n") }
    }

    /// Joins `channel`: the stream starts with the current cell and cursor (the page itself
    /// came with the GET), then carries each new event. Ends when `leave` is called.
    public func join(_ channel: String) -> (id: Int, events: AsyncStream<String>) {
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(queueLimit))
        lock.lock()
        let id = nextID
        nextID += 1
        listeners[id] = Listener(channel: channel, continuation: continuation)
        let state = channels[channel]
        lock.unlock()
        continuation.yield("retry: 1000\n\n")
        if let version = state?.version, version > 0 { continuation.yield(SSE.event("version", data: String(version))) }
        if let cell = state?.cell { continuation.yield(cell) }
        if let cursor = state?.cursor { continuation.yield(SSE.event("cursor", data: String(cursor))) }
        continuation.onTermination = { [weak self] _ in self?.leave(id) }
        return (id, stream)
    }

    public func leave(_ id: Int) {
        lock.lock(); let listener = listeners.removeValue(forKey: id); lock.unlock()
        listener?.continuation.finish()
    }

    /// Ends every stream (the server is stopping).
    public func closeAll() {
        lock.lock(); let all = listeners.values.map(\.continuation); listeners = [:]; lock.unlock()
        for continuation in all { continuation.finish() }
    }
}

/// Server-Sent Events framing (the WHATWG HTML standard, §9.2).
enum SSE {
    static func event(_ name: String, id: String? = nil, data: String) -> String {
        var out = "event: \(name)\n"
        if let id { out += "id: \(id)\n" }
        // CR, LF and CRLF all end a line in the stream: each line of the data is its own field.
        let normalized = data.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) { out += "data: \(line)\n" }
        return out + "\n"
    }
}
