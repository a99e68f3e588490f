import Foundation

/// The teacher's token: 16 bytes from /dev/urandom, as hex. Compared in constant time.
enum ClassToken {
    static func make() throws -> String {
        guard let handle = FileHandle(forReadingAtPath: "/dev/urandom") else {
            throw ServeError("cannot read /dev/urandom for the teacher's token")
        }
        defer { try? handle.close() }
        let bytes = (try? handle.read(upToCount: 16)) ?? nil
        guard let bytes, bytes.count == 16 else { throw ServeError("cannot read 16 random bytes for the teacher's token") }
        return bytes.map { String(format: "%02x", $0) }.joined()
    }

    static func matches(_ given: String?, _ token: String) -> Bool {
        guard let given else { return false }
        let a = Array(given.utf8), b = Array(token.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<b.count { difference |= (i < a.count ? a[i] : 0) ^ b[i] }
        return difference == 0
    }
}

public struct ServeError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
