import Foundation

/// The resumable state of a suspended generator: the blocks being run, innermost last, each
/// with its statement cursor. Statements without `yield` run through the ordinary `exec`;
/// only the statements that contain a `yield` are stepped here, so a generator is a
/// continuation without threads and every step, call and allocation counts as usual.
struct GeneratorBlock {
    enum Kind {
        /// The function body: its end finishes the generator.
        case body
        /// An `if` branch or a loop's `else`.
        case plain
        case forLoop(target: Expr, iterator: ValueIterator, orElse: [Stmt])
        case whileLoop(condition: Expr, orElse: [Stmt])
        case tryBody(handlers: [ExceptHandler], orElse: [Stmt], finally: [Stmt])
        case handler(name: String?, error: ScriptError, finally: [Stmt])
        case tryElse(finally: [Stmt])
        /// A `finally` block, with what resumes when it ends (an error or a flow it delays).
        case finally(pending: GeneratorPending)
        case with(exit: Value)
    }
    var kind: Kind
    var stmts: [Stmt]
    var index = 0
}

/// What a `finally` block delays: nothing, an error to re-raise, or a break/continue/return.
enum GeneratorPending {
    case none
    case error(ScriptError)
    case flow(Interpreter.Flow, Value)
}

/// Where a suspended generator waits.
enum GeneratorAwaiting {
    /// Not started: only `None` may be sent.
    case start
    /// At `yield`: the sent value goes to these targets (none for a bare `yield` statement).
    case value(targets: [Expr])
    /// In `yield from`: values go to the delegate; its result goes to the targets.
    case delegate(ValueIterator, GeneratorObject?, targets: [Expr])
    case finished
}

extension Stmt {
    /// True when the statement contains `yield` outside nested functions and classes.
    var containsYield: Bool {
        func inExpr(_ e: Expr) -> Bool {
            var found = false
            e.walk { x in
                switch x.kind { case .yield, .yieldFrom: found = true; default: break }
            }
            return found
        }
        func inBlock(_ b: [Stmt]) -> Bool { b.contains { $0.containsYield } }
        switch kind {
        case .expression(let e, _): return inExpr(e)
        case .assign(let ts, let v): return inExpr(v) || ts.contains(where: inExpr)
        case .augmentedAssign(let t, _, let v): return inExpr(t) || inExpr(v)
        case .if(let branches, let orElse):
            return branches.contains { inExpr($0.condition) || inBlock($0.body) } || inBlock(orElse)
        case .for(let t, let it, let body, let orElse): return inExpr(t) || inExpr(it) || inBlock(body) || inBlock(orElse)
        case .while(let c, let body, let orElse): return inExpr(c) || inBlock(body) || inBlock(orElse)
        case .return(let e): return e.map(inExpr) ?? false
        case .try(let body, let handlers, let orElse, let fin):
            return inBlock(body) || handlers.contains { ($0.type.map(inExpr) ?? false) || inBlock($0.body) } || inBlock(orElse) || inBlock(fin)
        case .with(let items, let body): return items.contains { inExpr($0.context) } || inBlock(body)
        case .raise(let e, let c): return (e.map(inExpr) ?? false) || (c.map(inExpr) ?? false)
        case .assert(let c, let m): return inExpr(c) || (m.map(inExpr) ?? false)
        case .delete(let ts): return ts.contains(where: inExpr)
        case .timed(_, let body): return inBlock(body)
        default: return false
        }
    }
}
