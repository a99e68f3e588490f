import Foundation

extension Parser {
    // MARK: Expressions

    /// `a, b, c` (a tuple when there is a comma).
    mutating func testList(allowStar: Bool = false) throws -> Expr {
        let start = peek
        let first = try starOrTest()
        guard check(",") else {
            if case .starred = first.kind { throw syntaxError("can't use starred expression here", at: start) }
            return first
        }
        var items = [first]
        while match(",") {
            if isExpressionEnd() { break }
            items.append(try starOrTest())
        }
        return Expr(.tuple(items), range(from: start))
    }

    /// `*x` (an unpacking) or an expression.
    mutating func starOrTest() throws -> Expr {
        let start = peek
        if match("*") { return Expr(.starred(try bitOr()), range(from: start)) }
        return try test()
    }

    /// `yield`, `yield x`, `yield from x`.
    mutating func yieldExpression() throws -> Expr {
        let start = advance()
        if functionDepth == 0 { throw syntaxError("'yield' outside function", at: start) }
        sawYield = true
        if matchKeyword("from") { return Expr(.yieldFrom(try test()), range(from: start)) }
        if isExpressionEnd() || check(")") { return Expr(.yield(nil), range(from: start)) }
        return Expr(.yield(try testList()), range(from: start))
    }

    func isExpressionEnd() -> Bool {
        let t = peek
        if t.kind == .newline || t.kind == .eof || t.kind == .dedent { return true }
        if t.kind == .op && [")", "]", "}", "=", ";", ":"].contains(t.text) { return true }
        if t.kind == .op && t.text.count >= 2 && t.text.hasSuffix("=") && !["==", "!=", "<=", ">="].contains(t.text) { return true }
        return false
    }

    mutating func test() throws -> Expr {
        try enter()
        defer { depth -= 1 }
        if checkKeyword("lambda") { return try lambda() }
        if checkKeyword("yield") { return try yieldExpression() }
        let start = peek
        let body = try orTest()
        if checkKeyword("if") {
            advance()
            let cond = try orTest()
            guard matchKeyword("else") else { throw unexpected("expected 'else' after 'if' expression") }
            let other = try test()
            return Expr(.conditional(test: cond, then: body, otherwise: other), range(from: start))
        }
        return body
    }

    /// One more link in a left-deep chain (`a + b + c`, `a.b.c`, `f()()`): each deepens the
    /// tree by one, and evaluating or freeing the tree recurses that deep, so a chain counts
    /// against the nesting limit too (found by fuzzing: `1+1+...+1` overflowed the stack).
    mutating func link(_ links: inout Int) throws {
        try enter()
        links += 1
    }

    mutating func orTest() throws -> Expr {
        let start = peek
        var links = 0
        defer { depth -= links }
        var e = try andTest()
        while matchKeyword("or") { try link(&links); e = Expr(.or(e, try andTest()), range(from: start)) }
        return e
    }

    mutating func andTest() throws -> Expr {
        let start = peek
        var links = 0
        defer { depth -= links }
        var e = try notTest()
        while matchKeyword("and") { try link(&links); e = Expr(.and(e, try notTest()), range(from: start)) }
        return e
    }

    mutating func notTest() throws -> Expr {
        try enter()
        defer { depth -= 1 }
        let start = peek
        if matchKeyword("not") { return Expr(.not(try notTest()), range(from: start)) }
        return try comparison()
    }

    mutating func comparisonOperator() -> ComparisonOperator? {
        let t = peek
        if t.kind == .op, let op = ComparisonOperator(rawValue: t.text), !["in", "is"].contains(t.text) {
            advance(); return op
        }
        if t.kind == .op && t.text == "<>" { return nil }
        if t.kind == .name {
            if t.text == "in" { advance(); return .in }
            if t.text == "not" && peekAt(1).kind == .name && peekAt(1).text == "in" { advance(); advance(); return .notIn }
            if t.text == "is" {
                advance()
                if matchKeyword("not") { return .isNot }
                return .is
            }
        }
        return nil
    }

