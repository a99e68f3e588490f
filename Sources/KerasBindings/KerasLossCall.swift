import CNN
import Foundation
import NumPy
import Script

/// `loss_fn(y_true, y_pred)`: the batch's cross-entropy reduced as `reduction=` says, computed
/// as Keras 3 does (log-softmax of logits; probabilities scaled to sum 1 and clipped to
/// [1e-7, 1 - 1e-7]).
extension KerasLossObject {
    public func call(positional: [Value], keywords: [(String, Value)]) throws -> Value {
        if let onTape = try KerasEager.loss(self, positional: positional, keywords: keywords) { return onTape }
        let bound = try Arguments(functionName: "__call__", positional: positional, keywords: keywords).bind(["y_true", "y_pred", "sample_weight"], required: 2)
        guard !bound.has("sample_weight") else { throw ScriptError.notSupported("loss(sample_weight=...) is not supported in lessons") }
        let truth = try ValueConversion.array(bound["y_true"] ?? .none, name: "y_true").array
        let predicted = try ValueConversion.array(bound["y_pred"] ?? .none, name: "y_pred").array
        guard predicted.ndim >= 1, let classes = predicted.shape.last, classes > 0 else {
            throw ScriptError.valueError("y_pred must have a class axis, received shape \(NumPy.formatShape(predicted.shape))")
        }
        let rows = predicted.count / classes
        let sparse = loss.kind == .sparseCategoricalCrossentropy
        guard truth.count == (sparse ? rows : predicted.count) else {
            throw ScriptError.valueError("y_true of shape \(NumPy.formatShape(truth.shape)) does not match y_pred of shape \(NumPy.formatShape(predicted.shape))")
        }
        let eps = 1e-7
        var perSample: [Double] = []
        perSample.reserveCapacity(rows)
        for r in 0..<rows {
            var total = 0.0
            let row = (0..<classes).map { predicted.double(r * classes + $0) }
            var logP: [Double]
            if loss.fromLogits {
                let top = row.max() ?? 0
                let logSum = log(row.reduce(0) { $0 + exp($1 - top) }) + top
                logP = row.map { $0 - logSum }
            } else {
                let sum = row.reduce(0, +)
                logP = row.map { log(min(max($0 / (sum == 0 ? 1 : sum), eps), 1 - eps)) }
            }
            if sparse {
                let label = truth.double(r)
                guard label >= 0, label < Double(classes), label == label.rounded() else {
                    throw ScriptError.valueError("Received a label value of \(PythonFormat.floatRepr(label)) which is outside the valid range of [0, \(classes))")
                }
                total -= logP[Int(label)]
            } else {
                for c in 0..<classes { total -= truth.double(r * classes + c) * logP[c] }
            }
            perSample.append(total)
        }
        // Keras's reduce_values: per sample for "none"/None, else their sum (over the batch size).
        guard let reduction, reduction != "none" else {
            return TFTensorObject.value(NDArray(shape: Array(predicted.shape.dropLast()), dtype: .float32, storage: .float32(perSample.map { Float($0) })), context: nil)
        }
        let total = perSample.reduce(0, +)
        let value = reduction == "sum" ? total : rows == 0 ? 0 : total / Double(rows)
        return TFTensorObject.value(NDArray(shape: [], dtype: .float32, storage: .float32([Float(value)])), context: nil)
    }
}
