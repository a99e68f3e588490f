/// Kinds of tokens produced by `Scanner`.
public enum TokenKind: Equatable, Sendable {
    case name
    case int
    case float
    /// A string literal (adjacent literals are concatenated by the parser).
    case string
    case op
    case newline
    case indent
    case dedent
    case eof
    /// An IPython line (`%matplotlib inline`, `!pip install x`): the whole line; for `%time` and
    /// `%timeit` only the magic, the statement after it is scanned as usual.
    case magic
}

/// A token with its position in the cell (and mapped to the file).
public struct Token: Sendable {
    public var kind: TokenKind
    /// The source text of the token (for strings: the whole literal incl. prefix and quotes).
    public var text: String
    /// Integer value for `.int`, parsed value for `.float`.
    public var intValue: Int = 0
    /// For an `.int` wider than 64 bits: its digits (no prefix, no `_`) and radix.
    public var bigDigits: String? = nil
    public var radix = 10
    public var floatValue: Double = 0
    /// For `.string`: the decoded value (for f-strings: the raw body, decoded by the parser).
    public var stringValue: String = ""
    public var isFString = false
    public var isRaw = false
    /// For string tokens: offset/line/column of the body (after the opening quotes).
    public var bodyOffset = 0, bodyLine = 1, bodyColumn = 1
    /// Scalar offsets in the cell source (half-open).
    public var start: Int
    public var end: Int
    /// 1-based line and column within the cell.
    public var line: Int
    public var column: Int
}
