import Foundation

/// The statements beyond assignments, imports, `if` and `for`: definitions, `while`, `try`,
/// `raise`, `with`, `del`, `assert`, `return`, `global`/`nonlocal`.
extension Interpreter {
    func execCompound(_ s: Stmt) throws -> Flow {
        switch s.kind {
        case .functionDef(let decl):
            let f = try makeFunction(decl)
            setVariable(decl.name, try decorate(.object(f), with: decl.decorators))
        case .classDef(let decl):
            setVariable(decl.name, try decorate(.object(try makeClass(decl)), with: decl.decorators))
        case .return(let e):
            runtime.returnValue = try e.map { try eval($0) } ?? .none
            return .returning
        case .while(let cond, let body, let orElse):
            while try Interpreter.truthy(try eval(cond)) {
                let f = try execBlock(body)
                if f == .breakLoop { return .normal }
                if f == .returning { return f }
                try tick(cond.range.location)
            }
            return try execBlock(orElse)
        case .try(let body, let handlers, let orElse, let fin):
            return try execTry(body, handlers, orElse, fin)
        case .raise(let e, let cause):
            guard let e = e else {
                if let current = runtime.handling.last { throw current }
                throw ScriptError.runtimeError("No active exception to reraise")
            }
            let v = try eval(e)
            throw try raiseError(v, cause: try cause.map { try eval($0) })
        case .assert(let cond, let message):
            if !(try Interpreter.truthy(try eval(cond))) {
                let m = try message.map { PythonFormat.str(try eval($0)) } ?? ""
                throw ScriptError(.assertionError, m)
            }
        case .delete(let targets):
            for t in targets { try delete(t) }
        case .global(let names):
            if let inner = localScopes.last { inner.globalNames.formUnion(names) }
        case .nonlocal(let names):
            if let inner = localScopes.last { inner.nonlocalNames.formUnion(names) }
        case .with(let items, let body):
            return try execWith(items[...], body)
        case .magic(let text):
            try execMagic(text)
        case .timed(let magic, let body):
            return try execTimed(magic, body)
        default:
            break
        }
        return .normal
    }

    func execTry(_ body: [Stmt], _ handlers: [ExceptHandler], _ orElse: [Stmt], _ fin: [Stmt]) throws -> Flow {
        var flow = Flow.normal
        do {
            do {
                flow = try execBlock(body)
            } catch let e as ScriptError where e.isCatchable && !handlers.isEmpty {
                var handled = false
                for h in handlers {
                    if let t = h.type, !(try handlerMatches(try eval(t), e)) { continue }
                    handled = true
                    if let name = h.name { setVariable(name, .object(exceptionObject(of: e))) }
                    runtime.handling.append(e)
                    defer { runtime.handling.removeLast() }
                    flow = try execBlock(h.body)
                    if let name = h.name { try? deleteVariable(name) }
                    break
                }
                if !handled { throw e }
                if !fin.isEmpty { let f = try execBlock(fin); if f != .normal { return f } }
                return flow
            }
            if flow == .normal { flow = try execBlock(orElse) }
        } catch {
            // `finally` runs on the way out; its own break/return replaces the error.
            if !fin.isEmpty {
                let saved = runtime.returnValue
                let f = try execBlock(fin)
                if f != .normal, (error as? ScriptError)?.isCatchable ?? true { return f }
                runtime.returnValue = saved
            }
            throw error
        }
        if !fin.isEmpty {
            let saved = runtime.returnValue
            let f = try execBlock(fin)
            if f != .normal { return f }
            runtime.returnValue = saved
        }
        return flow
    }

    /// `with a as x, b as y:` is `with a as x: with b as y:`.
    func execWith(_ items: ArraySlice<(context: Expr, target: Expr?)>, _ body: [Stmt]) throws -> Flow {
        guard let item = items.first else { return try execBlock(body) }
        let manager = try eval(item.context)
        let enter = try specialAttribute(manager, "__enter__")
        let exit = try specialAttribute(manager, "__exit__")
        let entered = try call(enter, positional: [])
        if let t = item.target { try assign(t, entered) }
        let flow: Flow
        do {
            flow = try execWith(items.dropFirst(), body)
        } catch let e as ScriptError where e.isCatchable {
            let obj = exceptionObject(of: e)
            let suppress = try call(exit, positional: [.object(obj.cls), .object(obj), .none])
            if try Interpreter.truthy(suppress) { return .normal }
            throw e
        }
        _ = try call(exit, positional: [.none, .none, .none])
        return flow
    }

