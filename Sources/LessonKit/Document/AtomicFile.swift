import Foundation

/// Writes a file through a temporary file in the same folder and a rename, so an
/// interrupted run never leaves half a file where a whole one was.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let temporary = temporaryPath(for: url)
        // POSIX calls rather than Data.write: their errno says what went wrong (no space, not a folder).
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw failure(path, errno, folder: folder.path) }
        var problem: Int32 = 0
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(fd, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    problem = errno
                    return
                }
                offset += written
            }
        }
        // On disk before the rename, so a crash cannot leave the new name with missing data.
        if problem == 0, fsync(fd) != 0 { problem = errno }
        if close(fd) != 0, problem == 0 { problem = errno }
        if problem == 0, rename(temporary, path) != 0 { problem = errno }
        if problem != 0 {
            unlink(temporary)
            throw failure(path, problem, folder: folder.path)
        }
    }

    /// `.NAME.PID-N.tmp` beside `url`: pid and a random number, so two writers of one path
    /// (threads or processes) never share a temporary, and a later run can tell whose it was.
    static func temporaryPath(for url: URL) -> String {
        url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max)).tmp").path
    }

    /// Puts `temporary` in the place of `path` in one rename (never delete-then-write);
    /// on failure the temporary is removed and the target is as it was.
    static func replace(_ path: String, with temporary: String) throws {
        guard rename(temporary, path) == 0 else {
            let problem = errno
            unlink(temporary)
            throw failure(path, problem, folder: (path as NSString).deletingLastPathComponent)
        }
    }

    /// Removes the temporaries a killed run left in `folder` (`.NAME.PID-N.tmp`, and the
    /// CNN writer's `.NAME.tmp-PID`): only regular files, only when that process is gone.
    /// Returns the names removed.
    @discardableResult
    public static func removeStaleTemporaries(in folder: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var removed: [String] = []
        for name in names.sorted() {
            guard let pid = writerProcess(ofTemporary: name), pid != getpid(), !isAlive(pid) else { continue }
            let path = (folder as NSString).appendingPathComponent(name)
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            if unlink(path) == 0 { removed.append(name) }
        }
        return removed
    }

    /// The pid in a temporary's name, or nil when the name is not one of ours.
    static func writerProcess(ofTemporary name: String) -> pid_t? {
        guard name.hasPrefix("."), name.count > 6 else { return nil }
        let digits = { (text: Substring) -> pid_t? in
            guard !text.isEmpty, text.count <= 10, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber), let n = Int32(text), n > 0 else { return nil }
            return n
        }
        if name.hasSuffix(".tmp") {
            // .NAME.PID-N.tmp
            let stem = name.dropLast(4)
            guard let dot = stem.lastIndex(of: "."), dot > stem.startIndex else { return nil }
            let parts = stem[stem.index(after: dot)...].split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, digits(parts[1]) != nil else { return nil }
            return digits(parts[0])
        }
        // .NAME.tmp-PID (CNN's own .npz writer)
        guard let range = name.range(of: ".tmp-", options: .backwards), range.lowerBound > name.index(after: name.startIndex) else { return nil }
        return digits(name[range.upperBound...])
    }

    static func isAlive(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno != ESRCH
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// "cannot write: No space left on device", with a hint where errno alone is unclear.
    static func failure(_ path: String, _ code: Int32, folder: String) -> LessonError {
        var reason = String(cString: strerror(code))
        var isDirectory: ObjCBool = false
        if code == ENOENT, !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            reason += " (the folder \(folder) does not exist)"
        } else if code == ENOTDIR {
            reason += " (a part of the path is a file, not a folder)"
        }
        return LessonError(path: path, message: "cannot write: \(reason)")
    }

    /// The POSIX reason inside a Foundation error ("Permission denied"), else its description.
    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        // On Linux the underlying error does not always cast to NSError directly.
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? Error {
            let posix = underlying as NSError
            if posix.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(posix.code))) }
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        return nsError.localizedDescription
    }
}
