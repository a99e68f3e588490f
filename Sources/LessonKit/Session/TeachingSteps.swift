import Foundation

/// The steps a lesson teaches, numbered in order, as `lesson step` labels its cells:
/// "Step 4 of 7 — build". A cell's steps are guessed from its code (`StepGuess`); printing
/// (`show`) counts only for a cell that does nothing else, so the seed lesson has seven steps:
/// load, normalize, reshape, build, compile, fit, evaluate.
public struct TeachingSteps {
    /// Code cell number → the steps it teaches.
    public let steps: [Int: [Step]]
    /// Code cell number → the numbers of its steps (absent for a cell with none).
    public let numbers: [Int: ClosedRange<Int>]
    public let total: Int
    /// Code cell number → every step guessed from its code, `show` included.
    let guessed: [Int: [Step]]

    public init(lesson: Lesson) {
        var steps: [Int: [Step]] = [:], numbers: [Int: ClosedRange<Int>] = [:], guessed: [Int: [Step]] = [:]
        var next = 1
        for cell in lesson.codeCells {
            let all = StepGuess.steps(in: cell.code)
            guessed[cell.number] = all
            let taught = all.count > 1 ? all.filter { $0 != .show } : all
            steps[cell.number] = taught
            if !taught.isEmpty {
                numbers[cell.number] = next...(next + taught.count - 1)
                next += taught.count
            }
        }
        self.steps = steps
        self.numbers = numbers
        self.guessed = guessed
        total = next - 1
    }

    /// "Step 4 of 7 — build", "Steps 5–6 of 7 — compile · fit"; nil for a cell without steps.
    public func label(cell: Int) -> String? {
        guard let range = numbers[cell], let taught = steps[cell] else { return nil }
        let names = taught.map(\.rawValue).joined(separator: " · ")
        if range.count == 1 { return "Step \(range.lowerBound) of \(total) — \(names)" }
        return "Steps \(range.lowerBound)–\(range.upperBound) of \(total) — \(names)"
    }

    /// The first code cell that performs `step` (printing included).
    public func firstCell(performing step: Step) -> Int? {
        guessed.filter { $0.value.contains(step) }.keys.min()
    }

    /// `--from 6` or `--from fit`: the code cell to start at.
    public static func cell(from text: String, in lesson: Lesson) throws -> Int {
        let count = lesson.codeCells.count
        let word = text.trimmingCharacters(in: .whitespaces)
        if let n = Int(word) {
            guard n >= 1, n <= count else {
                throw LessonError(path: "--from", message: "\(lesson.path) has code cells 1-\(count); there is no cell \(n)")
            }
            return n
        }
        guard let step = Step(rawValue: word.lowercased()) else {
            throw LessonError(path: "--from", message: "'\(text)' is neither a cell number nor a step (one of: \(Step.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard let cell = TeachingSteps(lesson: lesson).firstCell(performing: step) else {
            throw LessonError(path: "--from", message: "no code cell of \(lesson.path) performs the step '\(step.rawValue)'")
        }
        return cell
    }
}
