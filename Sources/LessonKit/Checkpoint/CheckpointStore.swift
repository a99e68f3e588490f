import Crypto
import Foundation

/// A cache of session states on disk. Large arrays are stored once, named by the SHA-256 of
/// their bytes (so the images a lesson loads are kept once however many checkpoints use
/// them); a checkpoint is a small JSON manifest naming its blobs. Everything read back is
/// verified against its hash: a damaged file is reported and never trusted.
public final class CheckpointStore {
    public let folder: URL
    var blobs: URL { folder.appendingPathComponent("blobs") }
    var manifests: URL { folder.appendingPathComponent("checkpoints") }

    public init(folder: URL) { self.folder = folder }

    /// `$LESSON_CACHE`, else `${XDG_CACHE_HOME:-~/.cache}/lesson`.
    public static func defaultFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let explicit = environment["LESSON_CACHE"], !explicit.isEmpty { return URL(fileURLWithPath: explicit) }
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.cache")
        return URL(fileURLWithPath: base).appendingPathComponent("lesson")
    }

    public static func hash(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    public static func key(_ parts: [String]) -> String {
        hash(Data(parts.joined(separator: "\u{0}").utf8))
    }

    /// Stores bytes once; returns their hash.
    @discardableResult
    public func putBlob(_ data: Data) throws -> String {
        let name = Self.hash(data)
        let path = blobs.appendingPathComponent(name)
        if !FileManager.default.fileExists(atPath: path.path) {
            try FileManager.default.createDirectory(at: blobs, withIntermediateDirectories: true)
            try AtomicFile.write(data, to: path.path)
        }
        return name
    }

    public func blob(_ name: String) throws -> Data {
        guard name.count == 64, name.allSatisfy(\.isHexDigit) else { throw CheckpointError.damaged("a blob name is not a SHA-256: \(name.prefix(80))") }
        guard let data = FileManager.default.contents(atPath: blobs.appendingPathComponent(name).path) else {
            throw CheckpointError.damaged("blob \(name.prefix(12)) is missing")
        }
        guard Self.hash(data) == name else { throw CheckpointError.damaged("blob \(name.prefix(12)) does not match its hash") }
        return data
    }

    public func save(_ manifest: JSONValue, key: String) throws {
        try FileManager.default.createDirectory(at: manifests, withIntermediateDirectories: true)
        let text = manifest.serialized()
        let envelope = JSONValue.object(["sha256": .string(Self.hash(Data(text.utf8))), "manifest": .string(text)])
        try AtomicFile.write(envelope.serialized(), to: manifests.appendingPathComponent(key + ".json").path)
    }

    /// The manifest saved under `key`, nil when there is none; throws when it is damaged.
    public func load(key: String) throws -> JSONValue? {
        let path = manifests.appendingPathComponent(key + ".json").path
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let envelope = try? JSONValue.parse(data), let text = envelope["manifest"]?.string,
              envelope["sha256"]?.string == Self.hash(Data(text.utf8)), let manifest = try? JSONValue.parse(Data(text.utf8)) else {
            throw CheckpointError.damaged("checkpoint \(key.prefix(12)) is damaged")
        }
        return manifest
    }

    /// Bytes used by the cache.
    public func size() -> Int {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.fileSizeKey]) else { return 0 }
        var total = 0
        for case let url as URL in enumerator {
            total += (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
        }
        return total
    }

    public func clear() throws {
        for sub in [blobs, manifests] where FileManager.default.fileExists(atPath: sub.path) {
            try FileManager.default.removeItem(at: sub)
        }
    }
}

public enum CheckpointError: Error, CustomStringConvertible {
    case damaged(String)
    case unsupported(String)
    public var description: String {
        switch self { case .damaged(let s), .unsupported(let s): return s }
    }
}
