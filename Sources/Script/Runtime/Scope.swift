import Foundation

/// The variables of one function call, class body or comprehension. A reference type, so a
/// closure sees later assignments to the variables it captured (Python's late binding).
public final class Scope {
    var vars: [String: Value] = [:]
    var globalNames: Set<String> = []
    var nonlocalNames: Set<String> = []
    /// Class bodies are not visible to the functions defined in them.
    let isClassBody: Bool
    let isComprehension: Bool

    init(isClassBody: Bool = false, isComprehension: Bool = false) {
        self.isClassBody = isClassBody
        self.isComprehension = isComprehension
    }
}

/// A lesson function being run: for `super()` and the traceback.
struct CallFrame {
    var function: FunctionObject
    var firstArgument: Value?
}

/// The interpreter's state for the language constructs beyond expressions: the call stack,
/// the value a `return` carries, the exceptions being handled.
final class RuntimeState {
    var frames: [CallFrame] = []
    var returnValue: Value = .none
    var handling: [ScriptError] = []
    var exceptionClasses: [String: ClassObject] = [:]
    var objectClass: ClassObject?
    /// The current thread's stack limit, read once per cell.
    var stackLimit: UInt?
    /// Bytes of small values built since the resident memory was last read (GrowthCharge).
    var growthSinceResidentCheck = 0
    /// What a lesson's `__eq__` raised inside a dict lookup, until the dict operation throws it.
    var comparisonError: Error?
}

extension Interpreter {
    /// The value of a variable: the innermost scope, the enclosing function scopes, the
    /// globals, then the builtins.
    func lookupVariable(_ name: String) -> Value? {
        if let inner = localScopes.last, !inner.globalNames.contains(name) {
            if let v = inner.vars[name] { return v }
            for s in localScopes.dropLast().reversed() where !s.isClassBody {
                if let v = s.vars[name] { return v }
            }
        }
        if let v = globals[name] { return v }
        return builtins[name]
    }

    func setVariable(_ name: String, _ v: Value) {
        guard let inner = localScopes.last else { globals[name] = v; return }
        if inner.globalNames.contains(name) { globals[name] = v; return }
        if inner.nonlocalNames.contains(name) {
            for s in localScopes.dropLast().reversed() where !s.isClassBody && s.vars[name] != nil {
                s.vars[name] = v
                return
            }
        }
        inner.vars[name] = v
    }

    func deleteVariable(_ name: String) throws {
        if let inner = localScopes.last, !inner.globalNames.contains(name) {
            if inner.vars.removeValue(forKey: name) != nil { return }
            throw ScriptError(.init(rawValue: "UnboundLocalError"), "cannot access local variable '\(name)' where it is not associated with a value")
        }
        if globals.removeValue(forKey: name) == nil { throw ScriptError.nameError("name '\(name)' is not defined") }
    }

    /// The scopes a function defined here closes over (class bodies excluded).
    var closureScopes: [Scope] { localScopes.filter { !$0.isClassBody } }
}
