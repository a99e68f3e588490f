import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 client on loopback sockets for the server tests: one request per
/// connection, and event streams read incrementally with a deadline.
final class LoopbackConnection {
    let fd: Int32
    var buffer = Data()

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestHTTPError("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(fd); throw TestHTTPError("cannot connect to 127.0.0.1:\(port)") }
    }

    deinit { close(fd) }

    func send(_ method: String, _ target: String, host: String = "127.0.0.1", headers: [String] = []) throws {
        let request = "\(method) \(target) HTTP/1.1\r\nHost: \(host)\r\n" + headers.map { $0 + "\r\n" }.joined()
            + (method == "POST" ? "Content-Length: 0\r\n" : "") + "Connection: close\r\n\r\n"
        let bytes = Array(request.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw TestHTTPError("send failed") }
            sent += n
        }
    }

    /// Reads what arrives until `deadline`; false when the peer closed.
    @discardableResult
    func read(until deadline: Date, stop: (Data) -> Bool = { _ in false }) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while Date() < deadline, !stop(buffer) {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let wait = Int32(max(1, min(200, deadline.timeIntervalSinceNow * 1000)))
            guard poll(&descriptor, 1, wait) > 0 else { continue }
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { return false }
            buffer.append(contentsOf: chunk[0..<n])
        }
        return true
    }

    var text: String { String(decoding: buffer, as: UTF8.self) }

    /// The events of a stream so far: (name, data) in order.
    var events: [(name: String, data: String)] {
        var out: [(String, String)] = []
        for block in body.components(separatedBy: "\n\n") {
            var name = "message", data: [String] = []
            for line in block.components(separatedBy: "\n") {
                if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
                else if line.hasPrefix("data: ") { data.append(String(line.dropFirst(6))) }
            }
            if !data.isEmpty { out.append((name, data.joined(separator: "\n"))) }
        }
        return out
    }

    /// The body so far, without the chunk-size lines of a chunked transfer.
    var body: String {
        let bytes = [UInt8](buffer)
        let marker: [UInt8] = [13, 10, 13, 10]
        guard let headerEnd = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<$0 + 4]) == marker }) else { return "" }
        let head = String(decoding: bytes[..<headerEnd], as: UTF8.self).lowercased()
        var i = headerEnd + 4
        guard head.contains("transfer-encoding: chunked") else { return String(decoding: bytes[i...], as: UTF8.self) }
        var out: [UInt8] = []
        while i < bytes.count {
            guard let lineEnd = (i..<max(i, bytes.count - 1)).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 }),
                  let size = Int(String(decoding: bytes[i..<lineEnd], as: UTF8.self), radix: 16), size > 0 else { break }
            let start = lineEnd + 2
            let stop = min(bytes.count, start + size)
            out += bytes[start..<stop]
            i = stop + 2
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The status code of the response.
    var status: Int? {
        guard text.hasPrefix("HTTP/1.1 ") else { return nil }
        return Int(text.dropFirst(9).prefix(3))
    }
}

struct TestHTTPError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// One request, the whole response.
func httpRequest(_ method: String = "GET", port: Int, _ target: String, host: String = "127.0.0.1", timeout: Double = 10) throws -> (status: Int, body: String) {
    let connection = try LoopbackConnection(port: port)
    try connection.send(method, target, host: host)
    connection.read(until: Date().addingTimeInterval(timeout))
    return (connection.status ?? 0, connection.body)
}
