import Script

/// `--set name=value`: papermill's parameters without a parameters cell. The value replaces
/// a top-level `name = <literal>` assignment wherever the lesson has one; where it has none,
/// every keyword argument `name=` in its calls (`model.fit(..., epochs=5)`).
struct Overrides {
    struct Replacement { var range: Script.SourceRange; var text: String }
    /// Replacements per code cell number, applied to the cell's source before it is parsed.
    var replacements: [Int: [Replacement]] = [:]
    var notes: [String] = []

    init(lesson: Lesson, assignments: [String]) throws {
        for assignment in assignments {
            let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let name = parts.first?.trimmingCharacters(in: .whitespaces),
                  !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw LessonError(path: "--set", message: "'\(assignment)' is not name=value")
            }
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            do {
                let expression = try Parser.parseExpression(value)
                guard expression.isLiteral else { throw ScriptError.valueError("not a literal") }
            } catch {
                throw LessonError(path: "--set", message: "'\(value)' is not a Python literal (a number, a string in quotes, True/False/None, or a tuple or list of those)")
            }
            var places: [(Int, Script.SourceRange)] = []
            var kind = "assignment"
            let programs = try lesson.codeCells.map { cell in (cell, try? Parser.parse(source: cell.code, origin: Self.origin(cell, lesson))) }
            for case let (cell, program?) in programs {
                for literal in program.topLevelLiteralAssignments() where literal.name == name { places.append((cell.number, literal.valueRange)) }
            }
            if places.isEmpty {
                kind = "keyword argument"
                for case let (cell, program?) in programs {
                    for keyword in program.keywordArguments(named: name) { places.append((cell.number, keyword.value.range)) }
                }
            }
            guard !places.isEmpty else {
                throw LessonError(path: lesson.path, message: "--set \(name): the lesson has no top-level assignment `\(name) = ...` and no call with a keyword argument `\(name)=`")
            }
            for (cell, range) in places { replacements[cell, default: []].append(Replacement(range: range, text: value)) }
            notes.append("--set \(name)=\(value): changed the \(kind) at " + places.map { "\($0.1.location)" }.joined(separator: ", "))
        }
    }

    static func origin(_ cell: CodeCell, _ lesson: Lesson) -> SourceOrigin {
        SourceOrigin(file: lesson.path, lineOffset: cell.codeStart.line - 1, columnOffset: cell.codeStart.column - 1)
    }

    /// The cell's code with its overrides applied (from the end, so ranges stay valid).
    func apply(to cell: CodeCell) -> String {
        var code = cell.code
        for replacement in (replacements[cell.number] ?? []).sorted(by: { $0.range.start > $1.range.start }) {
            code = replacement.range.replacing(in: code, with: replacement.text)
        }
        return code
    }
}
