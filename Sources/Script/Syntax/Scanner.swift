/// The text of one cell, with its origin in the file; turns cell positions into file
/// locations.
public struct SourceText: Sendable {
    public let source: String
    public let origin: SourceOrigin
    let scalars: [Unicode.Scalar]
    let lines: [String]

    public init(_ source: String, origin: SourceOrigin = SourceOrigin()) {
        self.source = source
        self.origin = origin
        self.scalars = Array(source.unicodeScalars)
        var lines: [String] = []
        var cur = String.UnicodeScalarView()
        var i = 0
        let sc = self.scalars
        while i < sc.count {
            let c = sc[i]
            if c == "\n" || c == "\r" {
                lines.append(String(cur))
                cur = String.UnicodeScalarView()
                if c == "\r", i + 1 < sc.count, sc[i + 1] == "\n" { i += 1 }
            } else {
                cur.append(c)
            }
            i += 1
        }
        lines.append(String(cur))
        self.lines = lines
    }

    /// The file location of a 1-based cell line and column.
    public func location(line: Int, column: Int) -> SourceLocation {
        let text = (line >= 1 && line <= lines.count) ? lines[line - 1] : ""
        return SourceLocation(file: origin.file, line: line + origin.lineOffset,
                              column: column + origin.columnOffset, sourceLine: text, lineColumn: column)
    }
}

/// Turns a cell's source into tokens, following Python's lexical rules: INDENT/DEDENT from
/// leading whitespace (tabs to multiples of 8), implicit line joining inside brackets,
/// explicit joining with `\`, comments, blank lines, string literals ('' "" and
/// triple-quoted, with r/f prefixes), ints (`1_000`, `0x1f`) and floats (`1e-3`).
public struct Scanner {
    let text: SourceText
    let sc: [Unicode.Scalar]
    var pos: Int
    let limit: Int
    var line: Int
    var lineStart: Int  // offset of column 1 of the current line
    var columnBase: Int // extra columns on the first line (sub-scans of f-strings)
    var tokens: [Token] = []
    var indents: [Int] = [0]
    var brackets: [(Unicode.Scalar, Int, Int)] = []  // char, line, column
    let expressionOnly: Bool

    /// Scans a whole cell.
    public init(_ text: SourceText) {
        self.text = text
        self.sc = text.scalars
        self.pos = 0
        self.limit = text.scalars.count
        self.line = 1
        self.lineStart = 0
        self.columnBase = 0
        self.expressionOnly = false
    }

    /// Scans a sub-range as a bracketed expression (used for f-string replacement fields).
    init(_ text: SourceText, from start: Int, to end: Int, line: Int, column: Int) {
        self.text = text
        self.sc = text.scalars
        self.pos = max(0, min(start, text.scalars.count))
        self.limit = max(self.pos, min(end, text.scalars.count))
        self.line = line
        self.lineStart = self.pos
        self.columnBase = column - 1
        self.expressionOnly = true
    }

    var column: Int { pos - lineStart + 1 + columnBase }

    func error(_ msg: String, line: Int, column: Int, kind: ScriptError.Kind = .syntaxError) -> ScriptError {
        ScriptError(kind, msg, at: text.location(line: line, column: column))
    }

    func peek(_ k: Int = 0) -> Unicode.Scalar? {
        let i = pos + k
        return i < limit && i >= 0 ? sc[i] : nil
    }

    /// The digits of an integer literal wider than 64 bits (the parser builds it as big-int
    /// arithmetic); CPython's 4300-digit conversion limit bounds the work.
    func wideLiteral(_ digits: String, line: Int, column: Int) throws -> String {
        guard digits.count <= 4300 else {
            throw error("Exceeds the limit (4300 digits) for integer string conversion: value has \(digits.count) digits", line: line, column: column, kind: .valueError)
        }
        return digits
    }

    mutating func newLine(after offset: Int) {
        line += 1
        lineStart = offset
        columnBase = 0
    }

