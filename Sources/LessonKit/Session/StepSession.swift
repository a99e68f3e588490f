import Foundation
import Script

/// `lesson step`: a lesson one code cell at a time, for a class. Each cell is shown with the
/// prose before it, its code and the steps it performs ("Step 4 of 7 — build"), then the
/// session waits for a command:
///
/// | command | does |
/// | --- | --- |
/// | Enter | runs the cell (live output) and shows the next |
/// | `s` | skips it: the next cell runs without it |
/// | `b` | goes back one cell |
/// | `r` | runs again the cell that ran last, from the state before it |
/// | `o [N]` | shows the documented output (of the cell just run, else the current one) |
/// | `d [N]` | shows how the fresh output differs from the documented one |
/// | `g N` | goes to cell N: the state becomes that after cell N-1 |
/// | `q` | quits (so does the end of the input) |
///
/// A cell always runs on "the state after the cells before it": going back or re-running
/// restores the latest checkpoint before the cell (see `SessionCheckpoints`) and runs the
/// cells between, so a class sees what the lesson shows. Skipping is the exception: the
/// cells after a skipped one run without it.
public final class StepSession {
    public struct Options {
        public var seed: Int?
        public var overrides: [String] = []
        /// The cell to start at: a number or a step (`fit`).
        public var from: String?
        public var checkpoints = true
        public var cacheFolder: URL?
        public var style = TerminalStyle(colors: false)
        /// Redraw progress bars in place (a terminal).
        public var liveProgress = false
        public init() {}
    }

    let lesson: Lesson
    let options: Options
    let input: StepInput
    let out: (String) -> Void
    let err: (String) -> Void
    let style: TerminalStyle
    let steps: TeachingSteps
    let prose: TerminalProse
    let seed: Int
    let checkpoints: SessionCheckpoints?
    let makeExecutor: () throws -> LessonExecutor
    let cells: [CodeCell]
    var executor: LessonExecutor
    /// Ctrl-C and SIGTERM while a cell runs stop that cell, not the session.
    let interruption: Interruption

    /// The code cell shown (1...count; count + 1 is the end of the lesson).
    var cursor = 1
    /// The state holds exactly what cells 1...ranThrough did (0: nothing); nil when it does not
    /// (a skipped or failing cell, or one run out of order).
    var ranThrough: Int? = 0
    /// Cells run in this state, in order.
    var history: [Int] = []
    /// After going back: the state the current cell needs, made when it runs.
    var pending: Int?
    /// The latest fresh result of each cell.
    var results: [Int: CellResult] = [:]
    var lastRun: Int?
    var notedCheckpoint = false

    public init(lesson: Lesson, options: Options, input: StepInput,
                out: @escaping (String) -> Void, err: @escaping (String) -> Void) throws {
        guard !lesson.codeCells.isEmpty else { throw LessonError(path: lesson.path, message: "has no code cells to step through") }
        self.lesson = lesson
        self.options = options
        self.input = input
        self.out = out
        self.err = err
        style = options.style
        steps = TeachingSteps(lesson: lesson)
        prose = TerminalProse(style: options.style)
        cells = lesson.codeCells
        let seed = options.seed ?? lesson.frontMatter.seed ?? 42
        self.seed = seed
        // One cancellation for every executor the session makes: Ctrl-C stops the cell running.
        let interruption = Interruption(cancelling: CancellationFlag())
        self.interruption = interruption
        var limits = try RunLimits.lessonRun()
        limits.maxSeconds = nil // a class takes its time; each cell still has its step limit
        makeExecutor = { try LessonExecutor(lesson: lesson, seed: seed, overrides: options.overrides,
                                            limits: limits, cancellation: interruption.cancellation) }
        executor = try makeExecutor()
        for note in executor.overrideNotes { err("lesson: \(note)\n") }
        checkpoints = options.checkpoints
            ? try SessionCheckpoints(store: CheckpointStore(folder: options.cacheFolder ?? CheckpointStore.defaultFolder()),
                                     lesson: lesson, seed: seed, overrides: options.overrides, report: err)
            : nil
        if let from = options.from { cursor = try TeachingSteps.cell(from: from, in: lesson) }
    }

