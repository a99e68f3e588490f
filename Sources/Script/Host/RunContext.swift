import Foundation

/// A flag another thread sets to stop a running cell (Ctrl-C, SIGTERM, the run's time
/// limit). Checked at every statement and loop iteration; hosts check it in long
/// operations too. The time limit is a timer that cancels the flag, so a check costs
/// no more than a lock.
public final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    private var why: String?
    private var deadline: DispatchTime?
    private var timer: DispatchSourceTimer?
    public init() {}
    deinit { timer?.cancel() }

    public var isCancelled: Bool { lock.lock(); defer { lock.unlock() }; return flag }
    /// Why the run was cancelled: "time" for the time limit, else what `cancel` was told.
    public var reason: String? { lock.lock(); defer { lock.unlock() }; return flag ? why : nil }
    public func cancel(reason: String? = nil) { lock.lock(); if !flag { why = reason }; flag = true; lock.unlock() }
    /// Clears the flag (not the deadline): `lesson step` goes on after a Ctrl-C.
    public func reset() { lock.lock(); flag = false; why = nil; lock.unlock() }
    /// Cancels the flag `seconds` from now, or at an earlier deadline already set (a run
    /// that makes its interpreter again keeps its first deadline).
    public func cancel(after seconds: Double) {
        lock.lock(); defer { lock.unlock() }
        guard seconds.isFinite, seconds >= 0, seconds < 1e9 else { return }
        let next = DispatchTime.now() + .nanoseconds(Int(seconds * 1e9))
        if let deadline, deadline <= next { return }
        deadline = next
        timer?.cancel()
        let source = DispatchSource.makeTimerSource(queue: .global())
        source.schedule(deadline: next)
        source.setEventHandler { [weak self] in self?.cancel(reason: "time") }
        source.resume()
        timer = source
    }
}

/// Every bound a lesson run has, in one place (the table in SECURITY.md and README.md).
public struct RunLimits: Sendable, Equatable {
    /// Statements, loop iterations and comprehension iterations allowed per cell.
    public var maxSteps: Int
    /// Largest list/tuple/str a lesson may build (`list(range(10**12))` is refused).
    public var maxCollectionLength: Int
    /// Deepest nesting of Python calls (CPython's default recursion limit).
    public var maxRecursionDepth: Int
    /// Largest single value (a string, a list, an array, activations, weights), in bytes.
    public var maxAllocationBytes: Int
    /// The memory the process may hold (resident) once a new value is made.
    public var maxResidentBytes: Int
    /// Training steps (batches) all `fit` calls of a run may take (the seed lesson: 8,440).
    public var maxTrainingSteps: Int
    /// Files lesson code may write in one run (`save_weights`, logs).
    public var maxFilesWritten: Int
    /// Wall-clock seconds a run may take; nil: no limit.
    public var maxSeconds: Double?

    public init(maxSteps: Int = 10_000_000, maxCollectionLength: Int = 10_000_000, maxAllocationBytes: Int = 4 << 30,
                maxRecursionDepth: Int = 1000, maxResidentBytes: Int = RunLimits.defaultResidentBytes,
                maxTrainingSteps: Int = 2_000_000, maxFilesWritten: Int = 100, maxSeconds: Double? = nil) {
        self.maxSteps = maxSteps
        self.maxCollectionLength = maxCollectionLength
        self.maxAllocationBytes = maxAllocationBytes
        self.maxRecursionDepth = maxRecursionDepth
        self.maxResidentBytes = maxResidentBytes
        self.maxTrainingSteps = maxTrainingSteps
        self.maxFilesWritten = maxFilesWritten
        self.maxSeconds = maxSeconds
    }

    /// 3/4 of the machine's memory, and no more than 16 GiB.
    public static let defaultResidentBytes: Int = min(Int(clamping: ProcessInfo.processInfo.physicalMemory) / 4 * 3, 16 << 30)
}

/// The limits under their older name (the interpreter's API).
public typealias ExecutionLimits = RunLimits

