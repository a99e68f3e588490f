import Foundation

/// The memory a lesson run may hold. Every large array a binding is about to make is
/// checked against it (memory in use now plus the new array), so a stranger's lesson that
/// keeps making big arrays gets a MemoryError instead of taking the machine's memory.
enum MemoryBudget {
    /// At most 3/4 of the machine's memory, and no more than 16 GiB; `LESSON_MEMORY_LIMIT_MB`
    /// sets another limit.
    nonisolated(unsafe) static var limitBytes: Int = {
        if let text = ProcessInfo.processInfo.environment["LESSON_MEMORY_LIMIT_MB"], let mb = Int(text), mb > 0 { return mb << 20 }
        let physical = Int(clamping: ProcessInfo.processInfo.physicalMemory)
        return min(physical / 4 * 3, 16 << 30)
    }()

    /// Checks are only worth a system call for arrays of 16 MB or more.
    static let smallBytes = 16 << 20

    /// The resident memory of this process now (Linux: /proc/self/statm), or 0 if unknown.
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Throws Python's MemoryError when making `bytes` more would pass the limit.
    static func reserve(_ bytes: Int, for what: String = "an array") throws {
        guard bytes >= smallBytes else { return }
        let inUse = residentBytes()
        let (total, overflow) = inUse.addingReportingOverflow(bytes)
        guard overflow || total > limitBytes else { return }
        throw NumPyError.memory("\(what) of \(bytes >> 20) MB would take this lesson run past its memory limit of \(limitBytes >> 20) MB (\(inUse >> 20) MB in use)")
    }
}