    mutating func comparison() throws -> Expr {
        let start = peek
        let first = try bitOr()
        var rest: [(ComparisonOperator, Expr)] = []
        while let op = comparisonOperator() { rest.append((op, try bitOr())) }
        if rest.isEmpty { return first }
        return Expr(.compare(first, rest), range(from: start))
    }

    mutating func binaryLevel(_ ops: [String], _ next: (inout Parser) throws -> Expr) throws -> Expr {
        let start = peek
        var links = 0
        defer { depth -= links }
        var e = try next(&self)
        while peek.kind == .op, ops.contains(peek.text), let op = BinaryOperator(rawValue: peek.text) {
            try link(&links)
            advance()
            let rhs = try next(&self)
            e = Expr(.binary(op, e, rhs), range(from: start))
        }
        return e
    }

    mutating func bitOr() throws -> Expr { try binaryLevel(["|"]) { try $0.bitXor() } }
    mutating func bitXor() throws -> Expr { try binaryLevel(["^"]) { try $0.bitAnd() } }
    mutating func bitAnd() throws -> Expr { try binaryLevel(["&"]) { try $0.shift() } }
    mutating func shift() throws -> Expr { try binaryLevel(["<<", ">>"]) { try $0.arith() } }
    mutating func arith() throws -> Expr { try binaryLevel(["+", "-"]) { try $0.term() } }
    mutating func term() throws -> Expr { try binaryLevel(["*", "/", "//", "%", "@"]) { try $0.factor() } }

    mutating func factor() throws -> Expr {
        try enter()
        defer { depth -= 1 }
        let start = peek
        if peek.kind == .op, ["-", "+", "~"].contains(peek.text), let op = UnaryOperator(rawValue: peek.text) {
            advance()
            let operand = try factor()
            return Expr(.unary(op, operand), range(from: start))
        }
        if check("*") || check("**") {
            throw syntaxError("invalid syntax", at: peek)
        }
        return try power()
    }

    mutating func power() throws -> Expr {
        let start = peek
        let base = try primary()
        if match("**") {
            let exp = try factor()
            return Expr(.binary(.power, base, exp), range(from: start))
        }
        return base
    }

    mutating func primary() throws -> Expr {
        let start = peek
        var links = 0
        defer { depth -= links }
        var e = try atom()
        while true {
            if check("(") || check("[") || check(".") { try link(&links) }
            if match("(") {
                e = try finishCall(e, start: start)
            } else if match("[") {
                let idx = try subscriptList()
                try expect("]", "expected ']'")
                e = Expr(.subscript(e, index: idx), range(from: start))
            } else if match(".") {
                guard peek.kind == .name else { throw unexpected() }
                let name = advance().text
                if Parser.keywords.contains(name) { throw syntaxError("invalid syntax", at: previous) }
                e = Expr(.attribute(e, name: name), range(from: start))
            } else {
                return e
            }
        }
    }

    mutating func finishCall(_ callee: Expr, start: Token) throws -> Expr {
        var args: [Expr] = []
        var keywords: [Keyword] = []
        while !check(")") {
            if check("*") {
                args.append(try starOrTest())
                if !match(",") { break }
                continue
            }
            if check("**") {
                let t = advance()
                let value = try test()
                keywords.append(Keyword(name: "**", nameRange: SourceRange(start: t.start, end: t.end, location: location(t)), value: value))
                if !match(",") { break }
                continue
            }
            if peek.kind == .name, !Parser.keywords.contains(peek.text), peekAt(1).kind == .op, peekAt(1).text == "=" {
                let nameTok = advance()
                advance()
                let value = try test()
                if keywords.contains(where: { $0.name == nameTok.text }) {
                    throw syntaxError("keyword argument repeated: \(nameTok.text)", at: nameTok)
                }
                keywords.append(Keyword(name: nameTok.text, nameRange: SourceRange(start: nameTok.start, end: nameTok.end, location: location(nameTok)), value: value))
            } else {
                let argStart = peek
                let value = try test()
                if checkKeyword("for") {
                    let clauses = try comprehensionClauses()
                    args.append(Expr(.generator(element: value, clauses: clauses), range(from: argStart)))
                } else {
                    if !keywords.isEmpty {
                        throw ScriptError(.syntaxError, "positional argument follows keyword argument", at: value.range.location)
                    }
                    args.append(value)
                }
            }
            if !match(",") { break }
        }
        try expect(")", "expected ')' or ',' in call")
        return Expr(.call(callee, arguments: args, keywords: keywords), range(from: start))
    }

