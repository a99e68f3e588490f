import Foundation

extension Parser {
    // MARK: Strings and f-strings

    mutating func strings() throws -> Expr {
        let start = peek
        var parts: [FStringPart] = []
        var anyF = false
        while peek.kind == .string {
            let t = advance()
            if t.isFString {
                anyF = true
                parts.append(contentsOf: try fstringParts(t, from: t.bodyOffset, to: t.bodyOffset + t.stringValue.unicodeScalars.count,
                                                          line: t.bodyLine, column: t.bodyColumn, depth: 0).parts)
            } else {
                parts.append(.literal(t.stringValue))
            }
        }
        if !anyF {
            var s = ""
            for p in parts { if case .literal(let l) = p { s += l } }
            return Expr(.string(s), range(from: start))
        }
        return Expr(.fstring(parts), range(from: start))
    }

    /// Splits an f-string body (cell offsets `from..<to`) into literal parts and fields.
    /// Stops at an unmatched `}` when `depth > 0` (format spec), returning its offset.
    func fstringParts(_ tok: Token, from: Int, to: Int, line startLine: Int, column startColumn: Int, depth: Int) throws -> (parts: [FStringPart], end: Int) {
        let sc = text.scalars
        if depth > 2 {
            throw ScriptError(.syntaxError, "f-string: expressions nested too deeply", at: text.location(line: startLine, column: startColumn))
        }
        var i = from, line = startLine, column = startColumn
        var parts: [FStringPart] = []
        var literal = String.UnicodeScalarView()
        func at(_ k: Int) -> Unicode.Scalar? { k >= 0 && k < to && k < sc.count ? sc[k] : nil }
        func err(_ m: String) -> ScriptError {
            ScriptError(.syntaxError, "f-string: " + m, at: text.location(line: line, column: column))
        }
        func step() {
            if let c = at(i), c == "\n" { line += 1; column = 1 } else { column += 1 }
            i += 1
        }
        func flush() {
            if !literal.isEmpty {
                let s = String(literal)
                parts.append(.literal(tok.isRaw ? s : Scanner.decodeEscapes(s)))
                literal = String.UnicodeScalarView()
            }
        }
        while i < to, let c = at(i) {
            if c == "\\" && !tok.isRaw, let n = at(i + 1) {
                literal.append(c); literal.append(n); step(); step(); continue
            }
            if c == "{" {
                if at(i + 1) == "{" && depth == 0 { literal.append("{"); step(); step(); continue }
                flush()
                let fieldLine = line, fieldColumn = column
                step()
                // Find the end of the expression: `!`, `:` or `}` at bracket depth 0, outside strings.
                let exprStart = i, exprLine = line, exprColumn = column
                var nest = 0
                var quote: Unicode.Scalar? = nil
                while i < to, let d = at(i) {
                    if let q = quote {
                        if d == q { quote = nil }
                        step(); continue
                    }
                    if d == "'" || d == "\"" { quote = d; step(); continue }
                    if d == "(" || d == "[" || d == "{" { nest += 1 }
                    else if d == ")" || d == "]" || (d == "}" && nest > 0) { nest -= 1 }
                    else if nest == 0 && (d == "}" || d == ":" || (d == "!" && at(i + 1) != "=")) { break }
                    step()
                }
                guard i < to else {
                    throw ScriptError(.syntaxError, "f-string: expecting '}'", at: text.location(line: fieldLine, column: fieldColumn))
                }
                var exprEnd = i
                // `{x=}` debugging form.
                var debugText: String? = nil
                var k = exprEnd - 1
                while k > exprStart, let w = at(k), w == " " { k -= 1 }
                if at(k) == "=", let prev = at(k - 1), !"=!<>".unicodeScalars.contains(prev) {
                    debugText = String(String.UnicodeScalarView(sc[exprStart..<exprEnd]))
                    exprEnd = k
                }
                let exprText = String(String.UnicodeScalarView(sc[exprStart..<exprEnd]))
                if exprText.allSatisfy({ $0 == " " || $0 == "\n" }) {
                    throw ScriptError(.syntaxError, "f-string: valid expression required before '}'", at: text.location(line: fieldLine, column: fieldColumn))
                }
                var sub = Scanner(text, from: exprStart, to: exprEnd, line: exprLine, column: exprColumn)
                let subTokens = try sub.scanTokens()
                var p = Parser(tokens: subTokens, text: text)
                let expr = try p.testList()
                if p.peek.kind != .eof { throw p.syntaxError("f-string: invalid syntax", at: p.peek) }
                var conversion: Character? = debugText != nil ? "r" : nil
                if at(i) == "!" {
                    step()
                    guard let cv = at(i), "rsa".unicodeScalars.contains(cv) else {
                        throw err("invalid conversion character: expected 's', 'r', or 'a'")
                    }
                    conversion = Character(cv)
                    step()
                }
                var spec: [FStringPart] = []
                if at(i) == ":" {
                    if debugText != nil && conversion == "r" && at(i - 1) != "r" { conversion = nil }
                    step()
                    let r = try fstringParts(tok, from: i, to: to, line: line, column: column, depth: depth + 1)
                    spec = r.parts
                    while i < r.end { step() }
                }
                guard at(i) == "}" else { throw err("expecting '}'") }
                step()
                parts.append(.field(expr, conversion: conversion, spec: spec, debugText: debugText))
                continue
            }
            if c == "}" {
                if depth > 0 { flush(); return (parts, i) }
                if at(i + 1) == "}" { literal.append("}"); step(); step(); continue }
                throw err("single '}' is not allowed")
            }
            literal.append(c)
            step()
        }
        if depth > 0 { throw err("expecting '}'") }
        flush()
        return (parts, i)
    }
}
