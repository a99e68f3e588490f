import Foundation

/// One lesson's run that can move: run a cell on the state the cells before it left, or
/// reach the state after cell N by restoring the latest checkpoint before it and running
/// the cells between. The author preview and the classroom both sit on it. Not thread-safe:
/// one thread drives it (the server's run queue).
public final class IncrementalRun {
    public let lesson: Lesson
    let seed: Int
    let checkpoints: SessionCheckpoints?
    let makeExecutor: () throws -> LessonExecutor
    var executor: LessonExecutor
    /// The state holds exactly what cells 1...ranThrough did; nil when it does not.
    public private(set) var ranThrough: Int? = 0
    /// The latest result of each cell.
    public var results: [Int: CellResult] = [:]

    /// `cacheFolder` nil: no checkpoints (every move runs from the start).
    public init(lesson: Lesson, cacheFolder: URL?, report: @escaping (String) -> Void = { _ in }) throws {
        self.lesson = lesson
        let seed = lesson.frontMatter.seed ?? 42
        self.seed = seed
        makeExecutor = { try LessonExecutor(lesson: lesson, seed: seed, overrides: []) }
        executor = try makeExecutor()
        checkpoints = try cacheFolder.map {
            try SessionCheckpoints(store: CheckpointStore(folder: $0), lesson: lesson, seed: seed, overrides: [], report: report)
        }
    }

    public var cellCount: Int { lesson.codeCells.count }

    /// Asks a cell that is running (on another thread) to stop between statements.
    public func cancel() { lock.lock(); let flag = executor.interpreter.cancellation; lock.unlock(); flag.cancel() }
    let lock = NSLock()

    /// Makes the state that after cells 1...n, running (and recording) what it must.
    /// Returns false when a cell on the way failed.
    @discardableResult
    public func reach(_ n: Int, observer: SessionObserver? = nil, echo: OutputEcho? = nil) -> Bool {
        let n = max(0, min(n, cellCount))
        if ranThrough == n { return true }
        // Go on from the state when it is on the way, unless a checkpoint is further along.
        var start: Int? = nil
        if let done = ranThrough, done < n { start = done }
        if let checkpoints, (start ?? -1) < n,
           let restored = try? checkpoints.restoreLatest(before: n + 1, make: makeExecutor), restored.cell > (start ?? -1) {
            lock.lock(); executor = restored.executor; lock.unlock()
            start = restored.cell
        }
        if start == nil {
            guard let fresh = try? makeExecutor() else { return false }
            lock.lock(); executor = fresh; lock.unlock()
            start = 0
        }
        let from = start ?? 0
        ranThrough = from
        return from == n || run(cells: (from + 1)...n, observer: observer, echo: echo)
    }

    /// Runs cells in order on the current state (which should be that after `cells.lowerBound - 1`).
    @discardableResult
    public func run(cells: ClosedRange<Int>, observer: SessionObserver? = nil, echo: OutputEcho? = nil) -> Bool {
        guard !cells.isEmpty, cells.lowerBound >= 1 else { return true }
        var options = Session.Options()
        options.cells = CellSelection(ranges: [cells])
        options.expectedFailures = Set(lesson.codeCells.filter { NBValMarkers($0).raisesException }.map(\.number))
        let recorder = RecordingObserver(inner: observer) { [weak self] result in self?.results[result.cellNumber] = result }
        let watcher: SessionObserver = checkpoints.map {
            CheckpointingObserver(inner: recorder, checkpoints: $0, executor: executor, ranThrough: ranThrough ?? -1)
        } ?? recorder
        let outcome = Session(lesson: lesson, executor: executor, options: options).run(observer: watcher, echo: echo)
        let ranInOrder = ranThrough == cells.lowerBound - 1
        let failed = outcome.results.contains { $0.error != nil && !options.expectedFailures.contains($0.cellNumber) }
        let last = outcome.results.last?.cellNumber
        ranThrough = ranInOrder && !failed && !outcome.interrupted && last == cells.upperBound ? cells.upperBound : nil
        return !failed && !outcome.interrupted
    }

    /// Runs cell n on the state after the cells before it (reaching that state first).
    @discardableResult
    public func runCell(_ n: Int, observer: SessionObserver? = nil, echo: OutputEcho? = nil) -> Bool {
        guard n >= 1, n <= cellCount else { return false }
        guard reach(n - 1, observer: observer, echo: echo) else { return false }
        return run(cells: n...n, observer: observer, echo: echo)
    }
}

/// Hands each result to `record` before passing everything on.
final class RecordingObserver: SessionObserver {
    let inner: SessionObserver?
    let record: (CellResult) -> Void
    init(inner: SessionObserver?, record: @escaping (CellResult) -> Void) { self.inner = inner; self.record = record }
    func willShowProse(_ prose: ProseCell) { inner?.willShowProse(prose) }
    func willRun(_ cell: CodeCell, output: CellOutput) { inner?.willRun(cell, output: output) }
    func didRun(_ cell: CodeCell, result: CellResult) { record(result); inner?.didRun(cell, result: result) }
    func skipped(_ cell: CodeCell, reason: String) { inner?.skipped(cell, reason: reason) }
}
