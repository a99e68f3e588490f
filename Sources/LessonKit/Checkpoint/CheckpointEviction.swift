import Foundation

/// The cache's bound: past `maxBytes`, checkpoints are removed least recently used first (a
/// manifest's modification time is its last save or restore), then every blob no remaining
/// checkpoint names. Only files the cache's own naming describes are ever removed.
extension CheckpointStore {
    /// A blob nobody names that another run wrote is left alone this long: it may belong to a
    /// checkpoint that run is still saving (its blobs go first, its manifest last).
    static let foreignBlobGrace: TimeInterval = 600

    /// Removes blobs this store wrote (a checkpoint that could not be saved).
    func removeBlobs(_ names: Set<String>) {
        for name in names where writtenBlobs.contains(name) {
            for file in [name, name + ".z"] { _ = remove(blobs.appendingPathComponent(file)) }
            writtenBlobs.remove(name)
        }
        knownSize = nil
    }

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
        var walked: [String: Set<String>] = [:]
        for manifest in byAge {
            let names = referencedBlobs(manifest.key, walked: &walked)
            named[manifest.key] = names
            for name in names { references[name, default: 0] += 1 }
        }
        let files = blobFiles()
        // Blobs no checkpoint names go first (another run's only once old: it may be saving them).
        for (name, file) in files where references[name] == nil && (writtenBlobs.contains(name) || isOld(file)) { total -= remove(file) }
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
        let bytes = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
        guard (try? FileManager.default.removeItem(at: url)) != nil else { return 0 }
        return bytes
    }

    /// The blob files by name (only names the cache gives).
    func blobFiles() -> [String: URL] {
        var found: [String: URL] = [:]
        for file in (try? FileManager.default.contentsOfDirectory(atPath: blobs.path)) ?? [] {
            let name = file.hasSuffix(".z") ? String(file.dropLast(2)) : file
            guard Self.isHash(name) else { continue }
            found[name] = blobs.appendingPathComponent(file)
        }
        return found
    }

    func isOld(_ url: URL) -> Bool {
        let date = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? nil
        return date.map { Date().timeIntervalSince($0) > Self.foreignBlobGrace } ?? false
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

    /// Every blob the checkpoint under `key` needs: its chunks, the object blobs they name and
    /// the blobs those name (a damaged manifest needs none). `walked` keeps what a chunk or an
    /// object blob names, so blobs shared by many checkpoints are read once.
    func referencedBlobs(_ key: String, walked: inout [String: Set<String>]) -> Set<String> {
        let path = manifestPath(key).path
        guard let data = FileManager.default.contents(atPath: path), let envelope = try? JSONValue.parse(data),
              let text = envelope["manifest"]?.string, let manifest = try? JSONValue.parse(Data(text.utf8)) else { return [] }
        var names = Set<String>()
        for field in ["globals", "objects"] {
            for case .string(let chunk) in manifest[field]?.array ?? [] where Self.isHash(chunk) {
                names.insert(chunk)
                names.formUnion(blobsNamed(by: chunk, walked: &walked, depth: field == "objects" ? 1 : 0))
            }
        }
        return names
    }

    /// The blob names inside blob `name` (a chunk, or an object's description), and with
    /// `depth` 1 the names inside those too. Data blobs are never read as JSON: only chunks and
    /// the object blobs an objects chunk lists.
    private func blobsNamed(by name: String, walked: inout [String: Set<String>], depth: Int) -> Set<String> {
        if let known = walked[name] { return known }
        var found = Set<String>()
        if let data = try? blob(name), let json = try? JSONValue.parse(data) {
            var stack = [json]
            while let next = stack.popLast() {
                switch next {
                case .string(let s) where Self.isHash(s): found.insert(s)
                case .array(let items): stack += items
                case .object(let members): stack += members.values
                default: break
                }
            }
        }
        if depth > 0 {
            for inner in found { found.formUnion(blobsNamed(by: inner, walked: &walked, depth: depth - 1)) }
        }
        walked[name] = found
        return found
    }

    static func isHash(_ name: String) -> Bool {
        name.utf8.count == 64 && name.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }
}
