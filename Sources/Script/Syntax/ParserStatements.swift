import Foundation

extension Parser {
    // MARK: Statements

    mutating func parseProgram() throws -> [Stmt] {
        var out: [Stmt] = []
        while peek.kind != .eof {
            if peek.kind == .newline { advance(); continue }
            if peek.kind == .indent { throw ScriptError(.indentationError, "unexpected indent", at: location(peek)) }
            if peek.kind == .dedent { advance(); continue }
            out.append(contentsOf: try statement())
        }
        return out
    }

    mutating func statement() throws -> [Stmt] {
        let t = peek
        if t.kind == .name {
            switch t.text {
            case "if": return [try ifStatement()]
            case "for": return [try forStatement()]
            case "while": return [try whileStatement()]
            case "def": return [try functionDefinition(decorators: [])]
            case "class": return [try classDefinition(decorators: [])]
            case "try": return [try tryStatement()]
            case "with": return [try withStatement()]
            default: break
            }
        }
        if check("@") { return [try decorated()] }
        if t.kind == .magic { return [try magicStatement()] }
        return try simpleStatements()
    }

    mutating func simpleStatements() throws -> [Stmt] {
        var out: [Stmt] = []
        while true {
            var s = try simpleStatement()
            if check(";") {
                advance()
                if case .expression(let e, _) = s.kind { s.kind = .expression(e, hasSemicolon: true) }
                out.append(s)
                if peek.kind == .newline || peek.kind == .eof { break }
                continue
            }
            out.append(s)
            break
        }
        if peek.kind == .newline { advance() } else if peek.kind != .eof {
            if let last = out.last, case .expression(let e, _) = last.kind, case .name("print") = e.kind,
               peek.kind == .string || peek.kind == .name || peek.kind == .int || peek.kind == .float {
                throw ScriptError(.syntaxError, "Missing parentheses in call to 'print'. Did you mean print(...)?", at: e.range.location)
            }
            throw unexpected()
        }
        return out
    }

    mutating func simpleStatement() throws -> Stmt {
        let start = peek
        if start.kind == .name {
            if let e = unsupportedKeyword(start) { throw e }
            switch start.text {
            case "pass": advance(); return Stmt(kind: .pass, range: range(from: start))
            case "break", "continue":
                if loopDepth == 0 { throw syntaxError("'\(start.text)' outside loop", at: start) }
                advance()
                return Stmt(kind: start.text == "break" ? .break : .continue, range: range(from: start))
            case "return":
                if functionDepth == 0 { throw syntaxError("'return' outside function", at: start) }
                advance()
                let value: Expr? = isExpressionEnd() ? nil : try testList()
                return Stmt(kind: .return(value), range: range(from: start))
            case "raise":
                advance()
                if isExpressionEnd() { return Stmt(kind: .raise(nil, cause: nil), range: range(from: start)) }
                let e = try test()
                let cause: Expr? = matchKeyword("from") ? try test() : nil
                return Stmt(kind: .raise(e, cause: cause), range: range(from: start))
            case "assert":
                advance()
                let c = try test()
                let m: Expr? = match(",") ? try test() : nil
                return Stmt(kind: .assert(c, message: m), range: range(from: start))
            case "del":
                advance()
                var targets: [Expr] = []
                repeat {
                    if isExpressionEnd() { break }
                    let t = try bitOr()
                    try validateTarget(t)
                    targets.append(t)
                } while match(",")
                return Stmt(kind: .delete(targets), range: range(from: start))
            case "global", "nonlocal":
                advance()
                var names: [String] = []
                repeat { names.append(try identifier()) } while match(",")
                if start.text == "nonlocal" && functionDepth == 0 {
                    throw syntaxError("nonlocal declaration not allowed at module level", at: start)
                }
                return Stmt(kind: start.text == "global" ? .global(names) : .nonlocal(names), range: range(from: start))
            case "import": return try importStatement()
            case "from": return try fromImportStatement()
            case "elif", "else":
                throw syntaxError("'\(start.text)' without a matching 'if'", at: start)
            default: break
            }
        }
        if start.kind == .indent { throw ScriptError(.indentationError, "unexpected indent", at: location(start)) }
        let first = try testList(allowStar: true)
        if check("=") {
            var targets = [first]
            var value = first
            while match("=") {
                value = try testList(allowStar: true)
                targets.append(value)
            }
            targets.removeLast()
            for t in targets { try validateTarget(t) }
            try rejectStarred(value)
            return Stmt(kind: .assign(targets: targets, value: value), range: range(from: start))
        }
        if peek.kind == .op, peek.text.count >= 2, peek.text.hasSuffix("="),
           let op = BinaryOperator(rawValue: String(peek.text.dropLast())) {
            let opTok = advance()
            switch first.kind {
            case .name, .attribute, .subscript: break
            default: throw syntaxError("'\(describe(first))' is an illegal expression for augmented assignment", at: opTok)
            }
            let value = try testList()
            return Stmt(kind: .augmentedAssign(target: first, op: op, value: value), range: range(from: start))
        }
        if check(":") {
            // `x: int = 5` assigns; `x: int` alone only annotates.
            advance()
            _ = try test()
            try validateTarget(first)
            if match("=") {
                let value = try testList(allowStar: true)
                return Stmt(kind: .assign(targets: [first], value: value), range: range(from: start))
            }
            return Stmt(kind: .pass, range: range(from: start))
        }
        try rejectStarred(first)
        return Stmt(kind: .expression(first, hasSemicolon: false), range: range(from: start))
    }

