import CNN
import NumPy
import Script

/// Keras 3's stateful metrics as custom loops use them: `keras.metrics.Mean(name=)`,
/// `SparseCategoricalAccuracy()`, `CategoricalAccuracy()` with `update_state`, `result`,
/// `reset_state` and the call (update, then result). Totals are float32, as Keras keeps them.
public final class KerasMetricTracker: HostObject {
    public enum Kind: String {
        case mean = "Mean", sparseCategoricalAccuracy = "SparseCategoricalAccuracy", categoricalAccuracy = "CategoricalAccuracy", binaryAccuracy = "BinaryAccuracy"
    }
    public let kind: Kind
    public let name: String
    private var total: Float = 0, count: Float = 0
    unowned let context: BindingContext

    /// The name `compile(metrics=[...])` knows it by.
    var compileName: String {
        switch kind {
        case .mean: return name
        case .sparseCategoricalAccuracy: return "sparse_categorical_accuracy"
        case .categoricalAccuracy: return "categorical_accuracy"
        case .binaryAccuracy: return "binary_accuracy"
        }
    }

    public init(_ kind: Kind, name: String?, context: BindingContext) {
        self.kind = kind; self.context = context
        let snake: String
        switch kind {
        case .mean: snake = "mean"
        case .sparseCategoricalAccuracy: snake = "sparse_categorical_accuracy"
        case .categoricalAccuracy: snake = "categorical_accuracy"
        case .binaryAccuracy: snake = "binary_accuracy"
        }
        self.name = name ?? snake
    }

    static func classes(path: String, context: BindingContext) -> [String: Value] {
        var classes: [String: Value] = [:]
        for kind in [Kind.mean, .sparseCategoricalAccuracy, .categoricalAccuracy, .binaryAccuracy] {
            classes[kind.rawValue] = KerasClass.value(kind.rawValue, path: path) { [unowned context] args in
                let b = try args.bind(["name", "dtype"], required: 0)
                return .object(KerasMetricTracker(kind, name: b.has("name") ? try b.string("name") : nil, context: context))
            }
        }
        return classes
    }

    public var typeName: String { kind.rawValue }
    public func repr() -> String { "<\(kind.rawValue) name=\(name)>" }

    var resultValue: Float { count == 0 ? 0 : total / count }

    public func getAttribute(_ attribute: String) throws -> Value? {
        let method: ((Arguments) throws -> Value)?
        switch attribute {
        case "name": return .str(name)
        case "update_state": method = { [self] args in try update(args); return .none }
        case "result": method = { [self] args in _ = try args.bind([]); return result() }
        case "reset_state", "reset_states": method = { [self] args in _ = try args.bind([]); total = 0; count = 0; return .none }
        default: method = nil
        }
        return method.map { .function(BuiltinFunction(attribute, isMethod: true, $0)) }
    }

    public func call(positional: [Value], keywords: [(String, Value)]) throws -> Value {
        try update(Arguments(functionName: name, positional: positional, keywords: keywords))
        return result()
    }

    func result() -> Value { TFTensorObject.value(NDArray(shape: [], dtype: .float32, storage: .float32([resultValue])), context: context) }

    /// One weighted value (Keras weights the loss of a step by its batch size).
    func add(_ value: Float, weight: Float) { total += value * weight; count += weight }

    /// The state a checkpoint keeps: the kind, the name and the two float32 totals.
    public var state: (total: Float, count: Float) {
        get { (total, count) }
        set { total = newValue.total; count = newValue.count }
    }

    private func update(_ args: Arguments) throws {
        if kind == .mean {
            let b = try args.bind(["values", "sample_weight"], required: 1)
            guard !b.has("sample_weight") || (b["sample_weight"]?.isNone ?? true) else { throw ScriptError.notSupported("Mean.update_state(sample_weight=...) is not supported in lessons") }
            let v = try ValueConversion.array(b["values"] ?? .none, name: "values").array
            var s: Float = 0
            for i in 0..<v.count { s += Float(v.double(i)) }
            total += s; count += Float(v.count)
            return
        }
        let b = try args.bind(["y_true", "y_pred", "sample_weight"], required: 2)
        let truth = try ValueConversion.array(b["y_true"] ?? .none, name: "y_true").array
        let predicted = try ValueConversion.array(b["y_pred"] ?? .none, name: "y_pred").array
        if kind == .binaryAccuracy {
            // Keras: the mean over the last axis of (y_pred > 0.5) == y_true, one value a sample.
            guard truth.count == predicted.count else { throw ScriptError.valueError("y_true of shape \(NumPy.formatShape(truth.shape)) does not match y_pred of shape \(NumPy.formatShape(predicted.shape))") }
            let k = Swift.max(predicted.shape.last ?? 1, 1), rows = predicted.count / k
            for r in 0..<rows {
                var hits: Float = 0
                for c in 0..<k where (predicted.double(r * k + c) > 0.5 ? 1.0 : 0.0) == truth.double(r * k + c) { hits += 1 }
                total += hits / Float(k)
            }
            count += Float(rows)
            return
        }
        guard let classes = predicted.shape.last, classes > 0 else { throw ScriptError.valueError("y_pred must have a class axis, received shape \(NumPy.formatShape(predicted.shape))") }
        let rows = predicted.count / classes
        let sparse = kind == .sparseCategoricalAccuracy
        guard truth.count == (sparse ? rows : predicted.count) else {
            throw ScriptError.valueError("y_true of shape \(NumPy.formatShape(truth.shape)) does not match y_pred of shape \(NumPy.formatShape(predicted.shape))")
        }
        func argmax(_ a: NDArray, _ r: Int) -> Int {
            var best = 0, top = -Double.infinity
            for c in 0..<classes where a.double(r * classes + c) > top { top = a.double(r * classes + c); best = c }
            return best
        }
        var correct: Float = 0
        for r in 0..<rows {
            let label = sparse ? truth.double(r) : Double(argmax(truth, r))
            if label == Double(argmax(predicted, r)) { correct += 1 }
        }
        total += correct; count += Float(rows)
    }
}
