import Foundation

/// `while`, `try` and `with`.
extension Parser {
    mutating func whileStatement() throws -> Stmt {
        try enter()
        defer { depth -= 1 }
        let start = advance()
        let cond = try namedTest()
        loopDepth += 1
        let body = try block(after: start)
        loopDepth -= 1
        var orElse: [Stmt] = []
        if checkKeyword("else") { orElse = try block(after: advance()) }
        return Stmt(kind: .while(condition: cond, body: body, orElse: orElse), range: range(from: start))
    }

    mutating func tryStatement() throws -> Stmt {
        try enter()
        defer { depth -= 1 }
        let start = advance()
        let body = try block(after: start)
        var handlers: [ExceptHandler] = []
        while checkKeyword("except") {
            let k = advance()
            if check("*") { throw ScriptError(.notSupported, "`except*` is not supported in lessons", at: location(peek)) }
            var type: Expr? = nil
            var name: String? = nil
            if !check(":") {
                type = try test()
                if matchKeyword("as") { name = try identifier() }
            }
            if let last = handlers.last, last.type == nil {
                throw syntaxError("default 'except:' must be last", at: k)
            }
            handlers.append(ExceptHandler(type: type, name: name, body: try block(after: k), location: location(k)))
        }
        var orElse: [Stmt] = []
        if checkKeyword("else") {
            if handlers.isEmpty { throw unexpected("expected 'except' or 'finally' block") }
            orElse = try block(after: advance())
        }
        var fin: [Stmt] = []
        if checkKeyword("finally") { fin = try block(after: advance()) }
        if handlers.isEmpty && fin.isEmpty { throw unexpected("expected 'except' or 'finally' block") }
        return Stmt(kind: .try(body: body, handlers: handlers, orElse: orElse, finally: fin), range: range(from: start))
    }

    mutating func withStatement() throws -> Stmt {
        try enter()
        defer { depth -= 1 }
        let start = advance()
        var items: [(context: Expr, target: Expr?)] = []
        let paren = check("(") && peekAt(1).kind != .op
        repeat {
            let c = try test()
            var target: Expr? = nil
            if matchKeyword("as") {
                let t = try bitOr()
                try validateTarget(t)
                target = t
            }
            items.append((c, target))
        } while match(",")
        _ = paren
        let body = try block(after: start)
        return Stmt(kind: .with(items: items, body: body), range: range(from: start))
    }
}
