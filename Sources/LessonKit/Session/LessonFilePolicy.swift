import Foundation
import KerasBindings
import Script

/// Where a lesson's code may touch files, in one place. Lesson code writes only:
/// - files whose name ends as its call implies (`save_weights`, `ModelCheckpoint`: `.weights.h5`),
/// - into the lesson's folder, or, when `--out` is given, a `lesson-files/` folder beside
///   the results (relative paths then go there, so the lesson's own folder stays as it was),
/// - never a dot-file or into a dot-folder (`.ssh/`, `.git/`),
/// - never over a file this run did not make, unless the call is a save Keras lets
///   overwrite (`save_weights(overwrite=True)`, its default),
/// - always through a temporary file and a rename, so nothing is deleted first.
/// Reads come from the same folders, never from dot-files. Symlinks are followed before
/// the check.
final class LessonFilePolicy: FilePolicy {
    let lessonFolder: URL
    /// `--out`'s folder; lesson code writes into its `lesson-files/`.
    var outputFolder: URL?
    /// The run charged for each file written (its limit on files).
    weak var run: RunContext?
    /// Real paths this run wrote: they may be written again.
    private(set) var created: Set<String> = []
    private var swept: Set<String> = []

    static let filesFolderName = "lesson-files"

    init(lessonFolder: URL) {
        self.lessonFolder = lessonFolder.standardizedFileURL
    }

    var filesFolder: URL? { outputFolder.map { $0.standardizedFileURL.appendingPathComponent(Self.filesFolderName) } }

    /// The folders lesson code may use, writes first.
    var roots: [URL] { [filesFolder, lessonFolder].compactMap { $0 } }

    // MARK: FilePolicy

    func readable(_ path: String, call: String) throws -> URL {
        guard !path.isEmpty, !path.contains("\0") else { throw ScriptError.valueError("\(call): the file name is empty or holds a NUL") }
        let candidates = roots.map { Self.resolve(path, against: $0) }
        var outside = true
        for url in candidates {
            let real = Self.resolvingSymlinks(url)
            guard let base = inside(real) else { continue }
            outside = false
            // Dot-files are no lesson's data (`.git/config`, `.ssh/id_rsa`).
            if real.dropFirst(base.count).split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                throw ScriptError(.permissionError, "\(call): lessons may not read dot-files or from dot-folders: '\(path)'")
            }
            if FileManager.default.fileExists(atPath: real) { return URL(fileURLWithPath: real) }
        }
        if outside { throw outsideError(path, writing: false) }
        throw ScriptError(.fileNotFoundError, "No such file or directory: '\(path)'")
    }

    func writable(_ path: String, _ request: FileRequest) throws -> URL {
        guard !path.isEmpty, !path.contains("\0") else { throw ScriptError.valueError("\(request.call): the file name is empty or holds a NUL") }
        let name = (path as NSString).lastPathComponent
        guard request.extensions.contains(where: { name.hasSuffix($0) && name.count > $0.count }) else {
            let endings = request.extensions.map { "`\($0)`" }.joined(separator: " or ")
            throw ScriptError.valueError("The filename must end in \(endings). Received: filepath=\(path)")
        }
        let root = roots[0]
        let url = Self.resolve(path, against: root)
        let real = Self.resolvingSymlinks(url)
        guard let base = inside(real) else { throw outsideError(path, writing: true) }
        let relative = real.dropFirst(base.count).split(separator: "/")
        if relative.contains(where: { $0.hasPrefix(".") }) {
            throw ScriptError(.permissionError, "\(request.call): lessons may not write dot-files or into dot-folders: '\(path)'")
        }
        var info = stat()
        if lstat(real, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFREG else {
                throw ScriptError(.permissionError, "\(request.call): '\(path)' is not a regular file")
            }
            guard request.overwrites || created.contains(real) else {
                throw ScriptError(.fileExistsError, "\(request.call): '\(path)' exists and this run did not make it; pass overwrite=True to replace it")
            }
        }
        return URL(fileURLWithPath: real)
    }

    func write(_ target: URL, _ request: FileRequest, _ produce: (URL) throws -> Void) throws {
        let folder = target.deletingLastPathComponent().path
        if let files = filesFolder?.path, Self.resolvingSymlinks(URL(fileURLWithPath: files)) == folder {
            // Only the `lesson-files/` folder itself is made, never a path a lesson chose.
            if mkdir(folder, 0o777) != 0, errno != EEXIST { throw osError(folder, errno) }
        }
        try run?.chargeFile(request.call)
        if swept.insert(folder).inserted { AtomicFile.removeStaleTemporaries(in: folder) }
        let temporary = AtomicFile.temporaryPath(for: target)
        do {
            try produce(URL(fileURLWithPath: temporary))
        } catch {
            unlink(temporary) // ours: made a moment ago under a name no one else uses
            throw error
        }
        do { try AtomicFile.replace(target.path, with: temporary) } catch let error as LessonError {
            throw ScriptError(.osError, error.message)
        }
        created.insert(target.path)
    }

    // MARK: Paths

    /// `path` as lesson code gave it, relative to the folder `root`.
    static func resolve(_ path: String, against root: URL) -> URL {
        URL(fileURLWithPath: path.hasPrefix("/") ? path : root.path + "/" + path).standardizedFileURL
    }

    /// The root `real` lies in (with a trailing slash), or nil.
    func inside(_ real: String) -> String? {
        for root in roots {
            let base = Self.resolvingSymlinks(root)
            let prefix = base.hasSuffix("/") ? base : base + "/"
            if real.hasPrefix(prefix) { return prefix }
        }
        return nil
    }

    func outsideError(_ path: String, writing: Bool) -> ScriptError {
        let places = outputFolder == nil ? "the lesson's folder" : "the lesson's folder or \(Self.filesFolderName)/ beside the results"
        return ScriptError(.permissionError, "lessons may only \(writing ? "write" : "read") files inside \(places): '\(path)' is outside")
    }

    func osError(_ path: String, _ code: Int32) -> ScriptError {
        ScriptError(.osError, "[Errno \(code)] \(String(cString: strerror(code))): '\(path)'")
    }

    /// The real path of `url`: symlinks resolved in the part that exists (a file about to be
    /// written does not exist yet, but a linked folder on its way must still count).
    static func resolvingSymlinks(_ url: URL) -> String {
        var existing = url.standardizedFileURL, rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
        var real = existing.resolvingSymlinksInPath()
        for part in rest { real.appendPathComponent(part) }
        return real.standardizedFileURL.path
    }
}

extension ScriptError.Kind {
    static let fileExistsError = ScriptError.Kind(rawValue: "FileExistsError")
}