/// The resident memory of this process (Linux: /proc/self/statm), or 0 when unknown.
public enum ResidentMemory {
    public static func bytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages.multipliedReportingOverflow(by: Int(sysconf(Int32(_SC_PAGESIZE)))).partialValue
    }
}

/// A write lesson code asks for: which call, which file names it implies, and whether
/// the real library lets it replace a file that is already there.
public struct FileRequest: Sendable {
    /// `save_weights`, `CSVLogger`: named in errors.
    public var call: String
    /// Endings the file name must have (`.weights.h5`).
    public var extensions: [String]
    /// The call replaces an existing file, as Keras's `overwrite=True` does.
    public var overwrites: Bool

    public init(call: String, extensions: [String], overwrites: Bool) {
        self.call = call
        self.extensions = extensions
        self.overwrites = overwrites
    }
}

/// Where lesson code may read and write files. Every host library goes through the run's
/// policy; writes go to a temporary file that `write` renames over the target.
public protocol FilePolicy: AnyObject {
    /// The file to read for a path lesson code gave, or a PermissionError/FileNotFoundError.
    func readable(_ path: String, call: String) throws -> URL
    /// Checks a write before any work is done and returns the target.
    func writable(_ path: String, _ request: FileRequest) throws -> URL
    /// Writes the target checked by `writable`: `produce` fills the temporary file it is
    /// given, which then replaces the target in one rename.
    func write(_ target: URL, _ request: FileRequest, _ produce: (URL) throws -> Void) throws
}

/// The policy of a run without a lesson folder: no files at all.
public final class NoFiles: FilePolicy {
    public init() {}
    public func readable(_ path: String, call: String) throws -> URL {
        throw ScriptError(RunContext.permissionError, "\(call): this run may not read files")
    }
    public func writable(_ path: String, _ request: FileRequest) throws -> URL {
        throw ScriptError(RunContext.permissionError, "\(request.call): this run may not write files")
    }
    public func write(_ target: URL, _ request: FileRequest, _ produce: (URL) throws -> Void) throws {
        throw ScriptError(RunContext.permissionError, "\(request.call): this run may not write files")
    }
}

/// What one lesson run carries to the interpreter and every host library: its limits,
/// its cancellation, its file policy and the step recorder. No run state lives anywhere
/// else, so runs in one process (`lesson check --jobs`) never see each other's.
public final class RunContext: @unchecked Sendable {
    public var limits: RunLimits
    public let cancellation: CancellationFlag
    public let files: FilePolicy
    /// Hears which teaching step a host call performed (`reshape`, `fit`), by name.
    public var recordStep: ((String) -> Void)?

    private let lock = NSLock()
    private var trainingSteps = 0
    private var filesWritten = 0
    private var hostStates: [String: AnyObject] = [:]

    /// State a host library keeps for this run only (NumPy's print options), under the
    /// library's key; made on first use.
    public func hostState<State: AnyObject>(_ key: String, make: () -> State) -> State {
        lock.lock(); defer { lock.unlock() }
        if let state = hostStates[key] as? State { return state }
        let state = make()
        hostStates[key] = state
        return state
    }

    public init(limits: RunLimits = RunLimits(), cancellation: CancellationFlag = CancellationFlag(), files: FilePolicy = NoFiles()) {
        self.limits = limits
        self.cancellation = cancellation
        self.files = files
        if let seconds = limits.maxSeconds { cancellation.cancel(after: seconds) }
    }

    public var isCancelled: Bool { cancellation.isCancelled }

    /// KeyboardInterrupt when the run was cancelled (hosts check between training steps),
    /// TimeoutError when it passed its time limit.
    public func throwIfCancelled() throws {
        guard cancellation.isCancelled else { return }
        if cancellation.reason == "time" { throw timeLimitError() }
        throw ScriptError(.keyboardInterrupt, "the cell was interrupted")
    }

    public func timeLimitError() -> ScriptError {
        ScriptError(RunContext.timeoutError, "the lesson run passed its time limit of \(Self.seconds(limits.maxSeconds ?? 0)) s")
    }

