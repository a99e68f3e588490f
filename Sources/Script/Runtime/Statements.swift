import Foundation

extension Interpreter {
    // MARK: Statements

    enum Flow { case normal, breakLoop, continueLoop, returning }

    func execBlock(_ stmts: [Stmt]) throws -> Flow {
        for s in stmts {
            let f = try exec(s)
            if f != .normal { return f }
        }
        return .normal
    }

    func exec(_ s: Stmt) throws -> Flow {
        try tick(s.range.location)
        currentLocation = s.range.location
        do {
            return try execKind(s)
        } catch let e as ScriptError {
            throw e.located(s.range.location)
        }
    }

    /// Dispatch only: each kind runs in its own function so that the frames on the path of
    /// lesson recursion stay small (see `evalInner`).
    func execKind(_ s: Stmt) throws -> Flow {
        switch s.kind {
        case .expression(let e, _):
            _ = try eval(e)
            return .normal
        case .return(let e):
            runtime.returnValue = try e.map { try eval($0) } ?? .none
            return .returning
        case .assign: return try execAssign(s)
        case .if: return try execIf(s)
        case .for: return try execFor(s)
        case .pass: return .normal
        case .break: return .breakLoop
        case .continue: return .continueLoop
        case .augmentedAssign, .import, .fromImport: return try execSimple(s)
        default: return try execCompound(s)
        }
    }

    @inline(never) func execAssign(_ s: Stmt) throws -> Flow {
        guard case .assign(let targets, let valueExpr) = s.kind else { return .normal }
        let v = try eval(valueExpr)
        for t in targets { try assign(t, v) }
        return .normal
    }

    @inline(never) func execIf(_ s: Stmt) throws -> Flow {
        guard case .if(let branches, let orElse) = s.kind else { return .normal }
        for b in branches {
            if try Interpreter.truthy(try eval(b.condition)) { return try execBlock(b.body) }
        }
        return try execBlock(orElse)
    }

    @inline(never) func execFor(_ s: Stmt) throws -> Flow {
        guard case .for(let target, let iterableExpr, let body, let orElse) = s.kind else { return .normal }
        let iterable = try eval(iterableExpr)
        if case .range(let r) = iterable, r.count > limits.maxSteps - stepsUsed {
            throw ScriptError(.stepLimitExceeded, "this loop would run \(r.count) iterations, more than the \(limits.maxSteps) steps a lesson cell may take", at: iterableExpr.range.location)
        }
        let it = try iterate(iterable)
        while let x = try it.next() {
            try assign(target, x)
            let f = try execBlock(body)
            if f == .breakLoop { return .normal }
            if f == .returning { return f }
        }
        return try execBlock(orElse)
    }

    @inline(never) func execSimple(_ s: Stmt) throws -> Flow {
        switch s.kind {
        case .augmentedAssign(let target, let op, let valueExpr):
            try augmentedAssign(target, op, valueExpr)
        case .import(let names):
            for n in names {
                let m = try importModule(n.module, at: s.range.location)
                if let alias = n.alias {
                    setVariable(alias, .module(m))
                } else if let first = n.module.first {
                    setVariable(first, .module(try importModule([first], at: s.range.location)))
                }
            }
        case .fromImport(let modName, let names):
            let m = try importModule(modName, at: s.range.location)
            for (name, alias) in names {
                if name.hasPrefix("__") {
                    throw ScriptError.notSupported("importing '\(name)' is not supported in lessons")
                }
                var value: Value? = try m.members[name] ?? m.dynamicAttribute?(name)
                if value == nil, let sub = try? importModule(modName + [name], at: nil) { value = .module(sub) }
                guard let v = value else {
                    throw ScriptError(.importError, "cannot import name '\(name)' from '\(m.name)'")
                }
                setVariable(alias ?? name, v)
            }
        default: break
        }
        return .normal
    }

    /// Imports a dotted module through the host importer (parents are synthesised as
    /// namespaces when the host only provides the child).
    func importModule(_ path: [String], at loc: SourceLocation?) throws -> ModuleValue {
        let name = path.joined(separator: ".")
        if let m = modules[name] { return m }
        if let m = try importer.importModule(named: name) {
            modules[name] = m
            return m
        }
        if let m = try standardModule(name) {
            modules[name] = m
            return m
        }
        // A namespace parent of a provided module (`tensorflow` when only `tensorflow.keras` is).
        if importer.supportedModules.contains(where: { $0.hasPrefix(name + ".") }) {
            let m = ModuleValue(name: name)
            modules[name] = m
            return m
        }
        let supported = importer.supportedModules + Interpreter.standardModuleNames.filter { !$0.hasPrefix("_") }
        let list = supported.joined(separator: ", ")
        // As CPython, name the first missing package of a dotted name (`sklearn`, not `sklearn.model_selection`).
        var missing = name
        if let top = path.first, !supported.contains(where: { $0 == top || $0.hasPrefix(top + ".") }) { missing = top }
        throw ScriptError(.moduleNotFoundError, "No module named '\(missing)'; lessons can import: \(list)", at: loc)
    }

    func assign(_ target: Expr, _ v: Value) throws {
        do {
            switch target.kind {
            case .name(let n): setVariable(n, v)
            case .attribute(let objExpr, let name):
                let obj = try eval(objExpr)
                try checkAttributeName(name)
                switch obj {
                case .object(let o): try o.setAttribute(name, v)
                case .module(let m): m.members[name] = v
                default: throw ScriptError.attributeError("'\(obj.typeName)' object attribute '\(name)' is read-only")
                }
            case .subscript(let objExpr, let indexExpr):
                let obj = try eval(objExpr)
                let idx = try evalIndex(indexExpr)
                try setItem(obj, idx, v)
            case .tuple(let targets), .list(let targets):
                try assignUnpacking(targets, v)
            default:
                throw ScriptError(.syntaxError, "cannot assign to expression")
            }
        } catch let e as ScriptError {
            throw e.located(target.range.location)
        }
    }

    func augmentedAssign(_ target: Expr, _ op: BinaryOperator, _ valueExpr: Expr) throws {
        switch target.kind {
        case .name(let n):
            let old = try lookup(n)
            let rhs = try eval(valueExpr)
            if case .list(let l) = old, op == .add {
                let extra = try materialize(rhs)
                try checkedLength(try checkedSum(l.items.count, extra.count), "list")
                try chargeGrowth(elements: extra.count, "list")
                l.items.append(contentsOf: extra); return
            }
            setVariable(n, try binary(op, old, rhs))
        case .attribute(let objExpr, let name):
            let obj = try eval(objExpr)
            let old = try getAttribute(obj, name)
            let rhs = try eval(valueExpr)
            let new = try binary(op, old, rhs)
            switch obj {
            case .object(let o): try o.setAttribute(name, new)
            case .module(let m): m.members[name] = new
            default: throw ScriptError.attributeError("'\(obj.typeName)' object attribute '\(name)' is read-only")
            }
        case .subscript(let objExpr, let indexExpr):
            let obj = try eval(objExpr)
            let idx = try evalIndex(indexExpr)
            let old = try getItem(obj, idx)
            let rhs = try eval(valueExpr)
            try setItem(obj, idx, try binary(op, old, rhs))
        default:
            throw ScriptError(.syntaxError, "illegal expression for augmented assignment", at: target.range.location)
        }
    }
}
