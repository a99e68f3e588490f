/// The verdict on one cell.
public enum CellVerdict: Equatable {
    case reproduced
    /// Skipped (`NBVAL_SKIP`) or its output ignored (`ignore`, `NBVAL_IGNORE_OUTPUT`).
    case skipped(String)
    /// Prints, but the lesson documents nothing for it.
    case undocumented(stream: StandardStream, text: String)
    case differs([StreamDifference])
    /// Raised when it was not marked to: the lesson could not run past it.
    case raised(String)
    /// Marked `NBVAL_RAISES_EXCEPTION` but ran to the end.
    case didNotRaise
}

public struct StreamDifference: Equatable {
    public var stream: StandardStream
    public var comparison: OutputComparison
    /// The file line of the documented block's opening fence, or of the code cell when none.
    public var fileLine: Int

    public init(stream: StandardStream, comparison: OutputComparison, fileLine: Int) {
        self.stream = stream; self.comparison = comparison; self.fileLine = fileLine
    }
}

public struct CellCheck: Equatable {
    public var number: Int
    /// The code cell's opening fence line in the lesson file.
    public var fileLine: Int
    public var verdicts: [CellVerdict]
    /// Where the cell raised, when it did and the run knows the place.
    public var errorLocation: LessonError?

    public init(number: Int, fileLine: Int, verdicts: [CellVerdict], errorLocation: LessonError? = nil) {
        self.number = number; self.fileLine = fileLine; self.verdicts = verdicts; self.errorLocation = errorLocation
    }
}

public struct CheckOptions {
    public var absoluteTolerance: Double?
    public var relativeTolerance: Double?
    /// Undocumented output is a failure.
    public var strict = false
    /// Compare stderr blocks too.
    public var strictStderr = false
    public var sanitize = SanitizeFile()
    /// Compare the pixels of PNG figures, to this mean absolute difference (0 to 1);
    /// nil compares only that each figure is there and its size.
    public var pixelTolerance: Double?

    public init(absoluteTolerance: Double? = nil, relativeTolerance: Double? = nil, strict: Bool = false, strictStderr: Bool = false, sanitize: SanitizeFile = SanitizeFile()) {
        self.absoluteTolerance = absoluteTolerance; self.relativeTolerance = relativeTolerance
        self.strict = strict; self.strictStderr = strictStderr; self.sanitize = sanitize
    }
}

public struct LessonCheckResult {
    public var path: String
    public var cells: [CellCheck]
    /// Why the lesson could not run (exit status 2), when it could not.
    public var error: String?
    public var strict: Bool
    /// The document stores no output at all for any code cell: nothing could be compared.
    public var documentsNoOutputs = false

    public init(path: String, cells: [CellCheck], error: String? = nil, strict: Bool = false) {
        self.path = path; self.cells = cells; self.error = error; self.strict = strict
    }

    /// 0 all reproduced, 1 some output differs, 2 the lesson could not run.
    public var status: Int32 {
        if error != nil { return 2 }
        var status: Int32 = documentsNoOutputs && strict ? 1 : 0
        for cell in cells {
            for verdict in cell.verdicts {
                switch verdict {
                case .raised: return 2
                case .differs, .didNotRaise: status = 1
                case .undocumented where strict: status = 1
                default: break
                }
            }
        }
        return status
    }
}

/// Checks one lesson: compares each code cell's documented outputs with a fresh run's.
public enum LessonChecker {
    public static func check(_ lesson: Lesson, runs: [Int: CellRun], options: CheckOptions = CheckOptions()) -> LessonCheckResult {
        var cells: [CellCheck] = []
        let lessonTolerance = (lesson.frontMatter.absoluteTolerance, lesson.frontMatter.relativeTolerance)
        var stoppedAt: Int?
        for cell in lesson.codeCells {
            let markers = NBValMarkers(cell)
            var verdicts: [CellVerdict] = []
            var errorLocation: LessonError?
            defer { cells.append(CellCheck(number: cell.number, fileLine: cell.lines.first, verdicts: verdicts, errorLocation: errorLocation)) }
            if markers.skip { verdicts.append(.skipped("NBVAL_SKIP")); continue }
            if let stoppedAt { verdicts.append(.skipped("not run: cell \(stoppedAt) raised")); continue }
            let run = runs[cell.number] ?? CellRun(outputs: [])
            if let error = run.error {
                if !markers.raisesException {
                    verdicts.append(.raised(error))
                    errorLocation = run.errorLocation
                    stoppedAt = cell.number
                    continue
                }
            } else if markers.raisesException {
                verdicts.append(.didNotRaise)
            }
            if markers.ignoreOutput { verdicts.append(.skipped("NBVAL_IGNORE_OUTPUT")); continue }

            for stream in [StandardStream.stdout, .stderr] {
                if stream == .stderr && !options.strictStderr { continue }
                let fresh = run.outputs.filter { $0.stream == stream }.map(\.text).joined()
                guard let documented = cell.combinedOutput(stream) else {
                    if !OutputNormalizer.normalize(options.sanitize.apply(fresh)).isEmpty {
                        verdicts.append(.undocumented(stream: stream, text: fresh))
                    }
                    continue
                }
                if documented.options.ignore { verdicts.append(.skipped("output ignore")); continue }
                let overrides = ToleranceOverrides(
                    run: (options.absoluteTolerance, options.relativeTolerance),
                    block: (documented.options.absoluteTolerance, documented.options.relativeTolerance),
                    lesson: lessonTolerance)
                let comparison = OutputComparer.compare(documented: options.sanitize.apply(documented.text),
                                                        fresh: options.sanitize.apply(fresh), overrides: overrides,
                                                        ignoringBlankLines: documented.ignoresBlankLines)
                if !comparison.matches {
                    verdicts.append(.differs([StreamDifference(stream: stream, comparison: comparison, fileLine: documented.lines.first)]))
                }
            }
            let pictures = lesson.displays(of: cell).filter(\.isPicture)
            if !pictures.isEmpty {
                let comparison = FigureComparer.compare(documented: pictures, fresh: run.figures, pixelTolerance: options.pixelTolerance)
                if !comparison.matches {
                    let line = cell.figures?.lines.first ?? cell.lines.first
                    verdicts.append(.differs([StreamDifference(stream: .stdout, comparison: comparison, fileLine: line)]))
                }
            }
            if verdicts.isEmpty { verdicts.append(.reproduced) }
        }
        var result = LessonCheckResult(path: lesson.path, cells: cells, error: nil, strict: options.strict)
        result.documentsNoOutputs = lesson.codeCells.allSatisfy { $0.outputs.isEmpty && $0.displays.isEmpty && $0.figures == nil }
        return result
    }

    /// Loads, runs and checks a lesson; any error loading or running becomes status 2.
    public static func check(path: String, runner: LessonRunner?, options: CheckOptions) -> LessonCheckResult {
        do {
            let lesson = try LessonLoader.load(path)
            guard let runner else { return LessonCheckResult(path: lesson.path, cells: [], error: CheckRunner.unavailableMessage, strict: options.strict) }
            let skipping = Set(lesson.codeCells.filter { NBValMarkers($0).skip }.map(\.number))
            let runs = try runner.run(lesson, skipping: skipping)
            return check(lesson, runs: runs, options: options)
        } catch {
            return LessonCheckResult(path: path, cells: [], error: "\(error)", strict: options.strict)
        }
    }
}
