import Foundation

/// `hasattr`, `getattr`, `setattr`, `delattr`: the same checks as `obj.name` (no reflection
/// through dunder names), so they reach nothing the dot syntax cannot.
extension Interpreter {
    func installAttributeBuiltins(into b: inout [String: Value]) {
        b["hasattr"] = fn("hasattr") { [unowned self] a in
            guard a.positional.count == 2, a.keywords.isEmpty else { throw ScriptError.typeError("hasattr expected 2 arguments, got \(a.positional.count + a.keywords.count)") }
            let name = try self.attributeName(a.positional[1], "hasattr")
            do {
                _ = try self.getAttribute(a.positional[0], name)
                return .bool(true)
            } catch let e as ScriptError where e.kind == .attributeError {
                return .bool(false)
            }
        }
        b["getattr"] = fn("getattr") { [unowned self] a in
            guard (2...3).contains(a.positional.count), a.keywords.isEmpty else {
                throw ScriptError.typeError("getattr expected at least 2 arguments, got \(a.positional.count + a.keywords.count)")
            }
            let name = try self.attributeName(a.positional[1], "getattr")
            do {
                return try self.getAttribute(a.positional[0], name)
            } catch let e as ScriptError where e.kind == .attributeError && a.positional.count == 3 {
                return a.positional[2]
            }
        }
        b["setattr"] = fn("setattr") { [unowned self] a in
            guard a.positional.count == 3, a.keywords.isEmpty else { throw ScriptError.typeError("setattr expected 3 arguments, got \(a.positional.count + a.keywords.count)") }
            try self.setAttribute(a.positional[0], try self.attributeName(a.positional[1], "setattr"), a.positional[2])
            return .none
        }
        b["delattr"] = fn("delattr") { [unowned self] a in
            guard a.positional.count == 2, a.keywords.isEmpty else { throw ScriptError.typeError("delattr expected 2 arguments, got \(a.positional.count + a.keywords.count)") }
            try self.deleteAttribute(a.positional[0], try self.attributeName(a.positional[1], "delattr"))
            return .none
        }
    }

    func attributeName(_ v: Value, _ function: String) throws -> String {
        _ = function
        guard let s = v.stringValue else {
            throw ScriptError.typeError("attribute name must be string, not '\(v.typeName)'")
        }
        return s
    }

    /// `obj.name = value`.
    func setAttribute(_ obj: Value, _ name: String, _ v: Value) throws {
        try checkAttributeName(name)
        switch obj {
        case .object(let o): try o.setAttribute(name, v)
        case .module(let m): m.members[name] = v
        default:
            throw ScriptError.attributeError("'\(obj.typeName)' object has no attribute '\(name)' and no __dict__ for setting new attributes")
        }
    }

    /// `del obj.name`.
    func deleteAttribute(_ obj: Value, _ name: String) throws {
        try checkAttributeName(name)
        if let i = obj.object(as: InstanceObject.self), i.attributes.removeValue(forKey: name) != nil { return }
        if let c = obj.object(as: ClassObject.self), c.attributes.removeValue(forKey: name) != nil { return }
        if let c = obj.object(as: ClassObject.self) { throw ScriptError.attributeError("type object '\(c.name)' has no attribute '\(name)'") }
        throw ScriptError.attributeError("'\(obj.typeName)' object has no attribute '\(name)'")
    }
}
