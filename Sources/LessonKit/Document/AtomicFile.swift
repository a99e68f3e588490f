import Foundation

/// Writes a file through a temporary file in the same folder and a rename, so an
/// interrupted run never leaves half a file where a whole one was.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        // Pid and a random number: two writers of one path (threads or processes) never share a temporary.
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max)).tmp").path
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
