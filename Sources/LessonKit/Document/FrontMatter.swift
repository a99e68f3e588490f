import Yams

/// Lesson-wide settings from YAML front matter (`---` ... `---` at the top of the file).
public struct FrontMatter: Equatable {
    /// The YAML text between the fences, as written.
    public var yaml: String?
    public var lines: LineRange?
    public var title: String?
    public var seed: Int?
    public var absoluteTolerance: Double?
    public var relativeTolerance: Double?
    /// Every top-level key, as text, for settings later features read.
    public var values: [String: String] = [:]

    public init() {}

    static let knownKeys: Set<String> = ["title", "seed", "atol", "rtol", "description", "author", "tags", "kernel"]

    /// Parses the YAML of a lesson's front matter. `firstLine` is the file line of the YAML's
    /// first line, so errors point into the lesson file.
    static func parse(yaml: String, lines: LineRange, path: String, source: SourceText) throws -> FrontMatter {
        var result = FrontMatter()
        result.yaml = yaml
        result.lines = lines
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw LessonError.yaml(error, path: path, firstLine: lines.first + 1, source: source)
        } catch {
            throw LessonError(path: path, position: SourcePosition(line: lines.first, column: 1), message: "front matter: \(error)")
        }
        guard let node else { return result }
        guard let mapping = node.mapping else {
            throw LessonError(path: path, position: SourcePosition(line: lines.first + 1, column: 1),
                              message: "front matter must be a YAML mapping (key: value lines)", sourceLine: source.line(lines.first + 1))
        }
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            let line = lines.first + (key.mark?.line ?? 1)
            func fail(_ what: String) -> LessonError {
                LessonError(path: path, position: SourcePosition(line: line, column: 1), message: "front matter: '\(name)' \(what)", sourceLine: source.line(line))
            }
            result.values[name] = value.string ?? "\(value)"
            switch name {
            case "title": result.title = value.string
            case "seed":
                guard let seed = value.int else { throw fail("must be an integer") }
                result.seed = seed
            case "atol", "rtol":
                guard let number = value.float, number >= 0, number.isFinite else { throw fail("must be a number that is 0 or more") }
                if name == "atol" { result.absoluteTolerance = number } else { result.relativeTolerance = number }
            default: break
            }
        }
        return result
    }
}

extension LessonError {
    static func yaml(_ error: YamlError, path: String, firstLine: Int, source: SourceText) -> LessonError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            let line = firstLine + mark.line - 1
            return LessonError(path: path, position: SourcePosition(line: line, column: mark.column),
                               message: "front matter is not valid YAML: \(problem)", sourceLine: source.line(line))
        default:
            return LessonError(path: path, position: SourcePosition(line: firstLine - 1, column: 1), message: "front matter is not valid YAML: \(error)")
        }
    }
}
