import CNN
import Script

/// `keras.regularizers.L1(l1=0.01)`, `L2(l2=0.01)`, `L1L2(l1=0.0, l2=0.0)` and their
/// lower-case aliases: the penalty of a weight, `l1 * sum(|x|) + l2 * sum(x²)`, as Keras 3
/// computes it. Given to `add_weight(regularizer=...)`, it joins the layer's `losses`.
final class KerasRegularizerObject: HostObject {
    enum Kind: String { case l1 = "L1", l2 = "L2", l1l2 = "L1L2" }
    let kind: Kind
    let l1: Double, l2: Double
    unowned let context: BindingContext

    init(_ kind: Kind, l1: Double, l2: Double, context: BindingContext) {
        self.kind = kind; self.l1 = l1; self.l2 = l2; self.context = context
    }

    static func classes(path: String, context: BindingContext) -> [String: Value] {
        var out: [String: Value] = [:]
        for kind in [Kind.l1, .l2, .l1l2] {
            let make: (Arguments) throws -> Value = { [unowned context] args in .object(try parse(kind, args, context: context)) }
            out[kind.rawValue] = KerasClass.value(kind.rawValue, path: path, make: make)
            out[kind == .l1l2 ? "l1_l2" : kind.rawValue.lowercased()] = KerasClass.value(kind.rawValue, path: path, make: make)
        }
        return out
    }

    static func parse(_ kind: Kind, _ args: Arguments, context: BindingContext) throws -> KerasRegularizerObject {
        switch kind {
        case .l1: return KerasRegularizerObject(.l1, l1: try args.bind(["l1"], required: 0).double("l1", default: 0.01), l2: 0, context: context)
        case .l2: return KerasRegularizerObject(.l2, l1: 0, l2: try args.bind(["l2"], required: 0).double("l2", default: 0.01), context: context)
        case .l1l2:
            let b = try args.bind(["l1", "l2"], required: 0)
            return KerasRegularizerObject(.l1l2, l1: try b.double("l1", default: 0), l2: try b.double("l2", default: 0), context: context)
        }
    }

    /// A regularizer as `add_weight` takes it: an object, or a name (`"l2"`, Keras's defaults).
    static func from(_ value: Value, context: BindingContext) throws -> KerasRegularizerObject? {
        switch value {
        case .none: return nil
        case .object(let r as KerasRegularizerObject): return r
        case .str(let name):
            // Keras 3's names: each class's name and its snake case ("l1l2"; "l1_l2" is refused).
            let kinds: [String: Kind] = ["l1": .l1, "L1": .l1, "l2": .l2, "L2": .l2, "l1l2": .l1l2, "L1L2": .l1l2]
            guard let kind = kinds[name] else { throw ScriptError.valueError("Could not interpret regularizer identifier: \(name)") }
            return try parse(kind, Arguments(functionName: name, positional: [], keywords: []), context: context)
        case let other: throw ScriptError.valueError("Could not interpret regularizer identifier: \(other.repr)")
        }
    }

    var typeName: String { kind.rawValue }
    func repr() -> String { "<keras.src.regularizers.regularizers.\(kind.rawValue) object at \(context.address())>" }

    func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "l1" where kind != .l2: return .float(l1)
        case "l2" where kind != .l1: return .float(l2)
        case "get_config":
            return .function(BuiltinFunction(name, isMethod: true) { [self] args in
                _ = try args.bind([])
                var items: [(String, Value)] = []
                // Keras's L1 keeps its factor as a float32 tensor (L1L2 and L2 keep the float).
                if kind != .l2 { items.append(("l1", .float(kind == .l1 ? Double(Float(l1)) : l1))) }
                if kind != .l1 { items.append(("l2", .float(l2))) }
                return .dict(DictStorage(items))
            })
        default: return nil
        }
    }

    /// `regularizer(x)`: the penalty of a weight or tensor, a scalar tensor on the open tape.
    func call(positional: [Value], keywords: [(String, Value)]) throws -> Value {
        let x = try Arguments(functionName: "__call__", positional: positional, keywords: keywords).bind(["x"])["x"] ?? .none
        let tape = TFEager.tape(for: [x], context: context)
        let v = try TFEager.variable(x, tape: tape)
        return TFEager.result(try penalty(v, tape: tape?.tape), tape: tape, context: context)
    }

    func penalty(_ v: Variable, tape: Tape?) throws -> Variable {
        var terms: [Variable] = []
        if kind != .l2 { terms.append(Ops.scale(Ops.sum(Ops.absolute(v, tape: tape), tape: tape), by: Float(l1), tape: tape)) }
        if kind != .l1 { terms.append(Ops.scale(Ops.sum(Ops.square(v, tape: tape), tape: tape), by: Float(l2), tape: tape)) }
        return terms.count == 1 ? terms[0] : try Ops.add(terms, tape: tape)
    }
}
