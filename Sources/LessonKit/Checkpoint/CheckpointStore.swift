import CGzip
import Crypto
import Foundation

/// A cache of session states on disk. Large arrays are stored once, named by the SHA-256 of
/// their bytes (so the images a lesson loads are kept once however many checkpoints use
/// them); a checkpoint is a small JSON manifest naming its blobs. Everything read back is
/// verified against its hash: a damaged file is reported and never trusted (and removed, so
/// the next run writes it again). Blobs that compress well (MNIST's images: 47 MB → 10 MB)
/// are kept deflated as `blobs/HASH.z`, named by the hash of their uncompressed bytes.
/// The cache holds at most `maxBytes` (`LESSON_CACHE_MAX`, default 2 GiB): past that, the
/// least recently used checkpoints go first (CheckpointEviction.swift).
public final class CheckpointStore {
    public let folder: URL
    var blobs: URL { folder.appendingPathComponent("blobs") }
    var manifests: URL { folder.appendingPathComponent("checkpoints") }
    /// The bound on the cache's bytes.
    public let maxBytes: Int
    /// Why `LESSON_CACHE_MAX` could not be read (then `maxBytes` is the default): a run refuses to start.
    public let maxBytesProblem: String?
    /// The cache's bytes as this store last counted them plus what it wrote since; nil until counted.
    var knownSize: Int?
    /// Blobs this store wrote: an unreferenced one may be removed at once (another run's, only
    /// once it is old enough not to belong to a checkpoint being saved).
    var writtenBlobs = Set<String>()

    public static let defaultMaxBytes = 2 << 30

    public init(folder: URL, maxBytes: Int? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.folder = folder
        if let maxBytes {
            self.maxBytes = max(0, maxBytes)
            maxBytesProblem = nil
        } else if let text = environment["LESSON_CACHE_MAX"], !text.isEmpty {
            let parsed = Self.parseSize(text)
            self.maxBytes = parsed ?? Self.defaultMaxBytes
            maxBytesProblem = parsed == nil ? "LESSON_CACHE_MAX='\(text.prefix(40))' is not a size: bytes, or a number with K, M, G or T (powers of 1024), e.g. 500M or 2G" : nil
        } else {
            self.maxBytes = Self.defaultMaxBytes
            maxBytesProblem = nil
        }
    }

