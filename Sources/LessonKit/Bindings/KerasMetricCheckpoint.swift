import Foundation
import KerasBindings
import Script

/// A metric object of a custom loop (`keras.metrics.Mean`, …) in a checkpoint: its kind, its
/// name and its two float32 totals, so a restored `result()` is the same number.
extension KerasMetricTracker: CheckpointableObject {
    static var checkpointKind: String { "keras.MetricTracker" }

    func checkpointState(_ writer: CheckpointWriter) throws -> JSONValue {
        .object(["kind": .string(kind.rawValue), "name": .string(name), "total": .number(Double(state.total)), "count": .number(Double(state.count))])
    }

    static func restore(_ state: JSONValue, _ reader: CheckpointReader, _ context: BindingContext) throws -> Value {
        guard let kindName = state["kind"]?.string, let kind = Kind(rawValue: kindName), let name = state["name"]?.string,
              let total = state["total"]?.number, let count = state["count"]?.number, total.isFinite, count.isFinite, count >= 0,
              abs(total) <= Double(Float.greatestFiniteMagnitude), count <= Double(Float.greatestFiniteMagnitude) else {
            throw CheckpointError.damaged("a metric object's state is incomplete")
        }
        let metric = KerasMetricTracker(kind, name: name, context: context)
        metric.state = (Float(total), Float(count))
        return .object(metric)
    }
}