    // MARK: Bytes

    /// `elements * bytesPerElement`, nil when it overflows or either is negative.
    public static func bytes(elements: Int, bytesPerElement: Int) -> Int? {
        guard elements >= 0, bytesPerElement >= 0 else { return nil }
        let (bytes, overflow) = elements.multipliedReportingOverflow(by: bytesPerElement)
        return overflow ? nil : bytes
    }

    /// The product of sizes (a shape's element count), nil when it overflows or a size is negative.
    public static func product(_ sizes: [Int]) -> Int? {
        var total = 1
        for size in sizes {
            guard size >= 0 else { return nil }
            let (next, overflow) = total.multipliedReportingOverflow(by: size)
            if overflow { return nil }
            total = next
        }
        return total
    }

    /// `a + b`, nil when it overflows.
    public static func sum(_ a: Int, _ b: Int) -> Int? {
        let (total, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : total
    }

    /// Refuses (MemoryError), before anything is allocated, a value of `elements` items of
    /// `bytesPerElement` bytes: larger than one value may be, or more than the memory the
    /// run has left. Returns the bytes.
    @discardableResult
    public func charge(elements: Int, bytesPerElement: Int, what: String = "array") throws -> Int {
        guard let bytes = Self.bytes(elements: elements, bytesPerElement: max(1, bytesPerElement)), bytes <= limits.maxAllocationBytes else {
            let shown = Self.bytes(elements: elements, bytesPerElement: max(1, bytesPerElement)).map { "\($0)" } ?? "more than \(Int.max)"
            throw ScriptError.memoryError("\(what) of \(elements) elements would need \(shown) bytes; lessons are limited to \(limits.maxAllocationBytes) bytes")
        }
        try chargeResident(bytes, what: what)
        return bytes
    }

    /// Refuses `bytes` more when the process would then hold more than `maxResidentBytes`.
    /// Small values are not worth reading /proc for.
    public func chargeResident(_ bytes: Int, what: String = "an array") throws {
        guard bytes >= Self.smallBytes else { return }
        let inUse = ResidentMemory.bytes()
        guard let total = Self.sum(inUse, bytes), total <= limits.maxResidentBytes else {
            throw ScriptError.memoryError("\(what) of \(bytes >> 20) MB would take this lesson run past its memory limit of \(limits.maxResidentBytes >> 20) MB (\(inUse >> 20) MB in use)")
        }
    }

    /// Values below this size skip the resident-memory check.
    public static let smallBytes = 16 << 20

    // MARK: Training steps, files

    /// Charges `steps` training steps to the run before they are taken.
    public func chargeTraining(steps: Int) throws {
        lock.lock(); defer { lock.unlock() }
        guard let total = Self.sum(trainingSteps, max(0, steps)), total <= limits.maxTrainingSteps else {
            throw ScriptError(.stepLimitExceeded, "this fit would take \(steps) training steps; a lesson run is limited to \(limits.maxTrainingSteps) (\(trainingSteps) used so far)")
        }
        trainingSteps = total
    }

    /// Training steps charged so far (a checkpoint keeps them).
    public var trainingStepsUsed: Int {
        get { lock.lock(); defer { lock.unlock() }; return trainingSteps }
        set { lock.lock(); trainingSteps = max(0, newValue); lock.unlock() }
    }

    /// Charges one written file to the run before it is written.
    public func chargeFile(_ call: String) throws {
        lock.lock(); defer { lock.unlock() }
        guard filesWritten < limits.maxFilesWritten else {
            throw ScriptError(RunContext.permissionError, "\(call): a lesson run may write at most \(limits.maxFilesWritten) files")
        }
        filesWritten += 1
    }

    /// Python's exception names for what a run refuses (the Script kinds lack them).
    public static let permissionError = ScriptError.Kind(rawValue: "PermissionError")
    public static let timeoutError = ScriptError.Kind(rawValue: "TimeoutError")

    static func seconds(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