    /// `123`, `500K`, `500M`, `2G`, `1T` (also `2GB`, `2GiB`, any case); nil when it is not one,
    /// or does not fit.
    public static func parseSize(_ text: String) -> Int? {
        var digits = text.trimmingCharacters(in: .whitespaces).uppercased()
        for unit in ["IB", "B"] where digits.hasSuffix(unit) && digits.count > unit.count { digits.removeLast(unit.count); break }
        let shifts: [Character: Int] = ["K": 10, "M": 20, "G": 30, "T": 40]
        var shift = 0
        if let last = digits.last, let s = shifts[last] { shift = s; digits.removeLast() }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let value = Int(digits) else { return nil }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: 1 << shift)
        return overflow ? nil : bytes
    }

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
        try putBlob(data, named: name)
        return name
    }

    /// Stores bytes whose SHA-256 the caller computed (`hash(data)`).
    func putBlob(_ data: Data, named name: String) throws {
        if hasBlob(name) { return }
        try FileManager.default.createDirectory(at: blobs, withIntermediateDirectories: true)
        if data.count >= Self.compressionThreshold, let deflated = Self.deflate(data), deflated.count < data.count / 10 * 9 {
            try AtomicFile.write(deflated, to: blobs.appendingPathComponent(name + ".z").path)
            wrote(deflated.count)
        } else {
            try AtomicFile.write(data, to: blobs.appendingPathComponent(name).path)
            wrote(data.count)
        }
        writtenBlobs.insert(name)
    }

    func wrote(_ bytes: Int) { knownSize = knownSize.map { $0 + bytes } }

    static let compressionThreshold = 4096

    public func hasBlob(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: blobs.appendingPathComponent(name).path)
            || FileManager.default.fileExists(atPath: blobs.appendingPathComponent(name + ".z").path)
    }

    /// The bytes named `name`, verified; a damaged blob is deleted and reported.
    public func blob(_ name: String) throws -> Data {
        guard name.count == 64, name.allSatisfy(\.isHexDigit) else { throw CheckpointError.damaged("a blob name is not a SHA-256: \(name.prefix(80))") }
        let raw = blobs.appendingPathComponent(name), deflated = blobs.appendingPathComponent(name + ".z")
        let data: Data
        if let bytes = FileManager.default.contents(atPath: raw.path) {
            data = bytes
        } else if let bytes = FileManager.default.contents(atPath: deflated.path) {
            guard let inflated = Self.inflate(bytes) else {
                try? FileManager.default.removeItem(at: deflated)
                throw CheckpointError.damaged("blob \(name.prefix(12)) cannot be decompressed")
            }
            data = inflated
        } else {
            throw CheckpointError.damaged("blob \(name.prefix(12)) is missing")
        }
        guard Self.hash(data) == name else {
            try? FileManager.default.removeItem(at: raw)
            try? FileManager.default.removeItem(at: deflated)
            throw CheckpointError.damaged("blob \(name.prefix(12)) does not match its hash")
        }
        return data
    }

    // MARK: zlib: the length (8 bytes, little-endian), then a zlib stream at level 1.

    static func deflate(_ data: Data) -> Data? {
        var bound = compressBound(uLong(data.count))
        var out = Data(count: 8 + Int(bound))
        let status = out.withUnsafeMutableBytes { (o: UnsafeMutableRawBufferPointer) -> Int32 in
            data.withUnsafeBytes { (i: UnsafeRawBufferPointer) -> Int32 in
                guard let ob = o.baseAddress, let ib = i.baseAddress else { return Z_BUF_ERROR }
                withUnsafeBytes(of: UInt64(data.count).littleEndian) { ob.copyMemory(from: $0.baseAddress!, byteCount: 8) }
                return compress2(ob.assumingMemoryBound(to: Bytef.self) + 8, &bound, ib.assumingMemoryBound(to: Bytef.self), uLong(data.count), 1)
            }
        }
        guard status == Z_OK else { return nil }
        out.count = 8 + Int(bound)
        return out
    }

    /// Largest blob accepted once decompressed: guards against a forged length.
    static let maxBlobBytes: UInt64 = 16 << 30

    static func inflate(_ data: Data) -> Data? {
        guard data.count > 8 else { return nil }
        let length = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard length > 0, length <= maxBlobBytes, length <= UInt64(data.count - 8) * 1100 else { return nil }
        var out = Data(count: Int(length))
        var produced = uLong(length)
        let status = out.withUnsafeMutableBytes { (o: UnsafeMutableRawBufferPointer) -> Int32 in
            data.withUnsafeBytes { (i: UnsafeRawBufferPointer) -> Int32 in
                guard let ob = o.baseAddress, let ib = i.baseAddress else { return Z_BUF_ERROR }
                return uncompress(ob.assumingMemoryBound(to: Bytef.self), &produced, ib.assumingMemoryBound(to: Bytef.self) + 8, uLong(data.count - 8))
            }
        }
        guard status == Z_OK, produced == uLong(length) else { return nil }
        return out
    }

    public func save(_ manifest: JSONValue, key: String) throws {
        try FileManager.default.createDirectory(at: manifests, withIntermediateDirectories: true)
        let text = manifest.serialized()
        let envelope = JSONValue.object(["sha256": .string(Self.hash(Data(text.utf8))), "manifest": .string(text)]).serialized()
        try AtomicFile.write(envelope, to: manifestPath(key).path)
        wrote(envelope.utf8.count)
    }

    func manifestPath(_ key: String) -> URL { manifests.appendingPathComponent(key + ".json") }

    /// Whether a manifest is stored under `key` (not whether it is sound).
    public func hasManifest(key: String) -> Bool { FileManager.default.fileExists(atPath: manifestPath(key).path) }

    /// The manifest saved under `key`, nil when there is none; throws when it is damaged.
    public func load(key: String) throws -> JSONValue? {
        let path = manifestPath(key).path
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        touch(path)
        guard let envelope = try? JSONValue.parse(data), let text = envelope["manifest"]?.string,
              envelope["sha256"]?.string == Self.hash(Data(text.utf8)), let manifest = try? JSONValue.parse(Data(text.utf8)) else {
            throw CheckpointError.damaged("checkpoint \(key.prefix(12)) is damaged")
        }
        return manifest
    }

    /// Records why the state under `key` could not be kept, for `--from` to explain.
    public func markSkipped(key: String, reason: String) {
        try? FileManager.default.createDirectory(at: manifests, withIntermediateDirectories: true)
        try? AtomicFile.write(String(reason.prefix(500)), to: manifests.appendingPathComponent(key + ".skipped").path)
    }

    /// Why the state under `key` could not be kept, if a run said so.
    public func skipReason(key: String) -> String? {
        guard let data = FileManager.default.contents(atPath: manifests.appendingPathComponent(key + ".skipped").path), data.count <= 2000 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Forgets the manifest under `key` (a damaged one, so the next run writes it again).
    public func remove(key: String) {
        try? FileManager.default.removeItem(at: manifestPath(key))
    }

    /// How many checkpoints and blobs the cache holds.
    public func counts() -> (checkpoints: Int, blobs: Int) {
        let m = (try? FileManager.default.contentsOfDirectory(atPath: manifests.path))?.filter { $0.hasSuffix(".json") }.count ?? 0
        let b = (try? FileManager.default.contentsOfDirectory(atPath: blobs.path))?.filter { !$0.hasPrefix(".") }.count ?? 0
        return (m, b)
    }

    /// Bytes used by the cache's files (folders are not counted).
    public func size() -> Int {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey]) else { return 0 }
        var total = 0
        for case let url as URL in enumerator {
            guard let values = try? url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey]), values.isRegularFile == true else { continue }
            total += values.fileSize ?? 0
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
    /// No checkpoint under that key.
    case missing
    public var description: String {
        switch self {
        case .damaged(let s), .unsupported(let s): return s
        case .missing: return "there is no such checkpoint"
        }
    }
}