    /// Runs the session until `q` or the end of the input; returns the exit status.
    public func run() -> Int32 {
        interruption.install()
        defer { interruption.uninstall() }
        out(style.dim("lesson step: " + TerminalText.visible(lesson.title ?? lesson.path) + " — \(cells.count) code cells, \(steps.total) steps. \(Self.keys)") + "\n\n")
        if cursor > 1 { _ = reach(cursor - 1) }
        show()
        while let line = input.read(prompt: statusLine() + "\n> ") {
            let words = line.trimmingCharacters(in: .whitespaces).split(separator: " ").map(String.init)
            let command = words.first?.lowercased() ?? ""
            let argument = words.count > 1 ? Int(words[1]) : nil
            switch command {
            case "":
                guard cursor <= cells.count else { return finish() }
                runCell(cursor)
                cursor += 1
                show()
            case "s", "skip":
                guard cursor <= cells.count else { note("the lesson has no more cells"); continue }
                note("skipped cell \(cursor)")
                cursor += 1
                show()
            case "b", "back":
                guard cursor > 1 else { note("this is the first cell"); continue }
                cursor -= 1
                if ranThrough != cursor - 1 { pending = cursor - 1 }
                show()
            case "r", "rerun", "re-run":
                guard let last = lastRun else { note("no cell has run yet; Enter runs this one"); continue }
                cursor = last
                if ranThrough != last - 1 { pending = last - 1 }
                out(style.dim("── running cell \(last) again") + "\n")
                runCell(last)
                cursor = last + 1
                show()
            case "o", "output":
                showDocumented(target(argument, words))
            case "d", "diff":
                showDifference(target(argument, words))
            case "g", "go", "goto":
                guard let n = argument, n >= 1, n <= cells.count else {
                    note("g needs a cell number from 1 to \(cells.count), e.g. g 3"); continue
                }
                cursor = n
                pending = nil
                _ = reach(n - 1)
                show()
            case "q", "quit", "exit":
                return finish()
            case "h", "help", "?":
                out(Self.help)
            default:
                if let n = Int(command), n >= 1, n <= cells.count {
                    cursor = n
                    pending = nil
                    _ = reach(n - 1)
                    show()
                } else {
                    note("unknown command '\(line)'; \(Self.keys)")
                }
            }
        }
        return finish()
    }

    static let keys = "Enter run · s skip · b back · r re-run · o output · d diff · g N go to · q quit · h help"

    static let help = """
    Enter      run this cell, then show the next
    s          skip this cell (the next cells run without it)
    b          back one cell (it will run on the state before it)
    r          run the last cell again, from the state before it
    o [N]      the documented output of the cell just run (or of cell N)
    d [N]      how the fresh output differs from the documented one
    g N        go to cell N (the state becomes that after cell N-1)
    q          quit

    """

    // MARK: Showing

    /// The current cell: the prose before it, its steps and its code.
    func show() {
        guard cursor <= cells.count else {
            let ran = Set(results.keys).count
            out("\n" + style.bold("── End of the lesson") + style.dim(" · \(ran) of \(cells.count) cells ran · Enter or q quits, b goes back") + "\n")
            return
        }
        let cell = cells[cursor - 1]
        let previousEnd = cursor > 1 ? cells[cursor - 2].lines.last : 0
        for case .prose(let text) in lesson.cells where text.lines.first > previousEnd && text.lines.last < cell.lines.first {
            out("\n" + prose.render(text.text))
        }
        var label = "Cell \(cursor) of \(cells.count)"
        if let stepLabel = steps.label(cell: cursor) { label += " · " + stepLabel }
        out("\n" + style.dim("── ") + style.bold(label) + " " + style.dim(String(repeating: "─", count: max(3, 64 - label.count))) + "\n")
        var code = cell.code
        if code.hasSuffix("\n") { code.removeLast() }
        out(PythonHighlighter.terminal(code, style: style) + "\n\n")
    }