    func describe(_ e: Expr) -> String {
        switch e.kind {
        case .call: return "function call"
        case .int, .float, .string, .bool, .none: return "literal"
        case .tuple: return "tuple"
        case .list: return "list"
        case .binary, .unary: return "expression"
        default: return "expression"
        }
    }

    func rejectStarred(_ e: Expr) throws {
        if case .tuple(let xs) = e.kind { for x in xs { try rejectStarred(x) } }
    }

    func validateTarget(_ e: Expr) throws {
        switch e.kind {
        case .name(let n):
            if n == "None" || n == "True" || n == "False" {
                throw ScriptError(.syntaxError, "cannot assign to \(n)", at: e.range.location)
            }
        case .attribute, .subscript: return
        case .starred(let x): try validateTarget(x)
        case .tuple(let xs), .list(let xs): for x in xs { try validateTarget(x) }
        case .call: throw ScriptError(.syntaxError, "cannot assign to function call here. Maybe you meant '==' instead of '='?", at: e.range.location)
        case .int, .float, .string, .bool, .none: throw ScriptError(.syntaxError, "cannot assign to literal here. Maybe you meant '==' instead of '='?", at: e.range.location)
        default: throw ScriptError(.syntaxError, "cannot assign to expression here. Maybe you meant '==' instead of '='?", at: e.range.location)
        }
    }

    mutating func dottedName() throws -> [String] {
        var parts: [String] = []
        repeat {
            guard peek.kind == .name, !Parser.keywords.contains(peek.text) else { throw unexpected() }
            parts.append(advance().text)
        } while match(".")
        return parts
    }

    mutating func importStatement() throws -> Stmt {
        let start = advance()
        var names: [ImportName] = []
        repeat {
            let module = try dottedName()
            var alias: String? = nil
            if matchKeyword("as") { alias = try identifier() }
            names.append(ImportName(module: module, alias: alias))
        } while match(",")
        return Stmt(kind: .import(names), range: range(from: start))
    }

    mutating func identifier() throws -> String {
        guard peek.kind == .name, !Parser.keywords.contains(peek.text) else { throw unexpected() }
        return advance().text
    }

    mutating func fromImportStatement() throws -> Stmt {
        let start = advance()
        if check(".") || check("...") {
            throw ScriptError(.notSupported, "relative imports are not supported in lessons. " + ScriptError.supportedSubset, at: location(peek))
        }
        let module = try dottedName()
        guard matchKeyword("import") else { throw unexpected() }
        if check("*") {
            throw ScriptError(.notSupported, "`from ... import *` is not supported in lessons; import names explicitly", at: location(peek))
        }
        let paren = match("(")
        var names: [(String, String?)] = []
        repeat {
            if paren && check(")") { break }
            let n = try identifier()
            var alias: String? = nil
            if matchKeyword("as") { alias = try identifier() }
            names.append((n, alias))
        } while match(",")
        if paren { try expect(")") }
        return Stmt(kind: .fromImport(module: module, names: names.map { (name: $0.0, alias: $0.1) }), range: range(from: start))
    }