    /// All tokens, ending with NEWLINE (if any tokens), DEDENTs and EOF.
    public mutating func scanTokens() throws -> [Token] {
        var atLineStart = !expressionOnly
        while pos < limit {
            if atLineStart && brackets.isEmpty {
                atLineStart = false
                if try handleIndentation() { continue }  // blank or comment line: no INDENT/DEDENT
            }
            guard let c = peek() else { break }
            switch c {
            case " ", "\t", "\u{0C}":
                pos += 1
            case "\\":
                if peek(1) == "\n" {
                    pos += 2; newLine(after: pos)
                } else if peek(1) == "\r" {
                    pos += (peek(2) == "\n") ? 3 : 2; newLine(after: pos)
                } else if peek(1) == nil {
                    throw error("unexpected EOF while parsing", line: line, column: column)
                } else {
                    throw error("unexpected character after line continuation character", line: line, column: column)
                }
            case "#":
                while let d = peek(), d != "\n", d != "\r" { pos += 1 }
            case "\n", "\r":
                if brackets.isEmpty && !expressionOnly {
                    addNewlineToken()
                    atLineStart = true
                }
                pos += (c == "\r" && peek(1) == "\n") ? 2 : 1
                newLine(after: pos)
            default:
                if isDigit(c) || (c == "." && peek(1).map(isDigit) == true) {
                    try number()
                } else if isIdentStart(c) {
                    try identifierOrString()
                } else if c == "'" || c == "\"" {
                    try string(prefixStart: pos, prefix: "")
                } else {
                    try op()
                }
            }
        }
        if let (ch, l, col) = brackets.last {
            throw error("'\(ch)' was never closed", line: l, column: col)
        }
        if !expressionOnly {
            addNewlineToken()
            while indents.count > 1 {
                indents.removeLast()
                tokens.append(Token(kind: .dedent, text: "", start: pos, end: pos, line: line, column: column))
            }
        }
        tokens.append(Token(kind: .eof, text: "", start: pos, end: pos, line: line, column: column))
        return tokens
    }

    mutating func addNewlineToken() {
        if let last = tokens.last, last.kind != .newline, last.kind != .indent, last.kind != .dedent {
            tokens.append(Token(kind: .newline, text: "\n", start: pos, end: pos, line: line, column: column))
        }
    }

    /// Measures the indentation of a new logical line. Returns true if the line is blank or
    /// a comment (consumed up to, not including, its line break).
    mutating func handleIndentation() throws -> Bool {
        var width = 0
        while let c = peek(), c == " " || c == "\t" || c == "\u{0C}" {
            if c == "\t" { width = (width / 8 + 1) * 8 } else if c == " " { width += 1 } else { width = 0 }
            pos += 1
        }
        guard let c = peek() else { return true }
        if c == "#" || c == "\n" || c == "\r" { return true }
        if c == "\\" && (peek(1) == "\n" || peek(1) == "\r") { return false }
        let current = indents.last ?? 0
        if width > current {
            if tokens.isEmpty || tokens.last?.kind == .dedent || tokens.last?.kind == .indent {
                // An indented first line (or indentation with no block opener) is reported
                // by the parser as "unexpected indent"; we emit INDENT anyway.
            }
            indents.append(width)
            tokens.append(Token(kind: .indent, text: "", start: pos, end: pos, line: line, column: column))
        } else if width < current {
            try dedent(to: width)
        }
        try magicLine(width: width, current: current)
        return false
    }

    /// Dedents for a line at `width` (shared by code and IPython lines).
    mutating func dedent(to width: Int) throws {
        while let last = indents.last, width < last {
            indents.removeLast()
            tokens.append(Token(kind: .dedent, text: "", start: pos, end: pos, line: line, column: column))
        }
        if (indents.last ?? 0) != width {
            throw error("unindent does not match any outer indentation level", line: line, column: column, kind: .indentationError)
        }
    }

    /// An IPython line (`%…`, `!…`) becomes one `.magic` token; `%time`/`%timeit` keep the
    /// statement after them as ordinary tokens.
    mutating func magicLine(width: Int, current: Int) throws {
        guard let c = peek(), c == "%" || c == "!" else { return }
        let start = pos, startColumn = column
        var end = pos
        while let d = peek(end - pos), d != "\n", d != "\r" { end += 1 }
        let text = String(String.UnicodeScalarView(sc[start..<end]))
        for timer in ["%timeit ", "%time "] where text.hasPrefix(timer) {
            pos += timer.unicodeScalars.count
            tokens.append(Token(kind: .magic, text: String(timer.dropLast()), start: start, end: pos, line: line, column: startColumn))
            return
        }
        pos = end
        tokens.append(Token(kind: .magic, text: text, start: start, end: end, line: line, column: startColumn))
    }