    mutating func subscriptList() throws -> Expr {
        let start = peek
        let first = try subscriptItem()
        guard check(",") else { return first }
        var items = [first]
        while match(",") {
            if check("]") { break }
            items.append(try subscriptItem())
        }
        return Expr(.tuple(items), range(from: start))
    }

    mutating func subscriptItem() throws -> Expr {
        let start = peek
        var lo: Expr? = nil
        if !check(":") { lo = try test() }
        guard match(":") else {
            if let lo = lo { return lo }
            throw unexpected()
        }
        var hi: Expr? = nil, step: Expr? = nil
        if !check(":") && !check(",") && !check("]") { hi = try test() }
        if match(":") {
            if !check(",") && !check("]") { step = try test() }
        }
        return Expr(.slice(lo, hi, step), range(from: start))
    }

    mutating func comprehensionClauses() throws -> [ComprehensionClause] {
        var clauses: [ComprehensionClause] = []
        while checkKeyword("for") {
            advance()
            let target = try targetList()
            try validateTarget(target)
            guard matchKeyword("in") else { throw unexpected("expected 'in'") }
            let iterable = try orTest()
            var conds: [Expr] = []
            while checkKeyword("if") {
                advance()
                conds.append(try orTestNoCond())
            }
            clauses.append(ComprehensionClause(target: target, iterable: iterable, conditions: conds))
        }
        if checkKeyword("async") { throw unexpected() }
        return clauses
    }

    mutating func orTestNoCond() throws -> Expr { try orTest() }

    mutating func atom() throws -> Expr {
        let t = peek
        switch t.kind {
        case .int:
            advance()
            if let digits = t.bigDigits { return wideInteger(digits, radix: t.radix, range(from: t)) }
            return Expr(.int(t.intValue), range(from: t))
        case .float: advance(); return Expr(.float(t.floatValue), range(from: t))
        case .string: return try strings()
        case .name:
            if let e = unsupportedKeyword(t) { throw e }
            switch t.text {
            case "True": advance(); return Expr(.bool(true), range(from: t))
            case "False": advance(); return Expr(.bool(false), range(from: t))
            case "None": advance(); return Expr(.none, range(from: t))
            default:
                if Parser.keywords.contains(t.text) { throw syntaxError("invalid syntax", at: t) }
                advance()
                return Expr(.name(t.text), range(from: t))
            }
        case .op:
            switch t.text {
            case "(":
                advance()
                if match(")") { return Expr(.tuple([]), range(from: t)) }
                if checkKeyword("yield") {
                    let y = try yieldExpression()
                    try expect(")", "expected ')'")
                    return Expr(y.kind, range(from: t))
                }
                let first = check("*") ? try starOrTest() : try namedTest()
                if checkKeyword("for") {
                    let clauses = try comprehensionClauses()
                    try expect(")", "expected ')'")
                    return Expr(.generator(element: first, clauses: clauses), range(from: t))
                }
                if match(")") {
                    // Parenthesised expression: keep the inner node but widen its range.
                    return Expr(first.kind, range(from: t))
                }
                var items = [first]
                while match(",") {
                    if check(")") { break }
                    items.append(try starOrTest())
                }
                try expect(")", "expected ')'")
                return Expr(.tuple(items), range(from: t))
            case "[":
                advance()
                if match("]") { return Expr(.list([]), range(from: t)) }
                let first = try starOrTest()
                if checkKeyword("for") {
                    let clauses = try comprehensionClauses()
                    try expect("]", "expected ']'")
                    return Expr(.listComprehension(element: first, clauses: clauses), range(from: t))
                }
                var items = [first]
                while match(",") {
                    if check("]") { break }
                    items.append(try starOrTest())
                }
                try expect("]", "expected ']'")
                return Expr(.list(items), range(from: t))
            case "{":
                return try braces()
            case "...":
                advance()
                return Expr(.ellipsis, range(from: t))
            default:
                throw unexpected()
            }
        case .newline, .eof:
            throw syntaxError("invalid syntax", at: t)
        case .indent:
            throw ScriptError(.indentationError, "unexpected indent", at: location(t))
        case .dedent, .magic:
            throw syntaxError("invalid syntax", at: t)
        }
    }

