import Foundation

/// `def`, `lambda`, `class` and decorators.
extension Parser {
    /// `@decorator` lines, then the `def` or `class` they decorate.
    mutating func decorated() throws -> Stmt {
        var decorators: [Expr] = []
        while match("@") {
            decorators.append(try namedTest())
            guard peek.kind == .newline else { throw unexpected() }
            advance()
        }
        if checkKeyword("def") { return try functionDefinition(decorators: decorators) }
        if checkKeyword("class") { return try classDefinition(decorators: decorators) }
        throw unexpected("expected 'def' or 'class' after a decorator")
    }

    /// The string a body starts with, if any (its docstring).
    static func docstring(_ body: [Stmt]) -> String? {
        if let first = body.first, case .expression(let e, _) = first.kind, case .string(let s) = e.kind { return s }
        return nil
    }

    mutating func functionDefinition(decorators: [Expr]) throws -> Stmt {
        try enter()
        defer { depth -= 1 }
        let start = advance()
        let name = try identifier()
        try expect("(", "expected '('")
        let params = try parameters(closing: ")")
        try expect(")", "expected ')'")
        if match("->") { _ = try test() }
        let (savedLoop, savedYield) = (loopDepth, sawYield)
        loopDepth = 0; sawYield = false; functionDepth += 1
        defer { loopDepth = savedLoop; sawYield = savedYield; functionDepth -= 1 }
        let body = try block(after: start)
        let decl = FunctionDecl(name: name, parameters: params, body: body, decorators: decorators, isGenerator: sawYield,
                                docstring: Parser.docstring(body), location: location(start))
        return Stmt(kind: .functionDef(decl), range: range(from: start))
    }

    /// A parameter list up to `closing` (`)` for `def`, `:` for `lambda`).
    mutating func parameters(closing: String) throws -> [Parameter] {
        var params: [Parameter] = []
        var keywordOnly = false
        var sawDefault = false
        while !check(closing) {
            let t = peek
            if match("/") { if !match(",") { break }; continue }
            if match("**") {
                params.append(Parameter(name: try identifier(), kind: .varKeywords, defaultValue: nil))
                if closing == ")", match(":") { _ = try test() }
                _ = match(",")
                break
            }
            if match("*") {
                keywordOnly = true
                if check(",") { advance(); continue }
                params.append(Parameter(name: try identifier(), kind: .varArgs, defaultValue: nil))
                if closing == ")", match(":") { _ = try test() }
                if !match(",") { break }
                continue
            }
            let name = try identifier()
            if params.contains(where: { $0.name == name }) {
                throw syntaxError("duplicate argument '\(name)' in function definition", at: t)
            }
            if closing == ")", match(":") { _ = try test() }
            var def: Expr? = nil
            if match("=") { def = try test(); sawDefault = true } else if sawDefault && !keywordOnly {
                throw syntaxError("non-default argument follows default argument", at: t)
            }
            params.append(Parameter(name: name, kind: keywordOnly ? .keywordOnly : .positional, defaultValue: def))
            if !match(",") { break }
        }
        return params
    }

    mutating func lambda() throws -> Expr {
        let start = advance()
        let params = try parameters(closing: ":")
        try expect(":", "expected ':'")
        let savedYield = sawYield
        functionDepth += 1
        defer { functionDepth -= 1; sawYield = savedYield }
        let body = try test()
        let ret = Stmt(kind: .return(body), range: body.range)
        let decl = FunctionDecl(name: "<lambda>", parameters: params, body: [ret], decorators: [], isGenerator: false,
                                docstring: nil, location: location(start))
        return Expr(.lambda(decl), range(from: start))
    }

    mutating func classDefinition(decorators: [Expr]) throws -> Stmt {
        try enter()
        defer { depth -= 1 }
        let start = advance()
        let name = try identifier()
        var bases: [Expr] = []
        if match("(") {
            while !check(")") {
                if peek.kind == .name, peekAt(1).kind == .op, peekAt(1).text == "=" {
                    throw ScriptError(.notSupported, "class keywords (metaclass=...) are not supported in lessons", at: location(peek))
                }
                bases.append(try test())
                if !match(",") { break }
            }
            try expect(")", "expected ')'")
        }
        let (savedLoop, savedFunction) = (loopDepth, functionDepth)
        loopDepth = 0; functionDepth = 0
        defer { loopDepth = savedLoop; functionDepth = savedFunction }
        let body = try block(after: start)
        let decl = ClassDecl(name: name, bases: bases, body: body, decorators: decorators, docstring: Parser.docstring(body))
        return Stmt(kind: .classDef(decl), range: range(from: start))
    }
}
