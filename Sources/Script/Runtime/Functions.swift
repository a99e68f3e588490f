import Foundation

/// A function defined by lesson code (`def` or `lambda`).
public final class FunctionObject: HostObject {
    let decl: FunctionDecl
    let closure: [Scope]
    /// Default values, evaluated once when the `def` ran (as in Python).
    let defaults: [String: Value]
    /// The class whose body defined it (for `super()`), set when the class is made.
    weak var owner: ClassObject?
    var qualifiedName: String
    var attributes: [String: Value] = [:]
    unowned let interpreter: Interpreter

    init(decl: FunctionDecl, closure: [Scope], defaults: [String: Value], qualifiedName: String, interpreter: Interpreter) {
        self.decl = decl
        self.closure = closure
        self.defaults = defaults
        self.qualifiedName = qualifiedName
        self.interpreter = interpreter
    }

    public var name: String { decl.name }
    public var typeName: String { "function" }
    public func repr() -> String { "<function \(qualifiedName) at \(objectAddress(self))>" }
    public func call(positional: [Value], keywords: [(String, Value)]) throws -> Value {
        try interpreter.callFunction(self, positional: positional, keywords: keywords)
    }
    public func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "__name__": return .str(decl.name)
        case "__qualname__": return .str(qualifiedName)
        case "__doc__": return decl.docstring.map { Value.str($0) } ?? Value.none
        case "__module__": return .str("__main__")
        default: return attributes[name]
        }
    }
    public func setAttribute(_ name: String, _ value: Value) throws { attributes[name] = value }
}

/// `0x…` as CPython prints an object's address (stable within a run).
func objectAddress(_ o: AnyObject) -> String {
    "0x" + String(UInt(bitPattern: ObjectIdentifier(o).hashValue), radix: 16).leftPadded(to: 12)
}

extension String {
    func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}

/// A function bound to its first argument (`obj.method`).
public final class BoundMethod: HostObject {
    public let receiver: Value
    public let function: Value
    unowned let interpreter: Interpreter
    init(_ receiver: Value, _ function: Value, _ interpreter: Interpreter) {
        self.receiver = receiver
        self.function = function
        self.interpreter = interpreter
    }
    public var typeName: String { "method" }
    var functionName: String {
        if let f = function.object(as: FunctionObject.self) { return f.qualifiedName }
        if let f = function.object(as: NativeMethod.self) { return f.name }
        return "method"
    }
    public func repr() -> String { "<bound method \(functionName) of \(PythonFormat.repr(receiver))>" }
    public func call(positional: [Value], keywords: [(String, Value)]) throws -> Value {
        try interpreter.call(function, positional: [receiver] + positional, keywords: keywords)
    }
    public func getAttribute(_ name: String) throws -> Value? {
        if name == "__self__" { return receiver }
        if case .object(let o) = function { return try o.getAttribute(name) }
        return nil
    }
}

/// A method of a builtin class (the exceptions' `__init__`, `object.__init__`): binds like a
/// lesson function.
final class NativeMethod: HostObject {
    let name: String
    let body: (Value, [Value], [(String, Value)]) throws -> Value
    init(_ name: String, _ body: @escaping (Value, [Value], [(String, Value)]) throws -> Value) {
        self.name = name
        self.body = body
    }
    var typeName: String { "method_descriptor" }
    func repr() -> String { "<method '\(name)'>" }
    func call(positional: [Value], keywords: [(String, Value)]) throws -> Value {
        guard let first = positional.first else { throw ScriptError.typeError("descriptor '\(name)' needs an argument") }
        return try body(first, Array(positional.dropFirst()), keywords)
    }
}

/// `@staticmethod`, `@classmethod` and `@property` wrappers.
final class StaticMethodObject: HostObject {
    let function: Value
    init(_ f: Value) { function = f }
    var typeName: String { "staticmethod" }
}

final class ClassMethodObject: HostObject {
    let function: Value
    init(_ f: Value) { function = f }
    var typeName: String { "classmethod" }
}

final class PropertyObject: HostObject {
    var getter: Value
    var setter: Value?
    unowned let interpreter: Interpreter
    init(_ getter: Value, _ interpreter: Interpreter) {
        self.getter = getter
        self.interpreter = interpreter
    }
    var typeName: String { "property" }
    func getAttribute(_ name: String) throws -> Value? {
        guard name == "setter" else { return nil }
        return .function(BuiltinFunction("setter") { [self] a in
            let p = PropertyObject(self.getter, self.interpreter)
            p.setter = a.positional.first
            return .object(p)
        })
    }
}

