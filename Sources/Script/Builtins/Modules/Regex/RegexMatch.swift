import Foundation

/// `re.Match`: one match, its groups by number or name, offsets in code points as CPython.
final class RegexMatch: HostObject {
    let pattern: RegexPattern
    let text: RegexText
    let result: NSTextCheckingResult
    let pos: Int, endpos: Int

    init(_ pattern: RegexPattern, _ text: RegexText, _ result: NSTextCheckingResult, pos: Int, endpos: Int) {
        self.pattern = pattern
        self.text = text
        self.result = result
        self.pos = pos
        self.endpos = endpos
    }

    var typeName: String { "re.Match" }
    func repr() -> String {
        let (s, e) = span(0)
        return "<re.Match object; span=(\(s), \(e)), match=\(PythonFormat.repr(group(0)))>"
    }

    func range(_ g: Int) -> NSRange? {
        guard g >= 0, g < result.numberOfRanges else { return nil }
        let r = result.range(at: g)
        return r.location == NSNotFound ? nil : r
    }

    func span(_ g: Int) -> (Int, Int) {
        guard let r = range(g) else { return (-1, -1) }
        return (text.scalar(r.location), text.scalar(r.location + r.length))
    }

    func group(_ g: Int, default d: Value = .none) -> Value {
        guard let r = range(g) else { return d }
        return .str(text.substring(r))
    }

    func groupIndex(_ v: Value) throws -> Int {
        if case .str(let name) = v, let n = pattern.translation.groupNames[name] { return n }
        if case .int(let n) = v, n >= 0, n <= pattern.translation.groupCount { return n }
        if case .bool(let b) = v { return b ? 1 : 0 }
        throw ScriptError.indexError("no such group")
    }

    func getItem(_ index: Value) throws -> Value { group(try groupIndex(index)) }

    func getAttribute(_ name: String) throws -> Value? {
        let names = pattern.translation.groupNames
        switch name {
        case "string": return .str(text.string)
        case "re": return .object(pattern)
        case "pos": return .int(text.scalar(pos))
        case "endpos": return .int(text.scalar(endpos))
        case "lastindex":
            let last = (1...max(1, pattern.translation.groupCount)).last { range($0) != nil && $0 <= pattern.translation.groupCount }
            return last.map { .int($0) } ?? .none
        case "lastgroup":
            guard case .int(let n)? = try getAttribute("lastindex"), let name = names.first(where: { $0.value == n })?.key else { return Value.none }
            return .str(name)
        case "group", "groups", "groupdict", "start", "end", "span", "expand": break
        default: return nil
        }
        return .function(BuiltinFunction(name, isMethod: true) { [self] a in
            switch name {
            case "group":
                if a.positional.isEmpty { return self.group(0) }
                let gs = try a.positional.map { self.group(try self.groupIndex($0)) }
                return gs.count == 1 ? gs[0] : .tuple(gs)
            case "groups":
                let d = try a.bind(["default"], required: 0)["default"] ?? .none
                return .tuple((0..<self.pattern.translation.groupCount).map { self.group($0 + 1, default: d) })
            case "groupdict":
                let d = try a.bind(["default"], required: 0)["default"] ?? .none
                let out = DictStorage()
                for (k, v) in names.sorted(by: { $0.value < $1.value }) { try out.set(.str(k), self.group(v, default: d)) }
                return .dict(out)
            case "start", "end", "span":
                let g = try a.positional.first.map { try self.groupIndex($0) } ?? 0
                let (s, e) = self.span(g)
                return name == "start" ? .int(s) : name == "end" ? .int(e) : .tuple([.int(s), .int(e)])
            case "expand":
                guard case .str(let t)? = a.positional.first else { throw ScriptError.typeError("expand() argument must be str") }
                return .str(try RegexTemplate(t, self.pattern).expand(self))
            default:
                throw ScriptError.attributeError("'re.Match' object has no attribute '\(name)'")
            }
        })
    }
}
