import Foundation

/// Builtins for the language's objects: `super`, the method decorators, `set`, `iter`/`next`,
/// `map`/`filter`, `isinstance`/`issubclass`/`type` for classes, `callable`, `chr`/`ord`, ...
extension Interpreter {
    func installLanguageBuiltins(into b: inout [String: Value]) {
        installLanguageClasses(into: &b)
        installAttributeBuiltins(into: &b)
        b["super"] = fn("super") { [unowned self] a in
            if !a.positional.isEmpty || !a.keywords.isEmpty {
                throw ScriptError.notSupported("super() with arguments is not supported in lessons; use super()")
            }
            guard let frame = self.runtime.frames.last, let owner = frame.function.owner, let receiver = frame.firstArgument else {
                throw ScriptError.runtimeError("super(): no arguments")
            }
            return .object(SuperObject(owner: owner, receiver: receiver, interpreter: self))
        }
        b["staticmethod"] = fn("staticmethod") { a in .object(StaticMethodObject(a.positional.first ?? .none)) }
        b["classmethod"] = fn("classmethod") { a in .object(ClassMethodObject(a.positional.first ?? .none)) }
        b["property"] = fn("property") { [unowned self] a in
            let k = try a.bind(["fget", "fset", "fdel", "doc"], required: 0)
            let p = PropertyObject(k["fget"] ?? .none, self)
            p.setter = k["fset"]
            return .object(p)
        }
        b["set"] = fn("set") { [unowned self] a in
            let k = try a.bind(["iterable"], required: 0)
            guard let it = k["iterable"] else { return .object(SetObject()) }
            return .object(try SetObject(try self.materialize(it)))
        }
        b["frozenset"] = b["set"]
        b["iter"] = fn("iter") { [unowned self] a in
            let x = try a.bind(["object"])["object"] ?? .none
            if let g = x.object(as: GeneratorObject.self) { return .object(g) }
            if let i = x.object(as: IteratorObject.self) { return .object(i) }
            return .object(IteratorObject("iterator", try self.iterate(x)))
        }
        b["next"] = fn("next") { [unowned self] a in
            let k = try a.bind(["iterator", "default"], required: 1)
            let x = k["iterator"] ?? .none
            var v: Value?
            if let g = x.object(as: GeneratorObject.self) {
                v = try g.next()
                if v == nil, a.positional.count < 2 { throw self.stopIteration(g.takeReturnValue()) }
            } else if let i = x.object(as: IteratorObject.self) {
                v = try i.iterator.next()
            } else if let inst = x.object(as: InstanceObject.self), inst.cls.find("__next__") != nil {
                v = try inst.nextValue()
            } else {
                throw ScriptError.typeError("'\(x.typeName)' object is not an iterator")
            }
            if let v = v { return v }
            if let d = a.positional.count > 1 ? a.positional[1] : nil { return d }
            throw ScriptError(.stopIteration, "")
        }
        b["map"] = fn("map") { [unowned self] a in
            guard a.positional.count >= 2 else { throw ScriptError.typeError("map() must have at least two arguments.") }
            let f = a.positional[0]
            let its = try a.positional.dropFirst().map { try self.iterate($0) }
            return .object(IteratorObject("map", ValueIterator {
                var args: [Value] = []
                for it in its { guard let x = try it.next() else { return nil }; args.append(x) }
                return try self.call(f, positional: args)
            }))
        }
        b["filter"] = fn("filter") { [unowned self] a in
            let k = try a.bind(["function", "iterable"])
            let f = k["function"] ?? .none
            let it = try self.iterate(k["iterable"] ?? .none)
            return .object(IteratorObject("filter", ValueIterator {
                while let x = try it.next() {
                    let keep = f.isNone ? x : try self.call(f, positional: [x])
                    if try Interpreter.truthy(keep) { return x }
                }
                return nil
            }))
        }
        b["callable"] = fn("callable") { a in
            let x = try a.bind(["obj"])["obj"] ?? .none
            switch x {
            case .function: return .bool(true)
            case .object(let o):
                if o is FunctionObject || o is BoundMethod || o is ClassObject || o is TypeObject { return .bool(true) }
                if let i = o as? InstanceObject { return .bool(i.cls.find("__call__") != nil) }
                return .bool(false)
            default: return .bool(false)
            }
        }
        b["chr"] = fn("chr") { [unowned self] a in
            let i = try self.toInt(try a.bind(["i"])["i"] ?? .none)
            guard let u = Unicode.Scalar(UInt32(clamping: max(0, i))), i >= 0, i <= 0x10FFFF else {
                throw ScriptError.valueError("chr() arg not in range(0x110000)")
            }
            return .str(String(Character(u)))
        }
        b["ord"] = fn("ord") { a in
            let x = try a.bind(["c"])["c"] ?? .none
            guard case .str(let s) = x, s.unicodeScalars.count == 1, let u = s.unicodeScalars.first else {
                if case .str(let s) = x { throw ScriptError.typeError("ord() expected a character, but string of length \(s.count) found") }
                throw ScriptError.typeError("ord() expected string of length 1, but \(x.typeName) found")
            }
            return .int(Int(u.value))
        }
        for (name, radix, prefix) in [("hex", 16, "0x"), ("bin", 2, "0b"), ("oct", 8, "0o")] {
            b[name] = fn(name) { [unowned self] a in
                let i = try self.toInt(try a.bind(["number"])["number"] ?? .none)
                return .str((i < 0 ? "-" : "") + prefix + String(i.magnitude, radix: radix))
            }
        }
        b["id"] = fn("id") { a in
            let x = try a.bind(["obj"])["obj"] ?? .none
            if case .object(let o) = x { return .int(Int(bitPattern: UInt(bitPattern: ObjectIdentifier(o).hashValue))) }
            return .int(Int(truncatingIfNeeded: (try? HashKey(x).hashValue) ?? 0))
        }
        b["hash"] = fn("hash") { a in
            let x = try a.bind(["obj"])["obj"] ?? .none
            switch x {
            case .int(let i): return .int(NumericHash.int(i))
            case .bool(let b): return .int(b ? 1 : 0)
            case .float(let d): return .int(NumericHash.float(d))
            default: break
            }
            if let b = x.object(as: BigIntObject.self) { return .int(NumericHash.big(b.value)) }
            if let i = x.object(as: InstanceObject.self), let h = try i.pythonHash() { return .int(h) }
            return .int(try HashKey(x).hashValue)
        }
        b["issubclass"] = fn("issubclass") { a in
            let k = try a.bind(["cls", "class_or_tuple"])
            guard let c = k["cls"]?.object(as: ClassObject.self) else { throw ScriptError.typeError("issubclass() arg 1 must be a class") }
            let types = k["class_or_tuple"].map { $0.sequenceElements ?? [$0] } ?? []
            return .bool(types.contains { t in t.object(as: ClassObject.self).map { c.isSubclass(of: $0) } ?? false })
        }
        let oldIsinstance = b["isinstance"]
        b["isinstance"] = fn("isinstance") { [unowned self] a in
            let k = try a.bind(["obj", "class_or_tuple"])
            let x = k["obj"] ?? .none
            let types = k["class_or_tuple"].map { $0.sequenceElements ?? [$0] } ?? []
            for t in types {
                if let c = t.object(as: ClassObject.self) {
                    if c === self.runtime.objectClass { return .bool(true) }
                    if let i = x.object(as: InstanceObject.self), i.cls.isSubclass(of: c) { return .bool(true) }
                    continue
                }
                if let h = t.object(as: HostClass.self), let i = x.object(as: InstanceObject.self), i.cls.hostBase === h {
                    return .bool(true)
                }
                if let old = oldIsinstance, try Interpreter.truthy(try self.call(old, positional: [x, t])) { return .bool(true) }
            }
            return .bool(false)
        }
        let oldType = b["type"]
        b["type"] = fn("type") { [unowned self] a in
            let x = a.positional.first ?? .none
            if a.positional.count == 1, let i = x.object(as: InstanceObject.self) { return .object(i.cls) }
            if a.positional.count == 1, x.object(as: ClassObject.self) != nil { return .object(TypeObject("type")) }
            if a.positional.count != 1 { throw ScriptError.notSupported("type() with 3 arguments is not supported in lessons; use `class`") }
            guard let old = oldType else { return .none }
            return try self.call(old, positional: a.positional, keywords: a.keywords)
        }
    }
}
