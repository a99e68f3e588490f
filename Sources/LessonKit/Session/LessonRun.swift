import Foundation
import Script

/// What `lesson run` was asked to do.
public struct RunRequest {
    public var lesson: String
    public var quiet = false
    public var outputPath: String?
    public var update = false
    public var cells: String?
    public var toStep: String?
    public var seed: Int?
    public var overrides: [String] = []
    public var keepGoing = false
    /// `--from 6`, `--from fit`: start at that cell, restoring the latest checkpoint before it.
    public var from: String?
    /// Save the session state after each cell in the checkpoint cache (`--no-checkpoints`: off).
    public var checkpoints = true
    public var environment = ProcessInfo.processInfo.environment

    public init(lesson: String) { self.lesson = lesson }
}

/// `lesson run`: load, run with live output, write results. Returns the exit status:
/// 0 when every cell ran, 2 when one failed, 128+N when stopped by signal N.
public enum LessonRun {
    public static func perform(_ request: RunRequest) throws -> Int32 {
        let lesson = try LessonLoader.load(request.lesson)
        var options = Session.Options()
        if let cells = request.cells {
            options.cells = try CellSelection(parsing: cells)
            try options.cells.check(codeCells: lesson.codeCells.count)
        }
        if let name = request.toStep {
            guard let step = Step(rawValue: name) else {
                throw LessonError(path: "--to-step", message: "'\(name)' is not a step (one of: \(Step.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            options.toStep = step
        }
        options.keepGoing = request.keepGoing
        if request.update && request.outputPath != nil {
            throw LessonError(path: "--update", message: "use either --update or --out, not both")
        }
        if request.update && lesson.path.lowercased().hasSuffix(".txt") {
            throw LessonError(path: lesson.path, message: "--update rewrites Markdown lessons; for a transcript use --out PATH.md (or lesson import)")
        }

        if let path = request.outputPath {
            // Say so before training for minutes, not after (the words AtomicFile would use).
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isFolder: ObjCBool = false
            let problem: String?
            if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
                problem = "No such file or directory (the folder \(folder) does not exist)"
            } else if !isFolder.boolValue {
                problem = "Not a directory"
            } else if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                problem = "Is a directory"
            } else if !FileManager.default.isWritableFile(atPath: folder) {
                problem = "Permission denied"
            } else {
                problem = nil
            }
            if let problem { throw LessonError(path: path, message: "cannot write: \(problem)") }
        }
        let seed = request.seed ?? lesson.frontMatter.seed ?? 42
        let outputFolder = request.outputPath.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
        let limits = try RunLimits.lessonRun(environment: request.environment)
        let interruption = Interruption(cancelling: CancellationFlag())
        let makeExecutor = { () throws -> LessonExecutor in
            let executor = try LessonExecutor(lesson: lesson, seed: seed, overrides: request.overrides,
                                              limits: limits, cancellation: interruption.cancellation)
            // With `--out`, lesson code writes into `lesson-files/` beside the results.
            executor.outputFolder = outputFolder
            return executor
        }
        // Temporaries a killed run left where this one writes.
        for folder in [URL(fileURLWithPath: lesson.path).deletingLastPathComponent(), outputFolder,
                       outputFolder?.appendingPathComponent(LessonFilePolicy.filesFolderName)].compactMap({ $0 }) {
            AtomicFile.removeStaleTemporaries(in: folder.path)
        }
        var executor = try makeExecutor()
        for note in executor.overrideNotes { FileHandle.standardError.write(Data("lesson: \(note)\n".utf8)) }
        let report = { (line: String) in FileHandle.standardError.write(Data(line.utf8)) }
        let checkpoints = request.checkpoints
            ? try SessionCheckpoints(store: CheckpointStore(folder: CheckpointStore.defaultFolder(environment: request.environment)),
                                     lesson: lesson, seed: seed, overrides: request.overrides, report: report)
            : nil

        let isTerminal = isatty(STDOUT_FILENO) == 1
        let style = TerminalStyle.forStandardOutput(environment: request.environment)
        let replay = TerminalReplay(style: style, quiet: request.quiet, liveProgress: isTerminal && style.colors)
        interruption.install()
        defer { interruption.uninstall() }

        var results: [CellResult] = []
        var first = 1
        var ranThrough = 0
        if let from = request.from {
            guard request.cells == nil else { throw LessonError(path: "--from", message: "use either --from or --cells, not both") }
            first = try TeachingSteps.cell(from: from, in: lesson)
            if let checkpoints { (executor, ranThrough) = try checkpoints.restoreLatest(before: first, make: makeExecutor) }
            var note = fromNote(first: first, restored: ranThrough, checkpoints: checkpoints != nil)
            if let checkpoints, ranThrough < first - 1, let (cell, reason) = checkpoints.skipReason(before: first), cell > ranThrough {
                note += "lesson: the state after cell \(cell) could not be kept: \(reason)\n"
            }
            report(note)
            if ranThrough < first - 1 {
                // Catching up: the cells between the checkpoint and `first`, outputs only.
                var catchUp = Session.Options()
                catchUp.cells = CellSelection(ranges: [(ranThrough + 1)...(first - 1)])
                let quiet = TerminalReplay(style: style, quiet: true, liveProgress: isTerminal && style.colors)
                let labelled = CatchingUp(inner: quiet, show: !request.quiet)
                let observer = checkpoints.map { CheckpointingObserver(inner: labelled, checkpoints: $0, executor: executor, ranThrough: ranThrough) }
                let outcome = Session(lesson: lesson, executor: executor, options: catchUp).run(observer: observer ?? labelled, echo: quiet)
                results = outcome.results
                if !request.quiet { quiet.out("\n") }
                if outcome.interrupted { return stopped(interruption) }
                if let failed = outcome.results.first(where: { $0.error != nil }) {
                    report("lesson: cell \(failed.cellNumber) failed, so the run cannot start at cell \(first)\n")
                    return 2
                }
            }
            ranThrough = first - 1
            options.cells = CellSelection(ranges: [first...Int.max])
        }

        let shown = ProseFrom(inner: replay, lesson: lesson, cell: first)
        let observer: SessionObserver = checkpoints.map { CheckpointingObserver(inner: shown, checkpoints: $0, executor: executor, ranThrough: ranThrough) } ?? shown
        let outcome = Session(lesson: lesson, executor: executor, options: options).run(observer: observer, echo: replay)
        results += outcome.results

        if outcome.interrupted { return stopped(interruption) }
        if let path = request.outputPath {
            try ResultsWriter.write(lesson, results: results, to: path)
        } else if request.update {
            try ResultsWriter.write(lesson, results: results, to: lesson.path)
        }
        return outcome.failed ? 2 : 0
    }

