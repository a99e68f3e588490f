import NumPy
import Script

/// `keras.utils.pad_sequences` (also `keras.preprocessing.sequence.pad_sequences`): lists of
/// token ids cut or padded to one length, as Keras 3 does it — `maxlen` the longest by default,
/// `padding`/`truncating` "pre" (the default) or "post", `value`, `dtype` int32 by default.
enum KerasPadSequences {
    static func call(_ args: Arguments, context: BindingContext) throws -> Value {
        let bound = try args.bind(["sequences", "maxlen", "dtype", "padding", "truncating", "value"], required: 1)
        guard let rows = (bound["sequences"] ?? .none).sequenceElements else { throw ScriptError.valueError("`sequences` must be iterable.") }
        let sequences = try rows.map { row -> [Double] in
            guard let items = row.sequenceElements ?? ((try? ValueConversion.array(row, name: "sequences"))?.array.doubles.map(Value.float)) else {
                throw ScriptError.valueError("`sequences` must be a list of iterables. Found non-iterable: \(row.repr)")
            }
            return try items.map { item in
                guard let x = item.doubleValue else { throw ScriptError.valueError("`sequences` must hold numbers. Found: \(item.repr)") }
                return x
            }
        }
        let padding = bound.has("padding") ? try bound.string("padding") : "pre"
        let truncating = bound.has("truncating") ? try bound.string("truncating") : "pre"
        let longest = sequences.map(\.count).max() ?? 0
        let length = bound.has("maxlen") && !(bound["maxlen"] ?? .none).isNone ? try bound.int("maxlen") : longest
        guard length >= 0 else { throw ScriptError.valueError("maxlen must be a non-negative integer, got \(length)") }
        let dtype = bound.has("dtype") ? try ValueConversion.dtype(bound["dtype"] ?? .none) : .int32
        let value = bound.has("value") ? try bound.double("value") : 0
        let count = try NumPyCall.run { try NDArray.checkedCount([sequences.count, length], charging: context.run) }
        var out = [Double](repeating: value, count: count)
        for (r, sequence) in sequences.enumerated() where !sequence.isEmpty {
            let kept: ArraySlice<Double>
            switch truncating {
            case "pre": kept = sequence.suffix(length)
            case "post": kept = sequence.prefix(length)
            default: throw ScriptError.valueError("Truncating type \"\(truncating)\" not understood")
            }
            let start: Int
            switch padding {
            case "post": start = 0
            case "pre": start = length - kept.count
            default: throw ScriptError.valueError("Padding type \"\(padding)\" not understood")
            }
            for (k, x) in kept.enumerated() { out[r * length + start + k] = x }
        }
        context.performed(.reshape)
        return NDArrayObject.value(in: context, NDArray(doubles: out, shape: [sequences.count, length], dtype: .float64).astype(dtype))
    }
}
