/// Splits Python source into coloured spans: keywords, strings, numbers, comments. Light
/// on purpose: a reader's aid for terminal and HTML, not a parser (that is `Script`'s job).
public enum PythonHighlighter {
    public enum Kind: Equatable { case plain, keyword, builtin, string, number, comment }

    public struct Span: Equatable {
        public var kind: Kind
        public var text: String
    }

    static let keywords: Set<String> = ["and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
                                        "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
                                        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
                                        "True", "False", "None"]
    static let builtins: Set<String> = ["print", "len", "range", "round", "min", "max", "sum", "int", "float", "str", "zip",
                                        "enumerate", "list", "tuple", "dict", "abs", "sorted"]

    public static func spans(_ code: String) -> [Span] {
        var spans: [Span] = []
        let characters = Array(code)
        var i = 0
        func emit(_ kind: Kind, _ from: Int, _ to: Int) {
            let text = String(characters[from..<to])
            if let last = spans.last, last.kind == kind { spans[spans.count - 1].text += text } else { spans.append(Span(kind: kind, text: text)) }
        }
        while i < characters.count {
            let c = characters[i]
            let start = i
            if c == "#" {
                while i < characters.count, characters[i] != "\n" { i += 1 }
                emit(.comment, start, i)
            } else if c == "\"" || c == "'" || ((c == "f" || c == "r" || c == "b") && i + 1 < characters.count && (characters[i + 1] == "\"" || characters[i + 1] == "'")) {
                if c != "\"" && c != "'" { i += 1 }
                let quote = characters[i]
                let triple = i + 2 < characters.count && characters[i + 1] == quote && characters[i + 2] == quote
                i += triple ? 3 : 1
                while i < characters.count {
                    if characters[i] == "\\" { i += 2; continue }
                    if characters[i] == quote {
                        if !triple { i += 1; break }
                        if i + 2 < characters.count, characters[i + 1] == quote, characters[i + 2] == quote { i += 3; break }
                    }
                    if !triple && characters[i] == "\n" { break }
                    i += 1
                }
                emit(.string, start, min(i, characters.count))
                i = min(i, characters.count)
            } else if c.isNumber {
                while i < characters.count, characters[i].isNumber || characters[i] == "." || characters[i] == "_" || characters[i] == "e" { i += 1 }
                emit(.number, start, i)
            } else if c.isLetter || c == "_" {
                while i < characters.count, characters[i].isLetter || characters[i].isNumber || characters[i] == "_" { i += 1 }
                let word = String(characters[start..<i])
                let previousIsDot = start > 0 && characters[start - 1] == "."
                emit(keywords.contains(word) ? .keyword : (builtins.contains(word) && !previousIsDot ? .builtin : .plain), start, i)
            } else {
                i += 1
                emit(.plain, start, i)
            }
        }
        return spans
    }

    /// The code with ANSI colours for a terminal; its own controls are made visible.
    public static func terminal(_ code: String, style: TerminalStyle) -> String {
        spans(code).map { span in
            let text = TerminalText.visible(span.text)
            switch span.kind {
            case .plain: return text
            case .keyword: return style.magenta(text)
            case .builtin: return style.cyan(text)
            case .string: return style.green(text)
            case .number: return style.yellow(text)
            case .comment: return style.dim(text)
            }
        }.joined()
    }
}
