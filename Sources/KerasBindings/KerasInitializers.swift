import CNN
import NumPy
import Script

/// `keras.initializers`: `Zeros`, `Ones`, `Constant(value)`, `GlorotUniform`, `GlorotNormal`,
/// `HeNormal`, `RandomNormal`, `RandomUniform` (Keras's default arguments), with `get` and
/// `serialize`. `add_weight(initializer=...)` takes an object or its name; values come from
/// the run's seed (Constant, Zeros and Ones are exact, as in Keras).
final class KerasInitializerObject: HostObject {
    /// Keras's class name and the engine's initializer name.
    static let kinds: [(cls: String, engine: String)] = [
        ("Zeros", "zeros"), ("Ones", "ones"), ("Constant", "constant"), ("GlorotUniform", "glorot_uniform"),
        ("GlorotNormal", "glorot_normal"), ("HeNormal", "he_normal"), ("RandomNormal", "random_normal"), ("RandomUniform", "random_uniform"),
    ]
    let className: String, engineName: String
    let value: Double
    let seed: Value
    unowned let context: BindingContext

    init(className: String, engineName: String, value: Double = 0, seed: Value = .none, context: BindingContext) {
        self.className = className; self.engineName = engineName; self.value = value; self.seed = seed; self.context = context
    }

    static func module(path: String, context: BindingContext) -> [String: Value] {
        var out: [String: Value] = [:]
        for (cls, engine) in kinds {
            out[cls] = KerasClass.value(cls, path: path) { [unowned context] args in
                let parameters = cls == "Constant" ? ["value"] : cls.hasPrefix("Random") ? ["mean", "stddev", "minval", "maxval", "seed"] : ["seed"]
                let b = try args.bind(parameters, required: 0)
                if cls.hasPrefix("Random"), b.has("mean") || b.has("stddev") || b.has("minval") || b.has("maxval") {
                    throw ScriptError.notSupported("keras.initializers.\(cls) with other than its default range is not supported in lessons")
                }
                return .object(KerasInitializerObject(className: cls, engineName: engine, value: cls == "Constant" ? try b.double("value", default: 0) : 0,
                                                      seed: b["seed"] ?? .none, context: context))
            }
        }
        out["get"] = .function(BuiltinFunction("get") { [unowned context] args in
            let id = try args.bind(["identifier"])["identifier"] ?? .none
            return try from(id, context: context).map { .object($0) } ?? .none
        })
        out["serialize"] = .function(BuiltinFunction("serialize") { args in
            let v = try args.bind(["initializer"])["initializer"] ?? .none
            guard let i = v.object(as: KerasInitializerObject.self) else { return v }
            return .dict(DictStorage([("module", .str("keras.initializers")), ("class_name", .str(i.className)),
                                      ("config", i.config), ("registered_name", .none)]))
        })
        return out
    }

    /// An object, a name (`"he_normal"`, `"HeNormal"`) or None.
    static func from(_ value: Value, context: BindingContext) throws -> KerasInitializerObject? {
        switch value {
        case .none: return nil
        case .object(let i as KerasInitializerObject): return i
        case .str(let s):
            guard let k = kinds.first(where: { $0.engine == s || $0.cls == s || (s == "zero" && $0.engine == "zeros") || (s == "one" && $0.engine == "ones")
                || (s == "normal" && $0.engine == "random_normal") || (s == "uniform" && $0.engine == "random_uniform") }) else {
                throw ScriptError.valueError("Could not interpret initializer identifier: \(s)")
            }
            return KerasInitializerObject(className: k.cls, engineName: k.engine, context: context)
        case let other: throw ScriptError.valueError("Could not interpret initializer identifier: \(other.repr)")
        }
    }

    var config: Value {
        switch className {
        case "Constant": return .dict(DictStorage([("value", .float(value))]))
        case "Zeros", "Ones": return .dict(DictStorage([]))
        case "RandomNormal": return .dict(DictStorage([("seed", seed), ("mean", .float(0)), ("stddev", .float(0.05))]))
        case "RandomUniform": return .dict(DictStorage([("seed", seed), ("minval", .float(-0.05)), ("maxval", .float(0.05))]))
        default: return .dict(DictStorage([("seed", seed)]))
        }
    }

    /// The initial value of a weight of `shape`.
    func make(_ shape: [Int], rng: inout SeededRNG) throws -> Tensor {
        guard engineName == "constant" else { return try KerasCall.run { try Initializer.make(engineName, shape: shape, rng: &rng) } }
        return Tensor(shape: shape, repeating: Float(value))
    }

    var typeName: String { className }
    func repr() -> String { "<keras.src.initializers.\(className) object at \(context.address())>" }
    func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "get_config": return .function(BuiltinFunction(name, isMethod: true) { [self] args in _ = try args.bind([]); return config })
        default: return nil
        }
    }

    /// `initializer(shape)`: a tensor of that shape.
    func call(positional: [Value], keywords: [(String, Value)]) throws -> Value {
        let b = try Arguments(functionName: "__call__", positional: positional, keywords: keywords).bind(["shape", "dtype"], required: 1)
        let shape = try ValueConversion.shape(b["shape"] ?? .none, name: "shape")
        try context.run.charge(elements: try NDArray.checkedCount(shape, charging: context.run), bytesPerElement: 8, what: "an initial value")
        var rng = SeededRNG(seed: context.nextModelSeed())
        return TFTensorObject.value(.float32(try make(shape, rng: &rng)), context: context)
    }
}
