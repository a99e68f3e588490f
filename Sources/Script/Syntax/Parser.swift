/// Recursive-descent parser for the lesson subset of Python 3, with Python's precedence:
/// `x if c else y` < `or` < `and` < `not` < comparisons (`in`, `is`, chained) < `|` < `^` <
/// `&` < shifts < `+ -` < `* / // % @` < unary `+ - ~` < `**` < calls, attributes, subscripts.
///
/// Constructs outside the subset (`def`, `class`, `lambda`, `while`, `try`, `with`, ...)
/// are `NotSupported` errors located at their keyword.
public struct Parser {
    var tokens: [Token]
    var current = 0
    let text: SourceText
    /// Nesting depth of expressions, bounded so hostile input cannot overflow the stack.
    var depth = 0
    static let maxDepth = 100
    /// Number of enclosing `for` loops (for `break`/`continue` checks).
    var loopDepth = 0
    /// Number of enclosing `def`s (for `return` checks).
    var functionDepth = 0
    /// Set when a `yield` is parsed (a function whose body sets it is a generator).
    var sawYield = false

    mutating func enter() throws {
        depth += 1
        if depth > Parser.maxDepth {
            throw ScriptError(.syntaxError, "too many nested parentheses or operators (lessons allow \(Parser.maxDepth))", at: location(peek))
        }
    }

    /// Parses a cell. `origin` gives the file and the position of the cell inside it, so
    /// that locations are file positions.
    public static func parse(source: String, origin: SourceOrigin = SourceOrigin()) throws -> Program {
        let text = SourceText(source, origin: origin)
        var scanner = Scanner(text)
        let tokens = try scanner.scanTokens()
        var p = Parser(tokens: tokens, text: text)
        return Program(statements: try p.parseProgram(), text: text)
    }

    /// Parses a single expression (e.g. a `--set` value such as `15`, `0.01` or `'adam'`).
    public static func parseExpression(_ source: String, origin: SourceOrigin = SourceOrigin()) throws -> Expr {
        let text = SourceText(source, origin: origin)
        var scanner = Scanner(text, from: 0, to: text.scalars.count, line: 1, column: 1)
        let tokens = try scanner.scanTokens()
        var p = Parser(tokens: tokens, text: text)
        let e = try p.testList()
        if p.peek.kind != .eof { throw p.syntaxError("invalid syntax", at: p.peek) }
        return e
    }

    init(tokens: [Token], text: SourceText) {
        self.tokens = tokens
        self.text = text
    }

    // MARK: Token helpers

    var peek: Token { current < tokens.count ? tokens[current] : (tokens.last ?? Token(kind: .eof, text: "", start: 0, end: 0, line: 1, column: 1)) }
    var previous: Token { current > 0 && current - 1 < tokens.count ? tokens[current - 1] : peek }
    func peekAt(_ k: Int) -> Token { current + k < tokens.count ? tokens[current + k] : (tokens.last ?? peek) }

    @discardableResult mutating func advance() -> Token {
        let t = peek
        if current < tokens.count - 1 || (current < tokens.count && t.kind != .eof) { current += 1 }
        return t
    }

    func check(_ op: String) -> Bool { peek.kind == .op && peek.text == op }
    func checkKeyword(_ k: String) -> Bool { peek.kind == .name && peek.text == k }

    mutating func match(_ op: String) -> Bool {
        if check(op) { advance(); return true }
        return false
    }
    mutating func matchKeyword(_ k: String) -> Bool {
        if checkKeyword(k) { advance(); return true }
        return false
    }

    func location(_ t: Token) -> SourceLocation { text.location(line: t.line, column: t.column) }

    func syntaxError(_ msg: String, at t: Token) -> ScriptError {
        ScriptError(.syntaxError, msg, at: location(t))
    }

    mutating func expect(_ op: String, _ msg: String? = nil) throws {
        if match(op) { return }
        throw unexpected(msg ?? "expected '\(op)'")
    }

    func unexpected(_ msg: String = "invalid syntax") -> ScriptError {
        let t = peek
        if t.kind == .indent { return ScriptError(.indentationError, "unexpected indent", at: location(t)) }
        if t.kind == .name, let e = unsupportedKeyword(t) { return e }
        return syntaxError(msg, at: t)
    }

    func range(from start: Token) -> SourceRange {
        let end = max(start.end, previous.end)
        return SourceRange(start: start.start, end: end, location: location(start))
    }

    static let keywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]

    static let unsupported: [String: String] = [
        "async": "`async` is not supported in lessons",
        "await": "`await` is not supported in lessons",
    ]

    func unsupportedKeyword(_ t: Token) -> ScriptError? {
        guard let m = Parser.unsupported[t.text] else { return nil }
        return ScriptError(.notSupported, m + ". " + ScriptError.supportedSubset, at: location(t))
    }

}