    /// A special method of any value (`__enter__`), bypassing the dunder guard.
    func specialAttribute(_ v: Value, _ name: String) throws -> Value {
        if case .object(let o) = v, let m = try o.getAttribute(name) { return m }
        throw ScriptError.typeError("'\(v.typeName)' object does not support the context manager protocol")
    }

    func delete(_ target: Expr) throws {
        switch target.kind {
        case .name(let n): try deleteVariable(n)
        case .tuple(let xs), .list(let xs): for x in xs { try delete(x) }
        case .subscript(let objExpr, let indexExpr):
            let obj = try eval(objExpr)
            let idx = try evalIndex(indexExpr)
            try deleteItem(obj, idx)
        case .attribute(let objExpr, let name):
            try deleteAttribute(try eval(objExpr), name)
        default:
            throw ScriptError(.syntaxError, "cannot delete expression")
        }
    }

    func deleteItem(_ obj: Value, _ idx: Value) throws {
        switch obj {
        case .list(let l):
            if case .slice(let s) = idx {
                let (start, _, step, count) = try s.indices(length: l.items.count)
                let drop = Set((0..<count).map { start + $0 * step })
                l.items = l.items.enumerated().filter { !drop.contains($0.offset) }.map { $0.element }
                return
            }
            let i = try Interpreter.normalizeIndex(try indexInt(idx, "list"), l.items.count, "list assignment")
            l.items.remove(at: i)
        case .dict(let d):
            guard try d.remove(idx) != nil else { throw ScriptError.keyError(PythonFormat.repr(idx)) }
        case .object(let o):
            if let i = o as? InstanceObject, try i.special("__delitem__", [idx]) != nil { return }
            if let s = o as? SetObject { _ = s; throw ScriptError.typeError("'set' object doesn't support item deletion") }
            throw ScriptError.typeError("'\(o.typeName)' object doesn't support item deletion")
        default:
            throw ScriptError.typeError("'\(obj.typeName)' object doesn't support item deletion")
        }
    }

    /// Runs a class body and makes the class.
    func makeClass(_ decl: ClassDecl) throws -> ClassObject {
        var bases: [ClassObject] = []
        var hostBases: [HostClass] = []
        for b in decl.bases {
            let v = try eval(b)
            if let c = v.object(as: ClassObject.self) {
                bases.append(c)
                if let h = c.hostBase, !hostBases.contains(where: { $0 === h }) { hostBases.append(h) }
            } else if let h = v.object(as: HostClass.self) {
                if !hostBases.contains(where: { $0 === h }) { hostBases.append(h) }
            } else {
                throw ScriptError.typeError("bases must be types")
            }
        }
        if hostBases.count > 1 {
            throw ScriptError.notSupported("class \(decl.name) derives from more than one host class (\(hostBases.map(\.className).joined(separator: ", "))); lessons may mix one host class with lesson classes")
        }
        if bases.isEmpty, let object = runtime.objectClass { bases = [object] }
        let mroTail = try ClassObject.linearize(bases: bases)
        let scope = Scope(isClassBody: true)
        localScopes.append(scope)
        defer { localScopes.removeLast() }
        _ = try execBlock(decl.body)
        var attributes = scope.vars
        // As CPython: a class that defines `__eq__` but not `__hash__` is unhashable.
        if attributes["__eq__"] != nil, attributes["__hash__"] == nil { attributes["__hash__"] = Value.none }
        let cls = ClassObject(name: decl.name, bases: bases, mroTail: mroTail, hostBase: hostBases.first,
                              attributes: attributes, interpreter: self)
        if let d = decl.docstring { cls.attributes["__doc__"] = .str(d) }
        for (_, v) in scope.vars {
            guard case .object(let o) = v else { continue }
            let inner = (o as? StaticMethodObject)?.function ?? (o as? ClassMethodObject)?.function ?? (o as? PropertyObject)?.getter ?? v
            for f in [inner, (o as? PropertyObject)?.setter].compactMap({ $0 }) {
                if let fo = f.object(as: FunctionObject.self), fo.owner == nil {
                    fo.owner = cls
                    fo.qualifiedName = decl.name + "." + fo.decl.name
                }
            }
        }
        return cls
    }
}
