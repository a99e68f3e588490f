import Foundation

/// The arguments of a call, with helpers that bind them to named parameters and raise
/// Python's errors (`TypeError: fit() got an unexpected keyword argument 'epoch'`).
public struct Arguments {
    public var functionName: String
    public var positional: [Value]
    /// Keyword arguments in call order.
    public var keywords: [(String, Value)]

    public init(functionName: String, positional: [Value], keywords: [(String, Value)]) {
        self.functionName = functionName
        self.positional = positional
        self.keywords = keywords
    }

    /// Binds the arguments to `parameters` (in positional order). The first `required`
    /// parameters (default: all) must be given. Names listed in `keywordOnly` may only be
    /// passed by keyword. With `allowExtraKeywords`, unknown keywords are kept in
    /// `BoundArguments.extraKeywords` instead of raising.
    public func bind(_ parameters: [String], required: Int? = nil, keywordOnly: [String] = [],
                     allowExtraKeywords: Bool = false) throws -> BoundArguments {
        let required = required ?? parameters.count
        let fn = "\(functionName)()"
        if positional.count > parameters.count {
            let takes = parameters.count == required ? "\(parameters.count)" : "from \(required) to \(parameters.count)"
            let pa = parameters.count == 1 && required == 1 ? "positional argument" : "positional arguments"
            throw ScriptError.typeError("\(fn) takes \(takes) \(pa) but \(positional.count) \(positional.count == 1 ? "was" : "were") given")
        }
        var values: [String: Value] = [:]
        for (i, v) in positional.enumerated() { values[parameters[i]] = v }
        var extra: [(String, Value)] = []
        for (k, v) in keywords {
            if parameters.contains(k) || keywordOnly.contains(k) {
                if values[k] != nil { throw ScriptError.typeError("\(fn) got multiple values for argument '\(k)'") }
                values[k] = v
            } else if allowExtraKeywords {
                extra.append((k, v))
            } else {
                throw ScriptError.typeError("\(fn) got an unexpected keyword argument '\(k)'")
            }
        }
        let missing = parameters.prefix(required).filter { values[$0] == nil }
        if !missing.isEmpty {
            let names = missing.map { "'\($0)'" }
            let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
            throw ScriptError.typeError("\(fn) missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(list)")
        }
        return BoundArguments(functionName: functionName, values: values, extraKeywords: extra)
    }
}

/// Arguments bound to parameter names, with typed accessors that raise `TypeError`.
public struct BoundArguments {
    public var functionName: String
    public var values: [String: Value]
    public var extraKeywords: [(String, Value)]

    /// The value given for `name`, or nil (None counts as given).
    public subscript(_ name: String) -> Value? { values[name] }

    /// True when `name` was given and is not None.
    public func has(_ name: String) -> Bool {
        if let v = values[name], !v.isNone { return true }
        return false
    }

    func typeError(_ name: String, _ expected: String, _ v: Value) -> ScriptError {
        ScriptError.typeError("\(functionName)() argument '\(name)' must be \(expected), not \(v.typeName)")
    }

    public func int(_ name: String, default def: Int? = nil) throws -> Int {
        guard let v = values[name], !v.isNone else {
            if let d = def { return d }
            throw ScriptError.typeError("\(functionName)() missing required argument '\(name)'")
        }
        if case .int(let i) = v { return i }
        if case .bool(let b) = v { return b ? 1 : 0 }
        if case .object(let o) = v, let i = o.asInt() { return i }
        throw typeError(name, "int", v)
    }

    public func double(_ name: String, default def: Double? = nil) throws -> Double {
        guard let v = values[name], !v.isNone else {
            if let d = def { return d }
            throw ScriptError.typeError("\(functionName)() missing required argument '\(name)'")
        }
        if let d = v.doubleValue { return d }
        if case .object(let o) = v, let d = o.asDouble() { return d }
        throw typeError(name, "a number", v)
    }

    public func string(_ name: String, default def: String? = nil) throws -> String {
        guard let v = values[name], !v.isNone else {
            if let d = def { return d }
            throw ScriptError.typeError("\(functionName)() missing required argument '\(name)'")
        }
        if case .str(let s) = v { return s }
        throw typeError(name, "str", v)
    }

    public func bool(_ name: String, default def: Bool? = nil) throws -> Bool {
        guard let v = values[name], !v.isNone else {
            if let d = def { return d }
            throw ScriptError.typeError("\(functionName)() missing required argument '\(name)'")
        }
        return try Interpreter.truthy(v)
    }

    /// A tuple or list of ints (`(3, 3)`, `[28, 28, 1]`); a single int becomes `[n]`.
    public func intList(_ name: String, default def: [Int]? = nil) throws -> [Int] {
        guard let v = values[name], !v.isNone else {
            if let d = def { return d }
            throw ScriptError.typeError("\(functionName)() missing required argument '\(name)'")
        }
        if let i = v.intValue { return [i] }
        if let xs = v.sequenceElements {
            return try xs.map { x in
                guard let i = x.intValue else { throw typeError(name, "a tuple of ints", v) }
                return i
            }
        }
        throw typeError(name, "a tuple of ints", v)
    }
}

/// A function implemented in Swift: builtins, module functions and bound methods of host
/// objects. The closure receives the call's arguments; use `Arguments.bind` to read them.
public final class BuiltinFunction {
    public let name: String
    /// Marks bound methods (affects only repr).
    public let isMethod: Bool
    let body: (Arguments) throws -> Value

    public init(_ name: String, isMethod: Bool = false, _ body: @escaping (Arguments) throws -> Value) {
        self.name = name
        self.isMethod = isMethod
        self.body = body
    }

    public func call(positional: [Value], keywords: [(String, Value)] = []) throws -> Value {
        try body(Arguments(functionName: name, positional: positional, keywords: keywords))
    }
}

/// A module made available by the host (`numpy`, `tensorflow.keras.datasets`, ...).
/// Attributes not found in `members` are looked up with `dynamicAttribute`, then as
/// submodules (`name + "." + attribute`) through the interpreter's importer.
public final class ModuleValue {
    public let name: String
    public var members: [String: Value]
    public var dynamicAttribute: ((String) throws -> Value?)?

    public init(name: String, members: [String: Value] = [:], dynamicAttribute: ((String) throws -> Value?)? = nil) {
        self.name = name
        self.members = members
        self.dynamicAttribute = dynamicAttribute
    }

    /// Adds a Swift function as a member.
    public func addFunction(_ name: String, _ body: @escaping (Arguments) throws -> Value) {
        members[name] = .function(BuiltinFunction(name, body))
    }
}