    mutating func block(after keyword: Token) throws -> [Stmt] {
        try expect(":", "expected ':'")
        if peek.kind != .newline {
            return try simpleStatements()
        }
        advance()
        guard peek.kind == .indent else {
            throw ScriptError(.indentationError, "expected an indented block after '\(keyword.text)' statement on line \(keyword.line + text.origin.lineOffset)", at: location(peek))
        }
        advance()
        var body: [Stmt] = []
        while peek.kind != .dedent && peek.kind != .eof {
            if peek.kind == .newline { advance(); continue }
            if peek.kind == .indent { throw ScriptError(.indentationError, "unexpected indent", at: location(peek)) }
            body.append(contentsOf: try statement())
        }
        if peek.kind == .dedent { advance() }
        return body
    }

    mutating func ifStatement() throws -> Stmt {
        try enter()
        defer { depth -= 1 }
        let start = advance()
        var branches: [(condition: Expr, body: [Stmt])] = []
        let cond = try namedTest()
        branches.append((cond, try block(after: start)))
        var orElse: [Stmt] = []
        while checkKeyword("elif") {
            let k = advance()
            let c = try namedTest()
            branches.append((c, try block(after: k)))
        }
        if checkKeyword("else") {
            let k = advance()
            orElse = try block(after: k)
        }
        return Stmt(kind: .if(branches: branches, orElse: orElse), range: range(from: start))
    }

    mutating func namedTest() throws -> Expr {
        let start = peek
        let e = try test()
        if check(":=") {
            guard case .name(let n) = e.kind else {
                throw syntaxError("cannot use assignment expressions with \(describe(e))", at: start)
            }
            advance()
            let value = try test()
            return Expr(.walrus(n, value), range(from: start))
        }
        return e
    }

    mutating func forStatement() throws -> Stmt {
        try enter()
        defer { depth -= 1 }
        let start = advance()
        let target = try targetList()
        try validateTarget(target)
        guard matchKeyword("in") else { throw unexpected("expected 'in'") }
        let iterable = try testList(allowStar: true)
        loopDepth += 1
        let body = try block(after: start)
        loopDepth -= 1
        var orElse: [Stmt] = []
        if checkKeyword("else") {
            let k = advance()
            orElse = try block(after: k)
        }
        return Stmt(kind: .for(target: target, iterable: iterable, body: body, orElse: orElse), range: range(from: start))
    }

    /// `a, (b, c)` as a for/comprehension target (stops before `in`).
    mutating func targetList() throws -> Expr {
        let start = peek
        func item(_ p: inout Parser) throws -> Expr {
            let s = p.peek
            if p.match("*") { return Expr(.starred(try p.bitOr()), p.range(from: s)) }
            return try p.bitOr()
        }
        var items = [try item(&self)]
        var trailing = false
        while match(",") {
            trailing = true
            if checkKeyword("in") { break }
            items.append(try item(&self))
            trailing = false
        }
        if items.count == 1 && !trailing { return items[0] }
        return Expr(.tuple(items), range(from: start))
    }

    /// An IPython line: `%time stmt`, `%timeit stmt`, `%%time` (the rest of the cell), others.
    mutating func magicStatement() throws -> Stmt {
        let start = advance()
        if start.text == "%time" || start.text == "%timeit" {
            let body = try simpleStatements()
            return Stmt(kind: .timed(magic: start.text, body: body), range: range(from: start))
        }
        if start.text.hasPrefix("%%time") {
            var body: [Stmt] = []
            while peek.kind != .eof {
                if peek.kind == .newline || peek.kind == .dedent { advance(); continue }
                body.append(contentsOf: try statement())
            }
            return Stmt(kind: .timed(magic: "%%time", body: body), range: range(from: start))
        }
        if peek.kind == .newline { advance() }
        return Stmt(kind: .magic(start.text), range: range(from: start))
    }
}
