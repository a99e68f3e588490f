import CYaml
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
        // Refused before composing: Yams hashes mapping keys, and an alias key stands for
        // as much as its anchor does (nine lines of aliases make 10^9 nodes, hashed for hours).
        if let alias = firstAlias(in: yaml) {
            let line = lines.first + alias.line
            throw LessonError(path: path, position: SourcePosition(line: line, column: alias.column),
                              message: "front matter: YAML aliases (*name) are not supported in lessons", sourceLine: source.line(line))
        }
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
            result.values[name] = value.string ?? text(of: value)
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

extension FrontMatter {
    /// Where the first alias (`*name`) is, 1-based within the YAML, read with libyaml's event
    /// parser, which does not expand anything. Nil when there is none, or when the YAML is
    /// broken before one (composing then reports the error with its place).
    static func firstAlias(in yaml: String) -> (line: Int, column: Int)? {
        let bytes = Array(yaml.utf8)
        guard !bytes.isEmpty else { return nil }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeBufferPointer { buffer -> (line: Int, column: Int)? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                let type = event.type, mark = event.start_mark
                yaml_event_delete(&event)
                if type == YAML_ALIAS_EVENT { return (Int(mark.line) + 1, Int(mark.column) + 1) }
                if type == YAML_STREAM_END_EVENT { return nil }
            }
            return nil
        }
    }

    static let maxValueText = 1000

    /// A collection value as flow-style text, cut at `maxValueText` characters. Walked with
    /// a budget, never expanded whole: YAML aliases let 300 bytes stand for 10^9 strings
    /// ("billion laughs"), and Swift's default description printed every one of them.
    static func text(of node: Node) -> String {
        enum Piece { case node(Node), literal(String) }
        var out = ""
        var pending: [Piece] = [.node(node)]
        while let piece = pending.popLast() {
            guard out.count < maxValueText else { return out + "…" }
            switch piece {
            case .literal(let text): out += text
            case .node(let node):
                switch node {
                case .scalar(let scalar): out += scalar.string
                case .alias: out += "*"
                case .sequence(let sequence):
                    var pieces: [Piece] = [.literal("[")]
                    for (index, item) in sequence.enumerated() {
                        if index > 0 { pieces.append(.literal(", ")) }
                        pieces.append(.node(item))
                        // Enough pieces to fill the budget; the rest would be cut anyway.
                        if pieces.count > maxValueText { break }
                    }
                    pending += (pieces + [.literal("]")]).reversed()
                case .mapping(let mapping):
                    var pieces: [Piece] = [.literal("{")]
                    for (index, pair) in mapping.enumerated() {
                        if index > 0 { pieces.append(.literal(", ")) }
                        pieces += [.node(pair.key), .literal(": "), .node(pair.value)]
                        if pieces.count > maxValueText { break }
                    }
                    pending += (pieces + [.literal("}")]).reversed()
                }
            }
        }
        return out
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
