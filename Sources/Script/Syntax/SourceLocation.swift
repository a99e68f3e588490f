/// Where a cell's code sits inside its file, so that every error can name a position in the
/// Markdown file rather than in the cell: a cell whose first code line is line 57 of
/// `cnn-mnist.md` has `SourceOrigin(file: "cnn-mnist.md", lineOffset: 56)`.
public struct SourceOrigin: Sendable, Equatable {
    /// File name shown in error messages.
    public var file: String
    /// Added to a line number in the cell (1-based) to give the line in the file.
    public var lineOffset: Int
    /// Added to every column in the cell (1-based) to give the column in the file
    /// (non-zero for indented code, e.g. fences inside list items).
    public var columnOffset: Int

    public init(file: String = "<cell>", lineOffset: Int = 0, columnOffset: Int = 0) {
        self.file = file
        self.lineOffset = lineOffset
        self.columnOffset = columnOffset
    }
}

/// A position in a file: 1-based line and column (columns count Unicode scalars), with the
/// text of that line for caret diagnostics.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// The text of the line (as it appears in the cell), used to draw the caret.
    public var sourceLine: String
    /// Column of the caret within `sourceLine` (1-based); differs from `column` when the
    /// cell is indented inside its file.
    public var lineColumn: Int

    public init(file: String, line: Int, column: Int, sourceLine: String = "", lineColumn: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.sourceLine = sourceLine
        self.lineColumn = lineColumn ?? column
    }

    /// `file:line:col`
    public var description: String { "\(file):\(line):\(column)" }
}

/// A range of a cell's source text, in Unicode-scalar offsets from the start of the cell
/// source (half-open), plus the located start. Used by hosts to rewrite code (e.g. `--set`).
public struct SourceRange: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var location: SourceLocation

    public init(start: Int, end: Int, location: SourceLocation) {
        self.start = start
        self.end = end
        self.location = location
    }

    /// The text this range covers in `source` (the cell source it was parsed from).
    public func text(in source: String) -> String {
        let scalars = Array(source.unicodeScalars)
        let lo = max(0, min(start, scalars.count)), hi = max(lo, min(end, scalars.count))
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[lo..<hi])
        return String(s)
    }

    /// `source` with this range replaced by `replacement`.
    public func replacing(in source: String, with replacement: String) -> String {
        let scalars = Array(source.unicodeScalars)
        let lo = max(0, min(start, scalars.count)), hi = max(lo, min(end, scalars.count))
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[0..<lo])
        s.append(contentsOf: replacement.unicodeScalars)
        s.append(contentsOf: scalars[hi...])
        return String(s)
    }
}
