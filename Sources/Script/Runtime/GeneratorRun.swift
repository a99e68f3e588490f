import Foundation

/// The stepping of a generator's block stack: statements without `yield` run through `exec`;
/// the compound statements around a `yield` become blocks, so the body can stop at a `yield`
/// and resume there. Errors and break/continue/return unwind the blocks as `execTry`,
/// `execWith` and the loops do.
extension GeneratorObject {
    /// Runs until a `yield` (its value) or the end of the body (nil).
    func runBlocks(_ initial: ScriptError?) throws -> Value? {
        let interp = interpreter
        var pending = initial
        while true {
            if let e = pending {
                // Outside the `do`: an error no block handles leaves the generator.
                pending = nil
                guard e.isCatchable else { throw e }
                try unwind(e)
                continue
            }
            do {
                guard let top = blocks.last else { finish(.none); return nil }
                if top.index >= top.stmts.count {
                    if try endBlock() { return nil }
                    continue
                }
                let s = top.stmts[top.index]
                blocks[blocks.count - 1].index += 1
                if !s.containsYield {
                    let flow = try interp.exec(s)
                    if flow != .normal, try unwindFlow(flow) { return nil }
                    continue
                }
                try interp.tick(s.range.location)
                interp.currentLocation = s.range.location
                do {
                    if let v = try start(s) { return v }
                } catch let e as ScriptError {
                    throw e.located(s.range.location)
                }
            } catch let e as ScriptError {
                guard e.isCatchable else { throw e }
                pending = e
            }
        }
    }

    /// Starts a statement that contains `yield`: pushes its block, or suspends at the `yield`.
    private func start(_ s: Stmt) throws -> Value? {
        let interp = interpreter
        switch s.kind {
        case .expression(let e, _):
            return try yieldPoint(e, targets: [])
        case .assign(let targets, let value):
            return try yieldPoint(value, targets: targets)
        case .if(let branches, let orElse):
            for b in branches {
                if try Interpreter.truthy(try interp.eval(b.condition)) {
                    blocks.append(GeneratorBlock(kind: .plain, stmts: b.body))
                    return nil
                }
            }
            blocks.append(GeneratorBlock(kind: .plain, stmts: orElse))
        case .for(let target, let iterable, let body, let orElse):
            let it = try interp.iterate(try interp.eval(iterable))
            // Parked at the end of the body: `endBlock` pulls the first element.
            blocks.append(GeneratorBlock(kind: .forLoop(target: target, iterator: it, orElse: orElse), stmts: body, index: body.count))
        case .while(let condition, let body, let orElse):
            if try Interpreter.truthy(try interp.eval(condition)) {
                blocks.append(GeneratorBlock(kind: .whileLoop(condition: condition, orElse: orElse), stmts: body))
            } else {
                blocks.append(GeneratorBlock(kind: .plain, stmts: orElse))
            }
        case .try(let body, let handlers, let orElse, let fin):
            blocks.append(GeneratorBlock(kind: .tryBody(handlers: handlers, orElse: orElse, finally: fin), stmts: body))
        case .with(let items, let body):
            guard let item = items.first else {
                blocks.append(GeneratorBlock(kind: .plain, stmts: body))
                return nil
            }
            let manager = try interp.eval(item.context)
            let enter = try interp.specialAttribute(manager, "__enter__")
            let exit = try interp.specialAttribute(manager, "__exit__")
            let entered = try interp.call(enter, positional: [])
            let rest = items.count > 1 ? [Stmt(kind: .with(items: Array(items.dropFirst()), body: body), range: s.range)] : body
            blocks.append(GeneratorBlock(kind: .with(exit: exit), stmts: rest))
            if let t = item.target { try interp.assign(t, entered) }
        default:
            throw ScriptError.notSupported(Interpreter.yieldPlacement)
        }
        return nil
    }

    /// `yield x` / `yield from it` as a statement or an assignment's value.
    private func yieldPoint(_ e: Expr, targets: [Expr]) throws -> Value? {
        let interp = interpreter
        switch e.kind {
        case .yield(let x):
            let v = try x.map { try interp.eval($0) } ?? .none
            awaiting = .value(targets: targets)
            return v
        case .yieldFrom(let x):
            let source = try interp.eval(x)
            let sub = source.object(as: GeneratorObject.self)
            let it = try interp.iterate(source)
            if let v = try it.next() {
                awaiting = .delegate(it, sub, targets: targets)
                return v
            }
            let result = sub?.takeReturnValue() ?? .none
            for t in targets { try interp.assign(t, result) }
            return nil
        default:
            throw ScriptError.notSupported(Interpreter.yieldPlacement)
        }
    }