    func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
    func isIdentStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" || (c.value >= 0x80 && c.properties.isXIDStart)
    }
    func isIdentContinue(_ c: Unicode.Scalar) -> Bool {
        isIdentStart(c) || isDigit(c) || (c.value >= 0x80 && c.properties.isXIDContinue)
    }

    func slice(_ a: Int, _ b: Int) -> String {
        let lo = max(0, min(a, sc.count)), hi = max(lo, min(b, sc.count))
        return String(String.UnicodeScalarView(sc[lo..<hi]))
    }

    mutating func number() throws {
        let start = pos, col = column
        var isFloat = false
        func digits(_ ok: (Unicode.Scalar) -> Bool) {
            while let c = peek(), ok(c) || (c == "_" && peek(1).map(ok) == true) { pos += 1 }
        }
        if peek() == "0", let x = peek(1), "xXoObB".unicodeScalars.contains(x) {
            pos += 2
            let radix: Int
            let ok: (Unicode.Scalar) -> Bool
            switch x {
            case "x", "X": radix = 16; ok = { ($0 >= "0" && $0 <= "9") || ($0 >= "a" && $0 <= "f") || ($0 >= "A" && $0 <= "F") }
            case "o", "O": radix = 8; ok = { $0 >= "0" && $0 <= "7" }
            default: radix = 2; ok = { $0 == "0" || $0 == "1" }
            }
            if peek() == "_" { pos += 1 }
            digits(ok)
            let body = slice(start + 2, pos).replacingUnderscores()
            guard !body.isEmpty else { throw error("invalid number literal", line: line, column: col) }
            if let c = peek(), isIdentContinue(c) { throw error("invalid number literal", line: line, column: col) }
            var t = Token(kind: .int, text: slice(start, pos), start: start, end: pos, line: line, column: col)
            if let v = Int(body, radix: radix) { t.intValue = v } else { t.bigDigits = try wideLiteral(body, line: line, column: col); t.radix = radix }
            tokens.append(t)
            return
        }
        digits(isDigit)
        if peek() == "." { isFloat = true; pos += 1; digits(isDigit) }
        if let e = peek(), e == "e" || e == "E" {
            var k = 1
            if let s = peek(1), s == "+" || s == "-" { k = 2 }
            if let d = peek(k), isDigit(d) {
                isFloat = true
                pos += k
                digits(isDigit)
            }
        }
        if let j = peek(), j == "j" || j == "J" {
            throw error("complex numbers are not supported in lessons", line: line, column: col, kind: .notSupported)
        }
        if let c = peek(), isIdentStart(c) { throw error("invalid decimal literal", line: line, column: col) }
        let lexeme = slice(start, pos)
        let clean = lexeme.replacingUnderscores()
        if isFloat {
            guard let v = Double(clean) else { throw error("invalid decimal literal", line: line, column: col) }
            tokens.append(Token(kind: .float, text: lexeme, floatValue: v, start: start, end: pos, line: line, column: col))
        } else {
            if clean.count > 1, clean.hasPrefix("0"), clean.contains(where: { $0 != "0" }) {
                throw error("leading zeros in decimal integer literals are not permitted", line: line, column: col)
            }
            var t = Token(kind: .int, text: lexeme, start: start, end: pos, line: line, column: col)
            if let v = Int(clean) { t.intValue = v } else { t.bigDigits = try wideLiteral(clean, line: line, column: col) }
            tokens.append(t)
        }
    }

    mutating func identifierOrString() throws {
        let start = pos, col = column
        while let c = peek(), isIdentContinue(c) { pos += 1 }
        let word = slice(start, pos)
        if let q = peek(), q == "'" || q == "\"", word.count <= 2,
           word.lowercased().allSatisfy({ "rbuf".contains($0) }) {
            try string(prefixStart: start, prefix: word.lowercased(), column: col)
            return
        }
        tokens.append(Token(kind: .name, text: word, start: start, end: pos, line: line, column: col))
    }

    mutating func string(prefixStart: Int, prefix: String, column startColumn: Int? = nil) throws {
        let col = startColumn ?? column
        let startLine = line
        if prefix.contains("b") {
            throw error("bytes literals are not supported in lessons", line: line, column: col, kind: .notSupported)
        }
        guard let q = peek() else { return }
        let triple = peek(1) == q && peek(2) == q
        pos += triple ? 3 : 1
        let bodyStart = pos, bodyLine = line, bodyColumn = column
        let raw = prefix.contains("r")
        var bodyEnd = -1
        while pos < limit {
            let c = sc[pos]
            if c == "\\" {
                if peek(1) == "\r" && peek(2) == "\n" { pos += 3; newLine(after: pos); continue }
                if let n = peek(1), n == "\n" || n == "\r" { pos += 2; newLine(after: pos); continue }
                pos += 2
                continue
            }
            if c == "\n" || c == "\r" {
                if !triple {
                    throw error("unterminated string literal (detected at line \(line + text.origin.lineOffset))", line: startLine, column: col)
                }
                pos += (c == "\r" && peek(1) == "\n") ? 2 : 1
                newLine(after: pos)
                continue
            }
            if c == q {
                if !triple { bodyEnd = pos; pos += 1; break }
                if peek(1) == q && peek(2) == q { bodyEnd = pos; pos += 3; break }
            }
            pos += 1
        }
        if bodyEnd < 0 {
            if triple {
                throw error("unterminated triple-quoted string literal (detected at line \(line + text.origin.lineOffset))", line: startLine, column: col)
            }
            throw error("unterminated string literal (detected at line \(line + text.origin.lineOffset))", line: startLine, column: col)
        }
        let body = slice(bodyStart, bodyEnd)
        var tok = Token(kind: .string, text: slice(prefixStart, pos), start: prefixStart, end: pos, line: startLine, column: col)
        tok.isRaw = raw
        tok.isFString = prefix.contains("f")
        tok.stringValue = tok.isFString || raw ? body : Scanner.decodeEscapes(body)
        tok.bodyOffset = bodyStart
        tok.bodyLine = bodyLine
        tok.bodyColumn = bodyColumn
        tokens.append(tok)
    }

    /// Decodes Python backslash escapes (`\n`, `\t`, `\xhh`, `\u....`, octal, ...). Unknown
    /// escapes keep their backslash, as Python does.
    public static func decodeEscapes(_ s: String) -> String {
        let a = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func hex(_ n: Int) -> Unicode.Scalar? {
            guard i + 1 + n <= a.count else { return nil }
            let digits = String(String.UnicodeScalarView(a[(i + 1)...(i + n)]))
            guard let v = UInt32(digits, radix: 16), let u = Unicode.Scalar(v) else { return nil }
            return u
        }
        while i < a.count {
            let c = a[i]
            guard c == "\\", i + 1 < a.count else { out.append(c); i += 1; continue }
            let n = a[i + 1]
            i += 1
            switch n {
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "\\": out.append("\\")
            case "'": out.append("'")
            case "\"": out.append("\"")
            case "a": out.append("\u{07}")
            case "b": out.append("\u{08}")
            case "f": out.append("\u{0C}")
            case "v": out.append("\u{0B}")
            case "\n": break
            case "\r": if i + 1 < a.count, a[i + 1] == "\n" { i += 1 }
            case "x": if let u = hex(2) { out.append(u); i += 2 } else { out.append("\\"); out.append(n) }
            case "u": if let u = hex(4) { out.append(u); i += 4 } else { out.append("\\"); out.append(n) }
            case "U": if let u = hex(8) { out.append(u); i += 8 } else { out.append("\\"); out.append(n) }
            case "0"..."7":
                var v: UInt32 = 0, k = 0
                while k < 3, i + k < a.count, a[i + k] >= "0", a[i + k] <= "7" {
                    v = v * 8 + (a[i + k].value - 48); k += 1
                }
                i += k - 1
                out.append(Unicode.Scalar(v) ?? "?")
            default: out.append("\\"); out.append(n)
            }
            i += 1
        }
        return String(out)
    }

    static let ops3: [String] = ["**=", "//=", ">>=", "<<=", "..."]
    static let ops2: [String] = ["**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
                                 "<<", ">>", "@=", "->", ":="]
    static let ops1: Set<String> = ["+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "(", ")", "[", "]",
                                    "{", "}", ",", ":", ".", ";", "=", "!"]

    mutating func op() throws {
        let start = pos, col = column
        var matched: String? = nil
        for o in Scanner.ops3 where slice(pos, pos + 3) == o { matched = o; break }
        if matched == nil { for o in Scanner.ops2 where slice(pos, pos + 2) == o { matched = o; break } }
        if matched == nil, Scanner.ops1.contains(slice(pos, pos + 1)) { matched = slice(pos, pos + 1) }
        guard let m = matched, let c = peek() else {
            let ch = peek() ?? " "
            let hex = String(ch.value, radix: 16, uppercase: true)
            let padded = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            throw error("invalid character '\(ch)' (U+\(padded))", line: line, column: col)
        }
        pos += m.unicodeScalars.count
        if m.count == 1 {
            switch c {
            case "(", "[", "{": brackets.append((c, line, col))
            case ")", "]", "}":
                guard let (open, _, _) = brackets.last else {
                    throw error("unmatched '\(c)'", line: line, column: col)
                }
                let expected: Unicode.Scalar = open == "(" ? ")" : open == "[" ? "]" : "}"
                if expected != c {
                    throw error("closing parenthesis '\(c)' does not match opening parenthesis '\(open)'", line: line, column: col)
                }
                brackets.removeLast()
            default: break
            }
        }
        tokens.append(Token(kind: .op, text: m, start: start, end: pos, line: line, column: col))
    }
}

extension String {
    func replacingUnderscores() -> String { String(self.filter { $0 != "_" }) }
}