    /// Where the class is: the cell, and what the state holds.
    func statusLine() -> String {
        let place = cursor <= cells.count ? "cell \(cursor) of \(cells.count)" : "end of the lesson"
        var state: String
        switch ranThrough {
        case 0?: state = "nothing run yet"
        case let k?: state = "state after cell \(k)"
        case nil: state = "state: cells " + Self.ranges(history) + " ran"
        }
        if let pending, cursor <= cells.count {
            state += pending == 0 ? " (this cell starts afresh)" : " (this cell starts from the state after cell \(pending))"
        }
        return style.dim("[\(place) · \(state)]")
    }

    /// `[1, 2, 3, 5]` → "1-3, 5".
    static func ranges(_ cells: [Int]) -> String {
        var parts: [String] = []
        var start: Int?, previous: Int?
        func close() {
            guard let s = start, let p = previous else { return }
            parts.append(s == p ? "\(s)" : "\(s)-\(p)")
        }
        for n in cells {
            if let p = previous, n == p + 1 { previous = n; continue }
            close()
            start = n; previous = n
        }
        close()
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }

    func note(_ text: String) { out(style.dim("· " + text) + "\n") }

    func finish() -> Int32 {
        let ran = results.keys.sorted()
        out(style.dim("lesson step: stopped at \(cursor <= cells.count ? "cell \(cursor) of \(cells.count)" : "the end of the lesson"); cells run: \(Self.ranges(ran))") + "\n")
        return 0
    }

    /// The cell `o` and `d` are about: N if given, else the cell just run, else the current one.
    func target(_ argument: Int?, _ words: [String]) -> Int? {
        if words.count > 1 {
            guard let n = argument, n >= 1, n <= cells.count else { note("no cell \(words[1]); cells are 1 to \(cells.count)"); return nil }
            return n
        }
        if let last = lastRun, last == cursor - 1 || cursor > cells.count { return last }
        return min(cursor, cells.count)
    }

    func showDocumented(_ n: Int?) {
        guard let n else { return }
        let cell = cells[n - 1]
        guard !cell.outputs.isEmpty else { note("cell \(n) documents no output"); return }
        for output in cell.outputs {
            out(style.dim("── documented \(output.stream == .stderr ? "stderr" : "output") of cell \(n)") + "\n")
            out(output.stream == .stderr ? style.yellow(TerminalText.visible(output.text)) : TerminalText.visible(output.text))
        }
    }

    func showDifference(_ n: Int?) {
        guard let n else { return }
        let cell = cells[n - 1]
        guard let result = results[n] else { note("cell \(n) has not run yet, so there is no fresh output to compare"); return }
        if let error = result.error { note("cell \(n) stopped with \(error.kind): \(error.message)") }
        var compared = false
        for stream in [StandardStream.stdout, .stderr] {
            let fresh = result.outputs.filter { $0.stream == stream }.map(\.text).joined()
            guard let documented = cell.output(stream) else {
                if stream == .stdout && !OutputNormalizer.normalize(fresh).isEmpty {
                    note("cell \(n) documents no output; it printed \(fresh.split(separator: "\n").count) line(s)")
                }
                continue
            }
            compared = true
            if documented.options.ignore { note("cell \(n): its \(stream.rawValue) is not compared (output ignore)"); continue }
            let overrides = ToleranceOverrides(
                block: (documented.options.absoluteTolerance, documented.options.relativeTolerance),
                lesson: (lesson.frontMatter.absoluteTolerance, lesson.frontMatter.relativeTolerance))
            let comparison = OutputComparer.compare(documented: documented.text, fresh: fresh, overrides: overrides)
            if comparison.matches {
                note("cell \(n): the fresh \(stream.rawValue) matches the documented one")
            } else {
                let difference = StreamDifference(stream: stream, comparison: comparison, fileLine: documented.lines.first)
                out(TerminalText.visible(CheckReport.describe(difference, place: "cell \(n)", path: lesson.path)))
            }
        }
        if !compared && OutputNormalizer.normalize(result.stdout).isEmpty { note("cell \(n) documents no output and printed none") }
    }

