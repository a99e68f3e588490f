import Foundation

extension Interpreter {
    // MARK: Methods of builtin types

    func builtinMethod(_ v: Value, _ name: String) throws -> Value? {
        switch v {
        case .str(let s): return strMethod(s, name)
        case .list(let l): return listMethod(l, name)
        case .dict(let d): return dictMethod(d, name)
        case .tuple(let t):
            switch name {
            case "count": return method("count") { [unowned self] a in
                let x = try a.bind(["value"])["value"] ?? .none
                return .int(try t.filter { try self.equal($0, x) }.count)
            }
            case "index": return method("index") { [unowned self] a in
                let x = try a.bind(["value"])["value"] ?? .none
                for (i, y) in t.enumerated() where try self.equal(x, y) { return .int(i) }
                throw ScriptError.valueError("tuple.index(x): x not in tuple")
            }
            default: return nil
            }
        case .float(let d):
            if name == "is_integer" { return method(name) { _ in .bool(d.isFinite && d == d.rounded()) } }
            if name == "real" { return .float(d) }
            return nil
        case .int(let i):
            if name == "real" { return .int(i) }
            return nil
        default: return nil
        }
    }

    func strMethod(_ s: String, _ name: String) -> Value? {
        func m(_ body: @escaping (Arguments) throws -> Value) -> Value { method(name, body) }
        switch name {
        case "upper": return m { _ in .str(s.uppercased()) }
        case "lower": return m { _ in .str(s.lowercased()) }
        case "title": return m { _ in .str(s.capitalized) }
        case "capitalize": return m { _ in .str(s.prefix(1).uppercased() + s.dropFirst().lowercased()) }
        case "strip", "lstrip", "rstrip":
            return m { a in
                let k = try a.bind(["chars"], required: 0)
                let chars: Set<Character> = k.has("chars") ? Set(try k.string("chars")) : [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"]
                var x = Substring(s)
                if name != "rstrip" { while let c = x.first, chars.contains(c) { x.removeFirst() } }
                if name != "lstrip" { while let c = x.last, chars.contains(c) { x.removeLast() } }
                return .str(String(x))
            }
        case "split":
            return m { a in
                let k = try a.bind(["sep", "maxsplit"], required: 0)
                let maxsplit = try k.int("maxsplit", default: -1)
                if k.has("sep") {
                    let sep = try k.string("sep")
                    if sep.isEmpty { throw ScriptError.valueError("empty separator") }
                    var parts: [String] = []
                    var rest = Substring(s)
                    while maxsplit < 0 || parts.count < maxsplit, let r = rest.range(of: sep) {
                        parts.append(String(rest[..<r.lowerBound]))
                        rest = rest[r.upperBound...]
                    }
                    parts.append(String(rest))
                    return .list(ListStorage(parts.map { .str($0) }))
                }
                var parts: [String] = []
                var rest = Substring(s).drop(while: { $0.isWhitespace })
                while !rest.isEmpty {
                    if maxsplit >= 0 && parts.count >= maxsplit {
                        var r = rest
                        while let c = r.last, c.isWhitespace { r.removeLast() }
                        parts.append(String(r)); break
                    }
                    let word = rest.prefix(while: { !$0.isWhitespace })
                    parts.append(String(word))
                    rest = rest.dropFirst(word.count).drop(while: { $0.isWhitespace })
                }
                return .list(ListStorage(parts.map { .str($0) }))
            }
        case "splitlines":
            return m { _ in .list(ListStorage(s.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }).map { .str(String($0)) }.dropLast(s.last?.isNewline == true ? 1 : 0).map { $0 })) }
        case "join":
            return m { [unowned self] a in
                let items = try self.materialize(try a.bind(["iterable"])["iterable"] ?? .none)
                var parts: [String] = []
                // The length is checked before anything is joined (`' '.join(['x'*10**6]*10**6)`).
                var total = 0
                let sepLength = s.unicodeScalars.count
                for (i, x) in items.enumerated() {
                    guard case .str(let t) = x else {
                        throw ScriptError.typeError("sequence item \(i): expected str instance, \(x.typeName) found")
                    }
                    total = try self.checkedSum(total, t.unicodeScalars.count, i > 0 ? sepLength : 0)
                    try self.checkedLength(total, "string")
                    parts.append(t)
                }
                try self.chargeString(total)
                return .str(parts.joined(separator: s))
            }
        case "replace":
            return m { [unowned self] a in
                let k = try a.bind(["old", "new", "count"], required: 2)
                let old = try k.string("old"), new = try k.string("new")
                let count = try k.int("count", default: -1)
                if count < 0 {
                    let n = s.unicodeScalars.count, newLength = new.unicodeScalars.count
                    if old.isEmpty {
                        let (slots, o1) = (n + 1).multipliedReportingOverflow(by: newLength)
                        try self.checkedLength(o1 ? Int.max : try self.checkedSum(slots, n), "string")
                        let r = new + s.map { String($0) + new }.joined()
                        try self.checkedLength(r.unicodeScalars.count, "string")
                        return .str(r)
                    }
                    if newLength > old.unicodeScalars.count {
                        let hits = s.components(separatedBy: old).count - 1
                        let (grow, o) = hits.multipliedReportingOverflow(by: newLength - old.unicodeScalars.count)
                        try self.checkedLength(o ? Int.max : try self.checkedSum(n, grow), "string")
                    }
                    let r = s.replacingOccurrences(of: old, with: new)
                    try self.checkedLength(r.unicodeScalars.count, "string")
                    return .str(r)
                }
                var out = "", rest = Substring(s), n = 0
                while n < count, !old.isEmpty, let r = rest.range(of: old) {
                    out += rest[..<r.lowerBound] + new
                    rest = rest[r.upperBound...]
                    n += 1
                }
                return .str(out + rest)
            }
        case "startswith", "endswith":
            return m { a in
                let x = try a.bind(["prefix"])["prefix"] ?? .none
                let options: [Value] = x.sequenceElements ?? [x]
                for o in options {
                    guard case .str(let p) = o else {
                        throw ScriptError.typeError("\(name) first arg must be str or a tuple of str, not \(o.typeName)")
                    }
                    if name == "startswith" ? s.hasPrefix(p) : s.hasSuffix(p) { return .bool(true) }
                }
                return .bool(false)
            }
        case "find", "index":
            return m { a in
                let sub = try a.bind(["sub"]).string("sub")
                if let r = s.range(of: sub) { return .int(s.distance(from: s.startIndex, to: r.lowerBound)) }
                if name == "index" { throw ScriptError.valueError("substring not found") }
                return .int(-1)
            }
        case "count":
            return m { a in
                let sub = try a.bind(["sub"]).string("sub")
                if sub.isEmpty { return .int(s.count + 1) }
                return .int(s.components(separatedBy: sub).count - 1)
            }
        case "isdigit", "isnumeric", "isdecimal":
            return m { _ in .bool(!s.isEmpty && s.allSatisfy { $0.isNumber }) }
        case "isalpha": return m { _ in .bool(!s.isEmpty && s.allSatisfy { $0.isLetter }) }
        case "isspace": return m { _ in .bool(!s.isEmpty && s.allSatisfy { $0.isWhitespace }) }
        case "isupper": return m { _ in .bool(s.contains { $0.isLetter } && s == s.uppercased()) }
        case "islower": return m { _ in .bool(s.contains { $0.isLetter } && s == s.lowercased()) }
        case "zfill":
            return m { [unowned self] a in
                let w = try a.bind(["width"]).int("width")
                try self.checkedLength(w, "string")
                if s.count >= w { return .str(s) }
                var body = Substring(s), sign = ""
                if let c = body.first, c == "-" || c == "+" { sign = String(c); body = body.dropFirst() }
                return .str(sign + String(repeating: "0", count: w - s.count) + body)
            }
        case "center", "ljust", "rjust":
            return m { [unowned self] a in
                let k = try a.bind(["width", "fillchar"], required: 1)
                let w = try k.int("width")
                try self.checkedLength(w, "string")
                let fill = try k.string("fillchar", default: " ")
                guard fill.count == 1 else { throw ScriptError.typeError("The fill character must be exactly one character long") }
                let align = name == "center" ? "^" : (name == "ljust" ? "<" : ">")
                return .str(try PythonFormat.format(.str(s), spec: fill + align + String(w)))
            }
        case "format":
            return m { [unowned self] a in .str(try self.strFormat(s, a.positional, a.keywords)) }
        default: return nil
        }
    }

    /// `"...".format(*args, **kwargs)`.
    func strFormat(_ fmt: String, _ args: [Value], _ kwargs: [(String, Value)]) throws -> String {
        let c = Array(fmt)
        var out = ""
        var i = 0, auto = 0
        while i < c.count {
            let ch = c[i]
            if ch == "{" {
                if i + 1 < c.count, c[i + 1] == "{" { out.append("{"); i += 2; continue }
                var j = i + 1, depth = 1
                while j < c.count {
                    if c[j] == "{" { depth += 1 } else if c[j] == "}" { depth -= 1; if depth == 0 { break } }
                    j += 1
                }
                guard j < c.count else { throw ScriptError.valueError("expected '}' before end of string") }
                let field = String(c[(i + 1)..<j])
                i = j + 1
                var nameAndConv = field, spec = ""
                if let colon = field.firstIndex(of: ":") {
                    nameAndConv = String(field[..<colon]); spec = String(field[field.index(after: colon)...])
                }
                var fieldName = nameAndConv
                var conv: Character? = nil
                if let bang = nameAndConv.firstIndex(of: "!") {
                    fieldName = String(nameAndConv[..<bang])
                    conv = nameAndConv[nameAndConv.index(after: bang)...].first
                }
                if spec.contains("{") { spec = try strFormat(spec, args, kwargs) }
                // Field name: index or name, then .attr / [key] accessors.
                let head = fieldName.prefix(while: { $0 != "." && $0 != "[" })
                var rest = fieldName.dropFirst(head.count)
                var v: Value
                if head.isEmpty {
                    guard auto < args.count else { throw ScriptError.indexError("Replacement index \(auto) out of range for positional args tuple") }
                    v = args[auto]; auto += 1
                } else if let n = Int(head) {
                    guard n >= 0 && n < args.count else { throw ScriptError.indexError("Replacement index \(n) out of range for positional args tuple") }
                    v = args[n]
                } else {
                    guard let kv = kwargs.first(where: { $0.0 == String(head) }) else { throw ScriptError.keyError(PythonFormat.stringRepr(String(head))) }
                    v = kv.1
                }
                while let f = rest.first {
                    if f == "." {
                        let attr = rest.dropFirst().prefix(while: { $0 != "." && $0 != "[" })
                        v = try getAttribute(v, String(attr))
                        rest = rest.dropFirst(1 + attr.count)
                    } else {
                        guard let close = rest.firstIndex(of: "]") else { throw ScriptError.valueError("Missing ']' in format string") }
                        let key = String(rest[rest.index(after: rest.startIndex)..<close])
                        v = try getItem(v, Int(key).map { .int($0) } ?? .str(key))
                        rest = rest[rest.index(after: close)...]
                    }
                }
                switch conv {
                case "r", "a": v = .str(PythonFormat.repr(v))
                case "s": v = .str(PythonFormat.str(v))
                case nil: break
                default: throw ScriptError.valueError("Unknown conversion specifier \(conv.map(String.init) ?? "")")
                }
                out += try PythonFormat.format(v, spec: spec)
            } else if ch == "}" {
                if i + 1 < c.count, c[i + 1] == "}" { out.append("}"); i += 2; continue }
                throw ScriptError.valueError("Single '}' encountered in format string")
            } else {
                out.append(ch); i += 1
            }
        }
        return out
    }

    func listMethod(_ l: ListStorage, _ name: String) -> Value? {
        func m(_ body: @escaping (Arguments) throws -> Value) -> Value { method(name, body) }
        switch name {
        case "append": return m { [unowned self] a in
            l.items.append(try a.bind(["object"])["object"] ?? .none)
            try self.checkedLength(l.items.count, "list")
            try self.chargeElement("list")
            return .none
        }
        case "extend": return m { [unowned self] a in
            let extra = try self.materialize(try a.bind(["iterable"])["iterable"] ?? .none)
            try self.checkedLength(try self.checkedSum(l.items.count, extra.count), "list")
            try self.chargeGrowth(elements: extra.count, "list")
            l.items.append(contentsOf: extra)
            return .none
        }
        case "insert": return m { a in
            let k = try a.bind(["index", "object"])
            var i = try k.int("index")
            if i < 0 { i = max(0, i + l.items.count) }
            l.items.insert(k["object"] ?? .none, at: min(i, l.items.count))
            return .none
        }
        case "pop": return m { a in
            let k = try a.bind(["index"], required: 0)
            if l.items.isEmpty { throw ScriptError.indexError("pop from empty list") }
            let i = try Interpreter.normalizeIndex(try k.int("index", default: -1), l.items.count, "pop")
            return l.items.remove(at: i)
        }
        case "remove": return m { [unowned self] a in
            let x = try a.bind(["value"])["value"] ?? .none
            for (i, y) in l.items.enumerated() where try self.equal(x, y) { l.items.remove(at: i); return .none }
            throw ScriptError.valueError("list.remove(x): x not in list")
        }
        case "index": return m { [unowned self] a in
            let x = try a.bind(["value"])["value"] ?? .none
            for (i, y) in l.items.enumerated() where try self.equal(x, y) { return .int(i) }
            throw ScriptError.valueError("\(PythonFormat.repr(x)) is not in list")
        }
        case "count": return m { [unowned self] a in
            let x = try a.bind(["value"])["value"] ?? .none
            return .int(try l.items.filter { try self.equal($0, x) }.count)
        }
        case "copy": return m { _ in .list(ListStorage(l.items)) }
        case "clear": return m { _ in l.items.removeAll(); return .none }
        case "reverse": return m { _ in l.items.reverse(); return .none }
        case "sort": return m { [unowned self] a in
            let k = try a.bind([], keywordOnly: ["reverse", "key"])
            l.items = try self.sortValues(l.items, reverse: try k.bool("reverse", default: false), key: k["key"])
            return .none
        }
        default: return nil
        }
    }

    func dictMethod(_ d: DictStorage, _ name: String) -> Value? {
        func m(_ body: @escaping (Arguments) throws -> Value) -> Value { method(name, body) }
        switch name {
        case "keys": return m { _ in .object(DictView(d, .keys)) }
        case "values": return m { _ in .object(DictView(d, .values)) }
        case "items": return m { _ in .object(DictView(d, .items)) }
        case "get": return m { a in
            let k = try a.bind(["key", "default"], required: 1)
            return try d.get(k["key"] ?? .none) ?? (k["default"] ?? .none)
        }
        case "pop": return m { a in
            let k = try a.bind(["key", "default"], required: 1)
            let key = k["key"] ?? .none
            if let v = try d.remove(key) { return v }
            if let def = k["default"] { return def }
            throw ScriptError.keyError(PythonFormat.repr(key))
        }
        case "setdefault": return m { a in
            let k = try a.bind(["key", "default"], required: 1)
            let key = k["key"] ?? .none
            if let v = try d.get(key) { return v }
            let v = k["default"] ?? .none
            try d.set(key, v)
            return v
        }
        case "update": return m { [unowned self] a in
            if let src = a.positional.first {
                if case .dict(let o) = src { for (k, v) in o.pairs { try d.set(k, v) } }
                else {
                    for item in try self.materialize(src) {
                        let kv = try self.materialize(item)
                        guard kv.count == 2 else { throw ScriptError.valueError("dictionary update sequence element has length \(kv.count); 2 is required") }
                        try d.set(kv[0], kv[1])
                    }
                }
            }
            for (k, v) in a.keywords { try d.set(.str(k), v) }
            return .none
        }
        case "copy": return m { _ in
            let n = DictStorage()
            for (k, v) in d.pairs { try n.set(k, v) }
            return .dict(n)
        }
        default: return nil
        }
    }
}
