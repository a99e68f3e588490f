import Foundation

/// The `re` module: CPython's functions over `RegexPattern` (NSRegularExpression).
extension Interpreter {
    func makeReModule() -> ModuleValue {
        let m = ModuleValue(name: "re")
        for (value, name) in RegexPattern.flagNames { m.members[name] = .int(value); m.members[String(name.prefix(1))] = .int(value) }
        m.members["UNICODE"] = .int(32); m.members["U"] = .int(32)
        m.members["X"] = .int(64); m.members["L"] = .int(4); m.members["S"] = .int(16); m.members["D"] = nil; m.members["V"] = nil
        // `re.error`, the class of the "re.error" errors the translation and compiler raise.
        if let base = runtime.exceptionClasses["Exception"] {
            let error = runtime.exceptionClasses["re.error"] ?? ClassObject(name: "error", base: base, isBuiltin: true, interpreter: self)
            runtime.exceptionClasses["re.error"] = error
            m.members["error"] = .object(error)
        }
        m.addFunction("compile") { [unowned self] a in
            let k = try a.bind(["pattern", "flags"], required: 1)
            if let p = k["pattern"]?.object(as: RegexPattern.self) { return .object(p) }
            return .object(try self.compilePattern(k["pattern"] ?? .none, k["flags"]))
        }
        for name in ["search", "match", "fullmatch", "findall", "finditer", "sub", "subn", "split"] {
            m.addFunction(name) { [unowned self] a in
                guard let first = a.positional.first ?? a.keywords.first(where: { $0.0 == "pattern" })?.1 else {
                    throw ScriptError.typeError("\(name)() missing required argument 'pattern' (pos 1)")
                }
                var rest = a
                if a.positional.isEmpty { rest.keywords.removeAll { $0.0 == "pattern" } } else { rest.positional.removeFirst() }
                var flags = rest.keywords.first { $0.0 == "flags" }?.1
                let fixed = name == "split" ? 2 : name.hasPrefix("sub") ? 3 : 1
                if rest.positional.count > fixed { flags = rest.positional.removeLast() }
                rest.keywords.removeAll { $0.0 == "flags" }
                let p = try first.object(as: RegexPattern.self) ?? self.compilePattern(first, flags)
                return try self.regexOperation(name, p, rest, patternGiven: false)
            }
        }
        m.addFunction("escape") { a in
            guard case .str(let s)? = a.positional.first else { throw ScriptError.typeError("escape() argument must be str") }
            let special = Set("()[]{}?*+-|^$\\.&~# \t\n\r\u{0B}\u{0C}")
            return .str(String(s.flatMap { special.contains($0) ? ["\\", $0] : [$0] }))
        }
        m.addFunction("purge") { _ in .none }
        return m
    }

    func compilePattern(_ p: Value, _ flags: Value?) throws -> RegexPattern {
        guard case .str(let s) = p else { throw ScriptError.typeError("first argument must be string or compiled pattern") }
        var f = 0
        if let fv = flags, !fv.isNone {
            guard case .int(let n) = fv else { throw ScriptError.typeError("flags must be an int") }
            f = n
        }
        return try RegexPattern(s, flags: f, interpreter: self)
    }

    /// `search`/`match`/... with the pattern already compiled; `a` holds the other arguments.
    func regexOperation(_ name: String, _ p: RegexPattern, _ a: Arguments, patternGiven: Bool) throws -> Value {
        func text(_ v: Value?) throws -> RegexText {
            guard case .str(let s)? = v else { throw ScriptError.typeError("expected string or bytes-like object, got '\(v?.typeName ?? "NoneType")'") }
            return RegexText(s)
        }
        func bounds(_ t: RegexText, _ k: BoundArguments) throws -> (Int, Int) {
            let n = t.count
            func clamp(_ v: Value?, _ d: Int) -> Int {
                guard case .int(let i)? = v else { return d }
                return i < 0 ? max(0, n + i) : min(i, n)
            }
            return (t.utf16(clamp(k["pos"], 0)), t.utf16(clamp(k["endpos"], n)))
        }
        switch name {
        case "search", "match", "fullmatch":
            let k = try a.bind(patternGiven ? ["string", "pos", "endpos"] : ["string"], required: 1)
            let t = try text(k["string"])
            let (from, to) = try bounds(t, k)
            return try p.firstMatch(t, pos: from, endpos: to, anchored: name == "match", full: name == "fullmatch")
        case "findall", "finditer":
            let k = try a.bind(patternGiven ? ["string", "pos", "endpos"] : ["string"], required: 1)
            let t = try text(k["string"])
            let (from, to) = try bounds(t, k)
            let matches = try p.scan(t, from: from, to: to).map { RegexMatch(p, t, $0, pos: from, endpos: to) }
            if name == "finditer" { return .object(IteratorObject("callable_iterator", ValueIterator(matches.map { .object($0) }))) }
            let groups = p.translation.groupCount
            return .list(ListStorage(matches.map { m in
                if groups == 0 { return m.group(0) }
                if groups == 1 { return m.group(1, default: .str("")) }
                return .tuple((1...groups).map { m.group($0, default: .str("")) })
            }))
        case "sub", "subn":
            let k = try a.bind(["repl", "string", "count"], required: 2)
            let t = try text(k["string"])
            var count = 0
            if case .int(let c)? = k["count"] { count = max(0, c) }
            let repl = k["repl"] ?? .none
            let template: RegexTemplate? = try { if case .str(let r) = repl { return try RegexTemplate(r, p) } else { return nil } }()
            let matches = try p.scan(t, from: 0, to: t.ns.length, limit: count == 0 ? Int.max : count)
            var out = "", last = 0
            for r in matches {
                let m = RegexMatch(p, t, r, pos: 0, endpos: t.ns.length)
                out += t.substring(NSRange(location: last, length: r.range.location - last))
                if let tp = template { out += try tp.expand(m) } else {
                    let v = try call(repl, positional: [.object(m)])
                    guard case .str(let s) = v else { throw ScriptError.typeError("expected str instance, \(v.typeName) found") }
                    out += s
                }
                last = r.range.location + r.range.length
                try checkedLength(out.utf16.count, "string")
            }
            out += t.substring(NSRange(location: last, length: t.ns.length - last))
            return name == "sub" ? .str(out) : .tuple([.str(out), .int(matches.count)])
        case "split":
            let k = try a.bind(["string", "maxsplit"], required: 1)
            let t = try text(k["string"])
            var maxsplit = 0
            if case .int(let c)? = k["maxsplit"] { maxsplit = max(0, c) }
            let matches = try p.scan(t, from: 0, to: t.ns.length, limit: maxsplit == 0 ? Int.max : maxsplit)
            var out: [Value] = [], last = 0
            for r in matches {
                let m = RegexMatch(p, t, r, pos: 0, endpos: t.ns.length)
                out.append(.str(t.substring(NSRange(location: last, length: r.range.location - last))))
                for g in stride(from: 1, through: p.translation.groupCount, by: 1) { out.append(m.group(g)) }
                last = r.range.location + r.range.length
            }
            out.append(.str(t.substring(NSRange(location: last, length: t.ns.length - last))))
            return .list(ListStorage(out))
        default:
            throw ScriptError.attributeError("module 're' has no attribute '\(name)'")
        }
    }
}