    // MARK: Running

    /// Runs cell `n` on the state it needs, with live output; saves a checkpoint after it
    /// when the state is that of cells 1...n.
    func runCell(_ n: Int) {
        if let target = pending {
            pending = nil
            guard reach(target) else { return }
        }
        let result = runOne(n, echo: TerminalReplay(style: style, quiet: false, liveProgress: options.liveProgress, out: out, err: err))
        if result.error == nil, !interruption.isRequested, ranThrough == n - 1 {
            ranThrough = n
            save(after: n)
        } else {
            ranThrough = nil
        }
        if interruption.isRequested {
            interruption.reset()
            note("cell \(n) was interrupted")
        }
    }

    /// Runs one cell in the current executor through `Session`, recording its result.
    @discardableResult
    func runOne(_ n: Int, echo: TerminalReplay) -> CellResult {
        var options = Session.Options()
        options.cells = CellSelection(ranges: [n...n])
        interruption.reset()
        input.cellWillRun()
        let outcome = Session(lesson: lesson, executor: executor, options: options).run(observer: StepObserver(replay: echo), echo: echo)
        input.cellDidRun()
        var result = outcome.results.first ?? CellResult(cellNumber: n)
        if outcome.results.isEmpty { result.error = CellError(kind: "KeyboardInterrupt", message: "the cell did not run") }
        results[n] = result
        lastRun = n
        history.append(n)
        return result
    }

    func save(after n: Int) {
        guard let checkpoints else { return }
        if case .skipped(let reason) = checkpoints.save(after: n, executor: executor), !notedCheckpoint {
            notedCheckpoint = true
            note("no checkpoint after cell \(n): \(reason)")
        }
    }

    /// Makes the state that of cells 1...k: nothing to do, the cells after the current state,
    /// or the latest checkpoint at or before k and the cells after it. False when a cell on
    /// the way fails (the state is then what ran).
    func reach(_ k: Int) -> Bool {
        if ranThrough == k { return true }
        var from = 0
        if let current = ranThrough, current < k { from = current }
        do {
            if let checkpoints {
                let (restored, cell) = try checkpoints.restoreLatest(before: k + 1, make: makeExecutor)
                if cell > from || ranThrough == nil || (ranThrough ?? 0) > k {
                    executor = restored
                    from = cell
                    history = cell == 0 ? [] : Array(1...cell)
                    ranThrough = cell
                    note(cell == 0 ? "starting afresh" : "restored the state after cell \(cell) from the checkpoint cache")
                }
            } else if ranThrough == nil || (ranThrough ?? 0) > k {
                executor = try makeExecutor()
                from = 0
                history = []
                ranThrough = 0
                note("starting afresh")
            }
        } catch {
            note("cannot start the lesson again: \(error)")
            return false
        }
        guard from < k else { return true }
        note("running " + (from + 1 == k ? "cell \(k)" : "cells \(from + 1)-\(k)") + " to reach cell \(k + 1)")
        for n in (from + 1)...k {
            out(style.dim("── cell \(n)") + "\n")
            let result = runOne(n, echo: TerminalReplay(style: style, quiet: true, liveProgress: options.liveProgress, out: out, err: err))
            if result.error != nil || interruption.isRequested {
                interruption.reset()
                ranThrough = nil
                note("cell \(n) did not finish, so cell \(k + 1) will run on the state as it is")
                return false
            }
            ranThrough = n
            save(after: n)
        }
        return true
    }
}

/// Passes a cell's end to the replay (errors, spacing); `lesson step` draws everything else.
final class StepObserver: SessionObserver {
    let replay: TerminalReplay
    init(replay: TerminalReplay) { self.replay = replay }
    func willShowProse(_ prose: ProseCell) {}
    func willRun(_ cell: CodeCell, output: CellOutput) {}
    func didRun(_ cell: CodeCell, result: CellResult) { replay.didRun(cell, result: result) }
    func skipped(_ cell: CodeCell, reason: String) {}
}
