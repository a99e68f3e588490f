import Foundation

/// The cache's bound: past `maxBytes`, checkpoints are removed least recently used first (a
/// manifest's modification time is its last save or restore), then every blob no remaining
/// checkpoint names. Only files the cache's own naming describes are ever removed.
extension CheckpointStore {
    /// A blob nobody names that another run wrote is left alone this long: it may belong to a
    /// checkpoint that run is still saving (its blobs go first, its manifest last).
    static let foreignBlobGrace: TimeInterval = 600

    /// Marks a manifest as just used.
    func touch(_ path: String) {
        try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: path)
    }

    /// Brings the cache under `maxBytes` if it is over. `keep` (the checkpoint just saved)
    /// goes last. Returns the keys of the checkpoints removed. Each manifest is read once and
    /// blobs are counted by reference, so the cost is linear in the cache's files.
    @discardableResult
    public func enforceBound(keep: String? = nil) -> [String] {
        var total = knownSize ?? size()
        knownSize = total
        guard total > maxBytes else { return [] }
        var byAge = manifestFiles().sorted { ($0.date, $0.key) < ($1.date, $1.key) }
        if let keep, let index = byAge.firstIndex(where: { $0.key == keep }) { byAge.append(byAge.remove(at: index)) }
        var references: [String: Int] = [:]
        var named: [String: Set<String>] = [:]
        for manifest in byAge {
            let names = referencedBlobs(manifest.key)
            named[manifest.key] = names
            for name in names { references[name, default: 0] += 1 }
        }
        let files = blobFiles()
        // Blobs no checkpoint names go first: they cost nothing to lose.
        for (name, file) in files where references[name] == nil { total -= remove(file) }
        var removed: [String] = []
        for manifest in byAge where total > maxBytes {
            for suffix in [".json", ".skipped"] { total -= remove(manifests.appendingPathComponent(manifest.key + suffix)) }
            removed.append(manifest.key)
            for name in named[manifest.key] ?? [] {
                references[name, default: 1] -= 1
                if references[name] == 0, let file = files[name] { total -= remove(file) }
            }
        }
        knownSize = max(0, total)
        return removed
    }

    /// Removes a file the cache made; returns the bytes freed (0 when it could not).
    func remove(_ url: URL) -> Int {
        let bytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)??.intValue ?? 0
        guard (try? FileManager.default.removeItem(at: url)) != nil else { return 0 }
        return bytes
    }

    /// The blob files by name, less those another run wrote too recently to be sure of.
    func blobFiles() -> [String: URL] {
        let now = Date()
        var found: [String: URL] = [:]
        for file in (try? FileManager.default.contentsOfDirectory(atPath: blobs.path)) ?? [] {
            let name = file.hasSuffix(".z") ? String(file.dropLast(2)) : file
            guard Self.isHash(name) else { continue }
            let url = blobs.appendingPathComponent(file)
            if !writtenBlobs.contains(name) {
                let date = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? nil
                guard let date, now.timeIntervalSince(date) > Self.foreignBlobGrace else { continue }
            }
            found[name] = url
        }
        return found
    }

    struct ManifestFile { var key: String; var date: Date }

    func manifestFiles() -> [ManifestFile] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: manifests.path)) ?? []
        return names.compactMap { name -> ManifestFile? in
            guard name.hasSuffix(".json") else { return nil }
            let key = String(name.dropLast(5))
            guard Self.isHash(key) else { return nil }
            let date = (try? FileManager.default.attributesOfItem(atPath: manifestPath(key).path)[.modificationDate] as? Date) ?? .distantPast
            return ManifestFile(key: key, date: date ?? .distantPast)
        }
    }

    /// Every blob the checkpoint under `key` names (a damaged manifest names none).
    func referencedBlobs(_ key: String) -> Set<String> {
        let path = manifestPath(key).path
        guard let data = FileManager.default.contents(atPath: path), let envelope = try? JSONValue.parse(data),
              let text = envelope["manifest"]?.string, let manifest = try? JSONValue.parse(Data(text.utf8)),
              let list = manifest["blobs"]?.array else { return [] }
        var names = Set<String>()
        for case .string(let name) in list { names.insert(name) }
        return names
    }

    static func isHash(_ name: String) -> Bool {
        name.utf8.count == 64 && name.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }
}
