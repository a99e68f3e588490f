import CNN
import NumPy
import Script

/// `keras.losses.MeanSquaredError()`, `MeanAbsoluteError()`, `BinaryCrossentropy(from_logits=,
/// label_smoothing=)` with Keras 3's `reduction=` ("sum_over_batch_size", "mean", "sum",
/// None/"none"): the element-wise loss averaged over the last axis, then reduced. On a tensor
/// an open GradientTape recorded, the result is on that tape.
final class KerasLossFunctionObject: HostObject {
    enum Kind: String, CaseIterable {
        case meanSquaredError = "MeanSquaredError", meanAbsoluteError = "MeanAbsoluteError", binaryCrossentropy = "BinaryCrossentropy"
        var functionName: String {
            switch self {
            case .meanSquaredError: return "mean_squared_error"
            case .meanAbsoluteError: return "mean_absolute_error"
            case .binaryCrossentropy: return "binary_crossentropy"
            }
        }
    }
    let kind: Kind
    let fromLogits: Bool
    let labelSmoothing: Double
    /// nil for `reduction=None`.
    let reduction: String?
    let name: String
    unowned let context: BindingContext

    init(_ kind: Kind, fromLogits: Bool = false, labelSmoothing: Double = 0, reduction: String? = "sum_over_batch_size", name: String? = nil, context: BindingContext) {
        self.kind = kind; self.fromLogits = fromLogits; self.labelSmoothing = labelSmoothing; self.reduction = reduction
        self.name = name ?? kind.functionName; self.context = context
    }

    /// The loss a name in `compile(loss=...)` means, when it is one of these.
    static func named(_ name: String, context: BindingContext) -> KerasLossFunctionObject? {
        let kinds: [String: Kind] = ["mse": .meanSquaredError, "mean_squared_error": .meanSquaredError, "mae": .meanAbsoluteError,
                                     "mean_absolute_error": .meanAbsoluteError, "binary_crossentropy": .binaryCrossentropy]
        return kinds[name].map { KerasLossFunctionObject($0, context: context) }
    }

    static func classes(path: String, context: BindingContext) -> [String: Value] {
        var out: [String: Value] = [:]
        for kind in Kind.allCases {
            out[kind.rawValue] = KerasClass.value(kind.rawValue, path: path) { [unowned context] args in
                let names = kind == .binaryCrossentropy ? ["from_logits", "label_smoothing", "axis", "reduction", "name", "dtype"] : ["reduction", "name", "dtype"]
                let b = try args.bind(names, required: 0)
                if b.has("axis"), try b.int("axis") != -1 { throw ScriptError.notSupported("\(kind.rawValue)(axis=...) other than -1 is not supported in lessons") }
                if b.has("dtype"), let d = b["dtype"], !d.isNone, d.stringValue != "float32" { throw ScriptError.notSupported("\(kind.rawValue)(dtype=\(d.repr)) is not supported in lessons (float32 only)") }
                let reduction = try Self.reduction(args, b, positionalFirst: kind != .binaryCrossentropy)
                return .object(KerasLossFunctionObject(kind, fromLogits: try b.bool("from_logits", default: false), labelSmoothing: try b.double("label_smoothing", default: 0),
                                                       reduction: reduction, name: b.has("name") && !(b["name"]?.isNone ?? true) ? try b.string("name") : nil, context: context))
            }
        }
        return out
    }

    /// Keras 3's `reduction=`: nil for `reduction=None` (per-sample losses), which is a choice
    /// of its own, not the default. `positionalFirst`: the class takes `reduction` first.
    static func reduction(_ args: Arguments, _ b: BoundArguments, positionalFirst: Bool) throws -> String? {
        if args.keywords.contains(where: { $0.0 == "reduction" && $0.1.isNone }) || (positionalFirst && args.positional.first?.isNone == true) { return nil }
        guard b.has("reduction") else { return "sum_over_batch_size" }
        switch b["reduction"] ?? .none {
        case .none: return nil
        case .str(let r) where ["sum_over_batch_size", "sum", "none", "mean", "mean_with_sample_weight"].contains(r): return r
        case let other:
            throw ScriptError.valueError("Invalid value for argument `reduction`. Expected one of {'mean_with_sample_weight', 'sum_over_batch_size', 'mean', 'sum', 'none', None}. Received: reduction=\(other.str)")
        }
    }

    var typeName: String { kind.rawValue }
    func repr() -> String { "<LossFunctionWrapper(<function \(kind.functionName) at \(context.address())>, kwargs={})>" }

    func getAttribute(_ attribute: String) throws -> Value? {
        switch attribute {
        case "name": return .str(name)
        case "reduction": return reduction.map { Value.str($0) } ?? Value.none
        case "get_config":
            return .function(BuiltinFunction(attribute, isMethod: true) { [self] args in
                _ = try args.bind([])
                var items: [(String, Value)] = [("name", .str(name)), ("reduction", reduction.map { .str($0) } ?? .none)]
                if kind == .binaryCrossentropy {
                    items += [("from_logits", .bool(fromLogits)), ("label_smoothing", .float(labelSmoothing)), ("axis", .int(-1))]
                }
                return .dict(DictStorage(items))
            })
        default: return nil
        }
    }

    func call(positional: [Value], keywords: [(String, Value)]) throws -> Value {
        let b = try Arguments(functionName: "__call__", positional: positional, keywords: keywords).bind(["y_true", "y_pred", "sample_weight"], required: 2)
        if b.has("sample_weight"), !(b["sample_weight"]?.isNone ?? true) { throw ScriptError.notSupported("\(kind.rawValue)(...)(sample_weight=...) is not supported in lessons") }
        let predicted = b["y_pred"] ?? .none
        let tape = TFEager.tape(for: [predicted], context: nil)
        let output = try TFEager.variable(predicted, tape: tape)
        var truth = try TFEager.tensor(try ValueConversion.array(b["y_true"] ?? .none, name: "y_true").array)
        guard truth.count == output.value.count else {
            throw ScriptError.valueError("Dimensions must be equal, but are \(truth.shape.last ?? 1) and \(output.shape.last ?? 1): y_true of shape \(shapeText(truth.shape.map { $0 })), y_pred of shape \(shapeText(output.shape.map { $0 }))")
        }
        if labelSmoothing != 0 {
            let s = Float(labelSmoothing)
            truth = Ops.unary(Variable(constant: truth), tape: nil, { $0 * (1 - s) + 0.5 * s }, { _, _ in 0 }).value
        }
        let element: Ops.ElementwiseLoss
        switch kind {
        case .meanSquaredError: element = .squaredError
        case .meanAbsoluteError: element = .absoluteError
        case .binaryCrossentropy: element = .binaryCrossentropy(fromLogits: fromLogits)
        }
        let t = tape?.tape
        let out = try KerasCall.run { () -> Variable in
            let each = try Ops.elementwiseLoss(element, output, targets: try truth.reshaped(output.shape), tape: t)
            let perSample = each.shape.isEmpty ? each : try Ops.reduce(each, axis: -1, mean: true, tape: t)
            // Keras's reduce_values: a scalar or an empty batch stays as it is.
            guard let reduction, reduction != "none", !perSample.shape.isEmpty, perSample.shape != [0] else { return perSample }
            let total = Ops.sum(perSample, tape: t)
            guard reduction != "sum" else { return total }
            return try Ops.binary(.divide, total, Variable(constant: Tensor(shape: [], repeating: Float(perSample.value.count))), tape: t)
        }
        return TFEager.result(out, tape: tape, context: context)
    }
}