    /// The end of the innermost block: next loop turn, `else`, `finally`, `__exit__`.
    /// True when the generator finished.
    private func endBlock() throws -> Bool {
        let interp = interpreter
        let last = blocks.count - 1
        switch blocks[last].kind {
        case .body:
            finish(.none)
            return true
        case .plain:
            blocks.removeLast()
        case .forLoop(let target, let it, let orElse):
            if let x = try it.next() {
                try interp.assign(target, x)
                blocks[last].index = 0
            } else {
                blocks[last] = GeneratorBlock(kind: .plain, stmts: orElse)
            }
        case .whileLoop(let condition, let orElse):
            try interp.tick(condition.range.location)
            if try Interpreter.truthy(try interp.eval(condition)) {
                blocks[last].index = 0
            } else {
                blocks[last] = GeneratorBlock(kind: .plain, stmts: orElse)
            }
        case .tryBody(_, let orElse, let fin):
            blocks[last] = GeneratorBlock(kind: .tryElse(finally: fin), stmts: orElse)
        case .handler(let name, _, let fin):
            blocks.removeLast()
            leaveHandler(name)
            if !fin.isEmpty { blocks.append(GeneratorBlock(kind: .finally(pending: .none), stmts: fin)) }
        case .tryElse(let fin):
            blocks.removeLast()
            if !fin.isEmpty { blocks.append(GeneratorBlock(kind: .finally(pending: .none), stmts: fin)) }
        case .finally(let pending):
            blocks.removeLast()
            switch pending {
            case .none: break
            case .error(let e): throw e
            case .flow(let f, let value):
                interp.runtime.returnValue = value
                return try unwindFlow(f)
            }
        case .with(let exit):
            blocks.removeLast()
            _ = try interp.call(exit, positional: [.none, .none, .none])
        }
        return false
    }

    private func leaveHandler(_ name: String?) {
        let interp = interpreter
        if !interp.runtime.handling.isEmpty { interp.runtime.handling.removeLast() }
        if let n = name { try? interp.deleteVariable(n) }
    }

    /// An error raised in the body: the innermost matching `except`, else `finally` and
    /// `__exit__` on the way out; rethrown when no block handles it.
    private func unwind(_ error: ScriptError) throws {
        let interp = interpreter
        var e = error
        while let top = blocks.popLast() {
            do {
                switch top.kind {
                case .tryBody(let handlers, _, let fin):
                    for h in handlers {
                        if let t = h.type, !(try interp.handlerMatches(try interp.eval(t), e)) { continue }
                        if let n = h.name { interp.setVariable(n, .object(interp.exceptionObject(of: e))) }
                        interp.runtime.handling.append(e)
                        blocks.append(GeneratorBlock(kind: .handler(name: h.name, error: e, finally: fin), stmts: h.body))
                        return
                    }
                    if !fin.isEmpty {
                        blocks.append(GeneratorBlock(kind: .finally(pending: .error(e)), stmts: fin))
                        return
                    }
                case .handler(let name, _, let fin):
                    leaveHandler(name)
                    if !fin.isEmpty {
                        blocks.append(GeneratorBlock(kind: .finally(pending: .error(e)), stmts: fin))
                        return
                    }
                case .tryElse(let fin):
                    if !fin.isEmpty {
                        blocks.append(GeneratorBlock(kind: .finally(pending: .error(e)), stmts: fin))
                        return
                    }
                case .with(let exit):
                    let obj = interp.exceptionObject(of: e)
                    let suppress = try interp.call(exit, positional: [.object(obj.cls), .object(obj), .none])
                    if try Interpreter.truthy(suppress) { return }
                default:
                    continue
                }
            } catch let x as ScriptError {
                guard x.isCatchable else { throw x }
                e = x
            }
        }
        throw e
    }

    /// break/continue/return from a statement of the body. True when the generator returned.
    func unwindFlow(_ flow: Interpreter.Flow) throws -> Bool {
        let interp = interpreter
        let value = interp.runtime.returnValue
        interp.runtime.returnValue = .none
        while let top = blocks.last {
            switch top.kind {
            case .forLoop, .whileLoop:
                if flow == .breakLoop { blocks.removeLast(); return false }
                if flow == .continueLoop { blocks[blocks.count - 1].index = top.stmts.count; return false }
                blocks.removeLast()
            case .tryBody(_, _, let fin), .tryElse(let fin), .handler(_, _, let fin):
                blocks.removeLast()
                if case .handler(let name, _, _) = top.kind { leaveHandler(name) }
                if !fin.isEmpty {
                    blocks.append(GeneratorBlock(kind: .finally(pending: .flow(flow, value)), stmts: fin))
                    return false
                }
            case .with(let exit):
                blocks.removeLast()
                _ = try interp.call(exit, positional: [.none, .none, .none])
            case .body:
                finish(flow == .returning ? value : .none)
                return true
            case .plain, .finally:
                blocks.removeLast()
            }
        }
        finish(flow == .returning ? value : .none)
        return true
    }
}

extension Interpreter {
    static let yieldPlacement = "this use of 'yield' is not supported in lessons: write `yield value`, `x = yield value` or `yield from it` as a statement"
}
