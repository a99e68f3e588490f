import Foundation

/// The builtin exception classes (CPython's hierarchy, for what lessons raise and catch) and
/// the conversions between a `ScriptError` and the exception object lesson code sees.
extension Interpreter {
    static let exceptionHierarchy: [(String, String?)] = [
        ("BaseException", nil), ("Exception", "BaseException"), ("KeyboardInterrupt", "BaseException"),
        ("SystemExit", "BaseException"), ("GeneratorExit", "BaseException"),
        ("ArithmeticError", "Exception"), ("ZeroDivisionError", "ArithmeticError"), ("OverflowError", "ArithmeticError"),
        ("FloatingPointError", "ArithmeticError"), ("LookupError", "Exception"), ("IndexError", "LookupError"),
        ("KeyError", "LookupError"), ("ValueError", "Exception"), ("UnicodeError", "ValueError"),
        ("TypeError", "Exception"), ("NameError", "Exception"), ("UnboundLocalError", "NameError"),
        ("AttributeError", "Exception"), ("ImportError", "Exception"), ("ModuleNotFoundError", "ImportError"),
        ("RuntimeError", "Exception"), ("NotImplementedError", "RuntimeError"), ("RecursionError", "RuntimeError"),
        ("StopIteration", "Exception"), ("AssertionError", "Exception"), ("MemoryError", "Exception"),
        ("SyntaxError", "Exception"), ("IndentationError", "SyntaxError"), ("OSError", "Exception"),
        ("FileNotFoundError", "OSError"), ("PermissionError", "OSError"), ("EOFError", "Exception"), ("Warning", "Exception"),
        ("UserWarning", "Warning"), ("DeprecationWarning", "Warning"), ("RuntimeWarning", "Warning"),
        ("FutureWarning", "Warning"),
    ]

    /// Makes `object` and the exception classes (once per interpreter).
    func installLanguageClasses(into b: inout [String: Value]) {
        let object = ClassObject(name: "object", base: nil, isBuiltin: true, interpreter: self)
        runtime.objectClass = object
        b["object"] = .object(object)
        var made: [String: ClassObject] = [:]
        for (name, baseName) in Interpreter.exceptionHierarchy {
            let base = baseName.flatMap { made[$0] } ?? object
            let c = ClassObject(name: name, base: base, isBuiltin: true, interpreter: self)
            if name == "BaseException" {
                c.attributes["__init__"] = .object(NativeMethod("__init__") { s, args, _ in
                    if let i = s.object(as: InstanceObject.self) { i.attributes["args"] = .tuple(args) }
                    return .none
                })
            }
            made[name] = c
            b[name] = .object(c)
        }
        runtime.exceptionClasses = made
        b["NotImplemented"] = .object(NotImplementedObject())
    }

    /// The class of an error (its exception's class, or the builtin class of its kind).
    func exceptionClass(of e: ScriptError) -> ClassObject? {
        if let box = e.exception { return box.instance.cls }
        return runtime.exceptionClasses[e.kind.rawValue] ?? runtime.exceptionClasses["RuntimeError"]
    }

    /// The exception object lesson code sees in `except ... as e`.
    func exceptionObject(of e: ScriptError) -> InstanceObject {
        if let box = e.exception { return box.instance }
        let cls = exceptionClass(of: e) ?? ClassObject(name: e.kind.rawValue, base: nil, isBuiltin: true, interpreter: self)
        let i = InstanceObject(cls)
        var message = e.message
        if e.kind == .keyError, message.count >= 2, message.first == "'", message.last == "'" {
            message = String(message.dropFirst().dropLast())
        }
        i.attributes["args"] = .tuple([.str(message)])
        if e.kind == .stopIteration {
            // A bare StopIteration (an exhausted iterator): no args, `value` None.
            if message.isEmpty { i.attributes["args"] = .tuple([]) }
            i.attributes["value"] = Value.none
        }
        return i
    }

    /// The error that `raise value` throws.
    func raiseError(_ value: Value, cause: Value?) throws -> ScriptError {
        var v = value
        if let c = v.object(as: ClassObject.self) { v = try call(.object(c), positional: []) }
        guard let i = v.object(as: InstanceObject.self), let base = runtime.exceptionClasses["BaseException"],
              i.cls.isSubclass(of: base) else {
            return ScriptError.typeError("exceptions must derive from BaseException")
        }
        if let c = cause { i.attributes["__cause__"] = c }
        var e = ScriptError(ScriptError.Kind(rawValue: i.cls.name), i.exceptionStr() ?? "")
        e.exception = ExceptionBox(i)
        return e
    }

    /// True when the `except` clause's type (a class or a tuple of classes) matches.
    func handlerMatches(_ typeValue: Value, _ e: ScriptError) throws -> Bool {
        guard let cls = exceptionClass(of: e) else { return false }
        let types = typeValue.sequenceElements ?? [typeValue]
        for t in types {
            guard let c = t.object(as: ClassObject.self) else {
                throw ScriptError.typeError("catching classes that do not inherit from BaseException is not allowed")
            }
            if cls.isSubclass(of: c) { return true }
        }
        return false
    }
}

extension InstanceObject {
    var isException: Bool {
        var c: ClassObject? = cls
        while let k = c { if k.isBuiltin && k.name == "BaseException" { return true }; c = k.base }
        return false
    }

    /// `str(e)`: the one argument, '' for none, the tuple's repr for several.
    func exceptionStr() -> String? {
        guard isException else { return nil }
        let args = attributes["args"]?.sequenceElements ?? []
        if args.count == 1, let a = args.first {
            if let keyError = cls.interpreter.runtime.exceptionClasses["KeyError"], cls.isSubclass(of: keyError) { return a.repr }
            return a.str
        }
        return args.isEmpty ? "" : PythonFormat.repr(.tuple(args))
    }

    /// `repr(e)`: `ValueError('bad')`.
    func exceptionRepr() -> String? {
        guard isException else { return nil }
        let args = attributes["args"]?.sequenceElements ?? []
        let inner = args.count == 1 ? (args.first?.repr ?? "") : args.map { $0.repr }.joined(separator: ", ")
        return "\(cls.name)(\(inner))"
    }
}
