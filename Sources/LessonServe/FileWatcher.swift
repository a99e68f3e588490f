import Foundation

/// Looks at files' modification times and sizes every `interval` seconds (polling: it works
/// on every file system, editors' rename-on-save included) and reports the ones that changed.
final class FileWatcher: @unchecked Sendable {
    struct Stamp: Equatable { var modified: Date?; var size: Int? }

    let files: () -> [String]
    let interval: Double
    let changed: ([String]) -> Void
    private var stamps: [String: Stamp] = [:]
    private var timer: DispatchSourceTimer?
    private let queue = DispatchQueue(label: "lesson.serve.watch")

    init(files: @escaping () -> [String], interval: Double, changed: @escaping ([String]) -> Void) {
        self.files = files
        self.interval = interval
        self.changed = changed
    }

    func start() {
        queue.sync { for file in files() { stamps[file] = Self.stamp(file) } }
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in self?.poll() }
        timer.resume()
        self.timer = timer
    }

    func stop() { timer?.cancel(); timer = nil }

    /// Takes the files as they are now as the baseline (after a run that may have written some).
    func rebaseline(_ paths: [String]) {
        queue.async { for path in paths { self.stamps[path] = Self.stamp(path) } }
    }

    private func poll() {
        var changes: [String] = []
        var seen: [String: Stamp] = [:]
        for file in files() {
            let stamp = Self.stamp(file)
            seen[file] = stamp
            if stamps[file] != stamp { changes.append(file) }
        }
        changes += stamps.keys.filter { seen[$0] == nil }
        stamps = seen
        if !changes.isEmpty { changed(changes.sorted()) }
    }

    static func stamp(_ path: String) -> Stamp {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return Stamp() }
        return Stamp(modified: attributes[.modificationDate] as? Date, size: (attributes[.size] as? NSNumber)?.intValue)
    }

    /// The regular files of a folder (not below it), at most `limit` of them: a lesson's inputs.
    static func filesOf(folder: String, limit: Int = 2000) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return names.filter { !$0.hasPrefix(".") }.sorted().prefix(limit).map { (folder as NSString).appendingPathComponent($0) }
    }
}
