import Foundation

/// `pathlib` as pure path arithmetic on POSIX paths. `Path`/`PosixPath` are the same pure
/// object (so `Path("data") / "x.csv"` works) but every filesystem method raises
/// PermissionError: lessons have no file access through pathlib.
final class PurePathObject: HostObject {
    /// The class name the repr shows: PurePosixPath or PosixPath.
    let className: String
    /// The normalized segments; the first is "/" for an absolute path.
    let parts: [String]

    init(_ className: String, _ segments: [String]) {
        self.className = className
        var parts: [String] = []
        for s in segments {
            if s.hasPrefix("/") { parts = ["/"] }
            for piece in s.split(separator: "/", omittingEmptySubsequences: true) where piece != "." { parts.append(String(piece)) }
        }
        self.parts = parts
    }

    init(_ className: String, parts: [String]) {
        self.className = className
        self.parts = parts
    }

    static let filesystemMethods: Set<String> = [
        "exists", "is_file", "is_dir", "open", "read_text", "read_bytes", "write_text", "write_bytes", "mkdir", "rmdir",
        "unlink", "iterdir", "glob", "rglob", "resolve", "absolute", "stat", "lstat", "touch", "rename", "replace", "cwd",
        "home", "expanduser", "chmod", "samefile", "is_symlink", "symlink_to", "owner", "group", "readlink", "walk",
    ]

    var isAbsolute: Bool { parts.first == "/" }
    var text: String {
        if parts.isEmpty { return "." }
        if isAbsolute { return "/" + parts.dropFirst().joined(separator: "/") }
        return parts.joined(separator: "/")
    }
    var name: String { parts.last.map { $0 == "/" ? "" : $0 } ?? "" }
    var suffix: String {
        let n = name
        guard let dot = n.lastIndex(of: "."), dot != n.startIndex, n.index(after: dot) != n.endIndex else { return "" }
        return String(n[dot...])
    }
    var stem: String { suffix.isEmpty ? name : String(name.dropLast(suffix.count)) }
    var parent: PurePathObject {
        if parts.count <= 1 { return isAbsolute || parts.isEmpty ? self : PurePathObject(className, parts: []) }
        return PurePathObject(className, parts: Array(parts.dropLast()))
    }

    var typeName: String { className }
    func repr() -> String { "\(className)(\(PythonFormat.repr(.str(text))))" }
    func str() -> String { text }

    func segment(_ v: Value) throws -> String {
        if case .str(let s) = v { return s }
        if let p = v.object(as: PurePathObject.self) { return p.text }
        throw ScriptError.typeError("expected str, bytes or os.PathLike object, not \(v.typeName)")
    }

    func binaryOp(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> OperatorResult {
        guard op == .divide, let s = try? segment(other) else { return nil }
        return .object(PurePathObject(className, reflected ? [s, text] : [text, s]))
    }

    func compare(_ op: ComparisonOperator, _ other: Value, reflected: Bool) throws -> OperatorResult {
        guard let o = other.object(as: PurePathObject.self) else { return op == .equal ? .bool(false) : op == .notEqual ? .bool(true) : nil }
        switch op {
        case .equal: return .bool(parts == o.parts)
        case .notEqual: return .bool(parts != o.parts)
        case .less: return .bool(parts.lexicographicallyPrecedes(o.parts))
        default: return nil
        }
    }

    func getAttribute(_ attr: String) throws -> Value? {
        if Self.filesystemMethods.contains(attr) {
            throw ScriptError(RunContext.permissionError, "\(className).\(attr)(): lessons have no file access through pathlib (paths are pure: name, suffix, parent, / work)")
        }
        switch attr {
        case "name": return .str(name)
        case "stem": return .str(stem)
        case "suffix": return .str(suffix)
        case "suffixes":
            let n = name.hasPrefix(".") ? String(name.dropFirst()) : name
            let pieces = n.split(separator: ".", omittingEmptySubsequences: false).dropFirst()
            return .list(ListStorage(pieces.map { .str("." + $0) }))
        case "parent": return .object(parent)
        case "parents":
            var out: [Value] = [], p = self
            while p.parent.parts != p.parts || (!p.parts.isEmpty && !p.isAbsolute) {
                p = p.parent
                out.append(.object(p))
                if p.parts.isEmpty || p.parts == ["/"] { break }
            }
            return .tuple(out)
        case "parts": return .tuple(parts.map { .str($0) })
        case "anchor", "root": return .str(isAbsolute ? "/" : "")
        case "drive": return .str("")
        default: break
        }
        let methods: Set<String> = ["joinpath", "with_suffix", "with_name", "with_stem", "is_absolute", "as_posix", "__fspath__", "is_relative_to", "relative_to"]
        guard methods.contains(attr) else { return nil }
        return .function(BuiltinFunction(attr, isMethod: true) { [self] a in
            switch attr {
            case "joinpath": return .object(PurePathObject(self.className, [self.text] + (try a.positional.map { try self.segment($0) })))
            case "is_absolute": return .bool(self.isAbsolute)
            case "as_posix", "__fspath__": return .str(self.text)
            case "with_suffix", "with_name", "with_stem":
                let arg = try self.segment(a.positional.first ?? .none)
                guard !self.name.isEmpty else { throw ScriptError.valueError("\(self.repr()) has an empty name") }
                if attr == "with_suffix", !arg.isEmpty, !arg.hasPrefix(".") || arg == "." {
                    throw ScriptError.valueError("Invalid suffix \(PythonFormat.repr(.str(arg)))")
                }
                let newName = attr == "with_suffix" ? self.stem + arg : attr == "with_stem" ? arg + self.suffix : arg
                return .object(PurePathObject(self.className, parts: Array(self.parts.dropLast()) + [newName]))
            default:
                let base = PurePathObject(self.className, try a.positional.map { try self.segment($0) })
                let inside = self.parts.starts(with: base.parts)
                if attr == "is_relative_to" { return .bool(inside) }
                guard inside else { throw ScriptError.valueError("\(PythonFormat.repr(.str(self.text))) is not in the subpath of \(PythonFormat.repr(.str(base.text)))") }
                return .object(PurePathObject(self.className, parts: Array(self.parts.dropFirst(base.parts.count))))
            }
        })
    }
}

extension Interpreter {
    func makePathlibModule() -> ModuleValue {
        let m = ModuleValue(name: "pathlib")
        for (name, shown) in [("PurePath", "PurePosixPath"), ("PurePosixPath", "PurePosixPath"), ("Path", "PosixPath"), ("PosixPath", "PosixPath")] {
            m.addFunction(name) { a in
                let segments = try a.positional.map { v -> String in
                    if case .str(let s) = v { return s }
                    if let p = v.object(as: PurePathObject.self) { return p.text }
                    throw ScriptError.typeError("argument should be a str or an os.PathLike object where __fspath__ returns a str, not '\(v.typeName)'")
                }
                return .object(PurePathObject(shown, segments))
            }
        }
        return m
    }
}
