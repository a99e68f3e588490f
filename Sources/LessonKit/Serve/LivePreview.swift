import Foundation

/// The author's preview of one lesson file: on each `refresh` it reads the file again, keeps
/// the outputs of the cells before the first one whose code (or whose input file) changed,
/// reaches the state before that cell (from the checkpoint cache when it can) and runs the
/// rest, telling `publish` about the page and about the running cell as it goes.
/// Driven by one thread (the server's run queue); `cancelRunning` may come from any.
public final class LivePreview: @unchecked Sendable {
    public let path: String
    let cacheFolder: URL?
    var options: HTMLOptions
    let publish: (LiveEvent) -> Void
    /// false (`--no-run`): show the outputs the lesson documents, run nothing.
    let runs: Bool
    var run: IncrementalRun?
    /// The file's text when it last loaded, and the load error, if it did not.
    var loadError: LessonError?
    /// Cells queued to run in this refresh, not run yet.
    var pending: Set<Int> = []
    /// The previous run's results of the pending cells, shown dimmed until they run again.
    var stale: [Int: CellResult] = [:]
    var version = 0
    private let lock = NSLock()
    private var running: IncrementalRun?

    /// One line for the server's log (stderr) per run.
    var report: (String) -> Void = { _ in }

    public init(path: String, cacheFolder: URL?, options: HTMLOptions, runs: Bool = true,
                report: @escaping (String) -> Void = { _ in }, publish: @escaping (LiveEvent) -> Void) {
        self.path = path
        self.report = report
        self.runs = runs
        self.cacheFolder = cacheFolder
        self.options = options
        self.publish = publish
    }

    /// Stops the cell that is running now (a newer save will run it again).
    public func cancelRunning() {
        lock.lock(); let current = running; lock.unlock()
        current?.cancel()
    }

    /// Reads the lesson again and runs what changed. `changedInputs`: other files of the
    /// lesson's folder that changed (the cells naming them run again).
    public func refresh(changedInputs: [String] = []) {
        let lesson: Lesson
        do {
            lesson = try LessonLoader.load(path)
            loadError = nil
        } catch let error as LessonError {
            loadError = error
            sendPage()
            return
        } catch {
            loadError = LessonError(path: path, message: "\(error)")
            sendPage()
            return
        }
        let old = run
        guard runs else {
            run = try? IncrementalRun(lesson: lesson, cacheFolder: nil)
            sendPage()
            return
        }
        var first: Int? = old.map { LessonChanges.firstChangedCell(old: $0.lesson, new: lesson) } ?? 1
        if let reading = LessonChanges.firstCellReading(changedInputs, in: lesson) { first = min(first ?? reading, reading) }
        // A cell that failed or did not run before runs again too.
        if let old, let failed = lesson.codeCells.map(\.number).first(where: { old.results[$0] == nil || old.results[$0]?.error != nil }) {
            first = min(first ?? failed, failed)
        }
        guard let start = first, start <= lesson.codeCells.count else {
            if run?.lesson.source.text != lesson.source.text { run = try? keep(old, in: lesson, before: Int.max) }
            sendPage()
            return
        }
        guard let next = try? keep(old, in: lesson, before: start) else { return }
        report("lesson serve: \(path): running cells \(start)-\(lesson.codeCells.count)\n")
        run = next
        lock.lock(); running = next; lock.unlock()
        defer { lock.lock(); running = nil; lock.unlock() }
        pending = Set(start...lesson.codeCells.count)
        stale = old?.results.filter { $0.key >= start } ?? [:]
        sendPage()
        let live = LiveCellOutput(changed: { [weak self] number, partial in
            guard let self else { return }
            self.publish(.cell(number: number, html: LivePage.cellOutput(partial)))
        }, finished: { [weak self] number, _ in
            self?.pending.remove(number)
            self?.sendPage()
        })
        if next.reach(start - 1, observer: live, echo: live) {
            next.run(cells: start...lesson.codeCells.count, observer: live, echo: live)
        }
        pending = []
        stale = [:]
        sendPage()
        if let failed = next.results.values.filter({ $0.error != nil }).min(by: { $0.cellNumber < $1.cellNumber }), let error = failed.error {
            report("lesson serve: \(path): cell \(failed.cellNumber) failed: \(error.location?.headline ?? error.description)\n")
        }
    }

    /// A run of `lesson` that keeps `old`'s results for the cells before `cell`.
    func keep(_ old: IncrementalRun?, in lesson: Lesson, before cell: Int) throws -> IncrementalRun {
        let next = try IncrementalRun(lesson: lesson, cacheFolder: cacheFolder)
        if let old { next.results = old.results.filter { $0.key < cell } }
        return next
    }

    /// The page as it stands.
    public func page() -> String {
        if let loadError { return LivePage.loadError(loadError, options: options) }
        guard let run else { return LivePage.loadError(LessonError(path: path, message: "loading…"), options: options) }
        var shown = options
        shown.pendingCells = pending
        shown.staleResults = stale
        shown.liveVersion = version
        return (try? HTMLPage.render(lesson: run.lesson, results: runs ? run.results : nil, options: shown))
            ?? LivePage.loadError(LessonError(path: path, message: "the page could not be drawn"), options: options)
    }

    /// This lesson's line in a site's index.
    public func entry(file: String) -> CourseSite.Entry {
        guard let run else {
            return CourseSite.Entry(file: file, title: (path as NSString).lastPathComponent, steps: [], finalMetric: nil)
        }
        let model = HTMLPage(lesson: run.lesson, results: runs ? run.results : nil, options: options)
        return CourseSite.Entry(file: file, title: model.title, steps: CourseSite.unique(model.steps), finalMetric: model.finalMetric)
    }

    /// The site's sidebar and search changed (a lesson joined the folder): the page is drawn
    /// again with them; nothing runs. Call it on the queue that runs `refresh`.
    public func useSite(_ site: SiteNavigation) {
        options.site = site
        sendPage()
    }

    func sendPage() {
        version += 1
        options.liveVersion = version
        publish(.page(version: version, html: page()))
    }
}