extension Interpreter {
    /// Calls a lesson function: binds the arguments, runs the body in a new scope.
    func callFunction(_ f: FunctionObject, positional: [Value], keywords: [(String, Value)]) throws -> Value {
        let callSite = currentLocation
        if runtime.frames.count >= limits.maxRecursionDepth || StackGuard.isNearLimit(runtime.stackLimit) {
            throw ScriptError(.recursionError, "maximum recursion depth exceeded")
        }
        let scope = Scope()
        try bindParameters(f, positional, keywords, into: scope)
        if f.decl.isGenerator {
            // Nothing of the body runs before the first `next()`.
            return .object(GeneratorObject(name: f.decl.name, interpreter: self, function: f, firstArgument: positional.first,
                                           scopes: f.closure + [scope], blocks: [GeneratorBlock(kind: .body, stmts: f.decl.body)]))
        }
        let savedScopes = localScopes
        localScopes = f.closure + [scope]
        runtime.frames.append(CallFrame(function: f, firstArgument: positional.first))
        defer {
            localScopes = savedScopes
            runtime.frames.removeLast()
            currentLocation = callSite
        }
        do {
            let flow = try execBlock(f.decl.body)
            if flow == .returning {
                let v = runtime.returnValue
                runtime.returnValue = .none
                return v
            }
            return .none
        } catch var e as ScriptError {
            if let site = callSite, e.frames.count < 20 { e.frames.append(TracebackFrame(function: f.qualifiedName, location: site)) }
            throw e
        }
    }

    /// Python's argument binding, with CPython's messages.
    func bindParameters(_ f: FunctionObject, _ positional: [Value], _ keywords: [(String, Value)], into scope: Scope) throws {
        let name = f.qualifiedName + "()"
        let params = f.decl.parameters
        let positionalParams = params.filter { $0.kind == .positional }
        let varArgs = params.first { $0.kind == .varArgs }
        let varKeywords = params.first { $0.kind == .varKeywords }
        if positional.count > positionalParams.count && varArgs == nil {
            let required = positionalParams.filter { $0.defaultValue == nil }.count
            let takes = required == positionalParams.count ? "\(required)" : "from \(required) to \(positionalParams.count)"
            let s = positionalParams.count == 1 && required == positionalParams.count ? "" : "s"
            throw ScriptError.typeError("\(name) takes \(takes) positional argument\(s) but \(positional.count) \(positional.count == 1 ? "was" : "were") given")
        }
        for (p, v) in zip(positionalParams, positional) { scope.vars[p.name] = v }
        if let va = varArgs { scope.vars[va.name] = .tuple(Array(positional.dropFirst(positionalParams.count))) }
        let extra = DictStorage()
        for (k, v) in keywords {
            if let p = params.first(where: { $0.name == k && ($0.kind == .positional || $0.kind == .keywordOnly) }) {
                if scope.vars[p.name] != nil { throw ScriptError.typeError("\(name) got multiple values for argument '\(k)'") }
                scope.vars[p.name] = v
            } else if varKeywords != nil {
                try extra.set(.str(k), v)
            } else {
                throw ScriptError.typeError("\(name) got an unexpected keyword argument '\(k)'")
            }
        }
        if let vk = varKeywords { scope.vars[vk.name] = .dict(extra) }
        for kind in [Parameter.Kind.positional, .keywordOnly] {
            var missing: [String] = []
            for p in params where p.kind == kind && scope.vars[p.name] == nil {
                if let d = f.defaults[p.name] { scope.vars[p.name] = d } else { missing.append(p.name) }
            }
            if !missing.isEmpty {
                let names = missing.map { "'\($0)'" }
                let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
                let what = kind == .positional ? "positional" : "keyword-only"
                throw ScriptError.typeError("\(name) missing \(missing.count) required \(what) argument\(missing.count == 1 ? "" : "s"): \(list)")
            }
        }
    }

    /// Makes the function object of a `def` or `lambda` (defaults evaluated now).
    func makeFunction(_ decl: FunctionDecl) throws -> FunctionObject {
        var defaults: [String: Value] = [:]
        for p in decl.parameters { if let d = p.defaultValue { defaults[p.name] = try eval(d) } }
        var qualified = decl.name
        if let owner = runtime.frames.last { qualified = owner.function.qualifiedName + ".<locals>." + decl.name }
        return FunctionObject(decl: decl, closure: closureScopes, defaults: defaults, qualifiedName: qualified, interpreter: self)
    }

    /// Applies decorators, innermost (last written) first.
    func decorate(_ value: Value, with decorators: [Expr]) throws -> Value {
        var v = value
        for d in decorators.reversed() { v = try call(try eval(d), positional: [v]) }
        return v
    }
}