    static func stopped(_ interruption: Interruption) -> Int32 {
        FileHandle.standardError.write(Data("lesson: stopped by signal \(interruption.signal); nothing was written\n".utf8))
        return interruption.exitStatus
    }

    /// What `--from` found, for stderr.
    static func fromNote(first: Int, restored: Int, checkpoints: Bool) -> String {
        if first == 1 { return "lesson: starting at cell 1\n" }
        let reach = first - 1 == restored + 1 ? "cell \(first - 1)" : "cells \(restored + 1)-\(first - 1)"
        if !checkpoints { return "lesson: checkpoints are off; running \(reach) first, then starting at cell \(first)\n" }
        if restored == 0 { return "lesson: no checkpoint before cell \(first) (a full run saves them); running \(reach) first\n" }
        if restored == first - 1 { return "lesson: restored the state after cell \(restored) from the checkpoint cache; starting at cell \(first)\n" }
        return "lesson: restored the state after cell \(restored) from the checkpoint cache; running \(reach) to reach cell \(first)\n"
    }
}

/// Passes on the prose that comes after code cell `cell - 1` only: a run that starts at a
/// cell shows the prose leading to it, not the lesson before.
final class ProseFrom: SessionObserver {
    let inner: SessionObserver
    let afterLine: Int

    init(inner: SessionObserver, lesson: Lesson, cell: Int) {
        self.inner = inner
        afterLine = cell > 1 ? lesson.codeCells.first { $0.number == cell - 1 }?.lines.last ?? 0 : 0
    }

    func willShowProse(_ prose: ProseCell) { if prose.lines.first > afterLine { inner.willShowProse(prose) } }
    func willRun(_ cell: CodeCell, output: CellOutput) { inner.willRun(cell, output: output) }
    func didRun(_ cell: CodeCell, result: CellResult) { inner.didRun(cell, result: result) }
    func skipped(_ cell: CodeCell, reason: String) { inner.skipped(cell, reason: reason) }
}

/// A cell run only to reach the one a run starts at: one dim line naming it, then its outputs.
final class CatchingUp: SessionObserver {
    let inner: TerminalReplay
    let show: Bool

    init(inner: TerminalReplay, show: Bool) {
        self.inner = inner
        self.show = show
    }

    func willShowProse(_ prose: ProseCell) {}
    func willRun(_ cell: CodeCell, output: CellOutput) {
        guard show else { return }
        let steps = StepGuess.steps(in: cell.code).map(\.rawValue).joined(separator: " · ")
        inner.out(inner.style.dim("── In [\(cell.number)]" + (steps.isEmpty ? "" : " · " + steps) + " (catching up)") + "\n")
    }
    func didRun(_ cell: CodeCell, result: CellResult) { inner.didRun(cell, result: result) }
    func skipped(_ cell: CodeCell, reason: String) { inner.skipped(cell, reason: reason) }
}