    /// `{}`, `{k: v, **d}`, `{k: v for ...}`, `{a, *b}`, `{x for ...}`.
    mutating func braces() throws -> Expr {
        let t = advance()
        if match("}") { return Expr(.dict([]), range(from: t)) }
        var pairs: [(key: Expr?, value: Expr)] = []
        if !check("**") {
            let first = try starOrTest()
            if case .starred = first.kind {} else if match(":") {
                let v = try test()
                if checkKeyword("for") {
                    let clauses = try comprehensionClauses()
                    try expect("}", "expected '}'")
                    return Expr(.dictComprehension(key: first, value: v, clauses: clauses), range(from: t))
                }
                pairs.append((first, v))
                if !match(",") { try expect("}", "expected '}'"); return dictExpr(pairs, t) }
                return try dictEntries(pairs, t)
            }
            if checkKeyword("for") {
                let clauses = try comprehensionClauses()
                try expect("}", "expected '}'")
                return Expr(.setComprehension(element: first, clauses: clauses), range(from: t))
            }
            var items = [first]
            while match(",") {
                if check("}") { break }
                items.append(try starOrTest())
            }
            try expect("}", "expected '}'")
            return Expr(.set(items), range(from: t))
        }
        return try dictEntries(pairs, t)
    }

    mutating func dictEntries(_ start: [(key: Expr?, value: Expr)], _ t: Token) throws -> Expr {
        var pairs = start
        while !check("}") {
            if match("**") {
                pairs.append((nil, try bitOr()))
            } else {
                let k = try test()
                try expect(":", "expected ':'")
                pairs.append((k, try test()))
            }
            if !match(",") { break }
        }
        try expect("}", "expected '}'")
        return dictExpr(pairs, t)
    }

    func dictExpr(_ pairs: [(key: Expr?, value: Expr)], _ t: Token) -> Expr {
        if pairs.allSatisfy({ $0.key != nil }) {
            return Expr(.dict(pairs.compactMap { p in p.key.map { (key: $0, value: p.value) } }), range(from: t))
        }
        return Expr(.dictDisplay(pairs), range(from: t))
    }
}

extension Parser {
    /// A literal wider than 64 bits as `(chunk * radix**k + chunk) * ...`: the interpreter's
    /// big-int arithmetic computes it, so the AST keeps only 64-bit integers.
    func wideInteger(_ digits: String, radix: Int, _ r: SourceRange) -> Expr {
        let chunk = radix == 10 ? 18 : radix == 16 ? 15 : radix == 8 ? 20 : 62
        var scale = 1
        for _ in 0..<chunk { scale *= radix }
        let cs = Array(digits)
        let firstLength = cs.count % chunk == 0 ? chunk : cs.count % chunk
        var acc = Expr(.int(Int(String(cs[0..<firstLength]), radix: radix) ?? 0), r)
        var i = firstLength
        while i < cs.count {
            let part = Int(String(cs[i..<(i + chunk)]), radix: radix) ?? 0
            acc = Expr(.binary(.add, Expr(.binary(.multiply, acc, Expr(.int(scale), r)), r), Expr(.int(part), r)), r)
            i += chunk
        }
        return acc
    }
}
