import Foundation

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
    public var environment = ProcessInfo.processInfo.environment

    public init(lesson: String) { self.lesson = lesson }
}

/// `lesson run`: load, run with live output, write results. Returns the exit status:
/// 0 when every cell ran, 2 when one failed, 128+N when stopped by signal N.
public enum LessonRun {
    public static func perform(_ request: RunRequest) throws -> Int32 {
        let lesson = try LessonLoader.load(request.lesson)
        var options = Session.Options()
        if let cells = request.cells { options.cells = try CellSelection(parsing: cells) }
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
        if request.update && lesson.path.lowercased().hasSuffix(".ipynb") {
            throw LessonError(path: lesson.path, message: "--update rewrites Markdown lessons; for a notebook use --out PATH.ipynb")
        }

        let executor = try LessonExecutor(lesson: lesson, seed: request.seed ?? lesson.frontMatter.seed ?? 42, overrides: request.overrides)
        for note in executor.overrideNotes { FileHandle.standardError.write(Data("lesson: \(note)\n".utf8)) }

        let isTerminal = isatty(STDOUT_FILENO) == 1
        let style = TerminalStyle.forStandardOutput(environment: request.environment)
        let replay = TerminalReplay(style: style, quiet: request.quiet, liveProgress: isTerminal && style.colors)
        Interruption.shared.install()
        let outcome = Session(lesson: lesson, executor: executor, options: options).run(observer: replay, echo: replay)

        if outcome.interrupted {
            FileHandle.standardError.write(Data("lesson: stopped by signal \(Interruption.shared.signal); nothing was written\n".utf8))
            return Interruption.shared.exitStatus
        }
        if let path = request.outputPath {
            try ResultsWriter.write(lesson, results: outcome.results, to: path)
        } else if request.update {
            try ResultsWriter.write(lesson, results: outcome.results, to: lesson.path)
        }
        return outcome.failed ? 2 : 0
    }
}
