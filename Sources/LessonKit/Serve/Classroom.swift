import Foundation

/// A lesson taught to a class from the browser: the teacher runs the next step, goes back,
/// runs a cell again or jumps to one; every follower's page shows the same run. Each cell
/// runs on the state the cells before it leave (`IncrementalRun`), as in `lesson step`.
/// Driven by one thread (the server's run queue).
public final class Classroom: @unchecked Sendable {
    public enum Action: Equatable, Sendable {
        case next, back
        case rerun(Int)
        case goto(Int)

        /// An action from its name and cell (the control request's `action` and `cell`).
        public init?(name: String, cell: Int?) {
            switch (name, cell) {
            case ("next", _): self = .next
            case ("back", _): self = .back
            case ("rerun", let n?): self = .rerun(n)
            case ("goto", let n?): self = .goto(n)
            default: return nil
            }
        }
    }

    let run: IncrementalRun
    let options: HTMLOptions
    let token: String
    /// Pages by role: `follower` for everyone, `teacher` for the page with the token.
    let publish: (_ event: LiveEvent, _ teacherPage: String?) -> Void
    let cursorChanged: (Int) -> Void
    /// The cell the next "run next step" runs (cellCount + 1: the end).
    public private(set) var cursor = 1
    var version = 0

    public init(path: String, cacheFolder: URL?, options: HTMLOptions, token: String,
                publish: @escaping (LiveEvent, String?) -> Void, cursorChanged: @escaping (Int) -> Void) throws {
        let lesson = try LessonLoader.load(path)
        guard !lesson.codeCells.isEmpty else { throw LessonError(path: path, message: "has no code cells to teach") }
        run = try IncrementalRun(lesson: lesson, cacheFolder: cacheFolder)
        self.options = options
        self.token = token
        self.publish = publish
        self.cursorChanged = cursorChanged
    }

    public var cellCount: Int { run.cellCount }

    /// Validates an action against the lesson (a cell number out of range is refused).
    public func problem(with action: Action) -> String? {
        switch action {
        case .rerun(let n), .goto(let n):
            return n >= 1 && n <= cellCount ? nil : "cell \(n) is not in the lesson (1-\(cellCount))"
        case .next: return cursor <= cellCount ? nil : "the lesson has no more cells"
        case .back: return cursor > 1 ? nil : "this is the first cell"
        }
    }

    public func perform(_ action: Action) {
        guard problem(with: action) == nil else { return }
        let live = LiveCellOutput(changed: { [weak self] number, partial in
            self?.publish(.cell(number: number, html: LivePage.cellOutput(partial)), nil)
        }, finished: { [weak self] _, _ in self?.sendPage() })
        switch action {
        case .next:
            let cell = cursor
            setCursor(cursor + 1)
            run.runCell(cell, observer: live, echo: live)
        case .back:
            setCursor(cursor - 1)
        case .rerun(let n):
            setCursor(n + 1)
            run.runCell(n, observer: live, echo: live)
        case .goto(let n):
            setCursor(n)
            run.reach(n - 1, observer: live, echo: live)
        }
        sendPage()
    }

    func setCursor(_ n: Int) {
        cursor = max(1, min(n, cellCount + 1))
        cursorChanged(cursor)
    }

    public func sendPage() {
        version += 1
        publish(.page(version: version, html: page(teacher: false)), page(teacher: true))
    }

    public func page(teacher: Bool) -> String {
        var shown = options
        shown.liveVersion = version
        // Cells the class has not reached are waiting, not "not run" as in a stopped run.
        shown.pendingCells = Set(run.lesson.codeCells.map(\.number).filter { run.results[$0] == nil })
        shown.live = teacher ? .teacher(token: token) : .follower
        return (try? HTMLPage.render(lesson: run.lesson, results: run.results, options: shown))
            ?? LivePage.loadError(LessonError(path: run.lesson.path, message: "the page could not be drawn"), options: shown)
    }
}
