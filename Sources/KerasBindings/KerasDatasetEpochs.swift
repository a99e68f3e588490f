import NumPy
import Script

/// `fit(dataset)` of Sequential and functional models trains each epoch on a new pass of the
/// dataset, as Keras iterates a `tf.data.Dataset` anew each epoch: a `shuffle` with
/// `reshuffle_each_iteration=True` gives each epoch its own order, and a `map` runs again.
/// (The first pass is what `TFDatasetObject.expanding` turned into `x` and `y`.)
extension TFDatasetObject {
    /// The dataset `fit(x=dataset)` / `fit(dataset)` was given, if it was.
    static func given(in args: Arguments) -> TFDatasetObject? {
        let keyed = args.keywords.first { $0.0 == "x" }?.1
        return (keyed ?? args.positional.first)?.object(as: TFDatasetObject.self)
    }

    /// The next pass as `x` and `y` values (what `expanding` puts in `fit`'s arguments).
    func nextPass() throws -> (x: Value, y: Value) {
        let arrays = try arrays()
        guard arrays.count == 2 else { throw ScriptError.notSupported("fit(dataset) needs (x, y) elements in lessons") }
        return (NDArrayObject.value(in: context, arrays[0]), NDArrayObject.value(in: context, arrays[1]))
    }
}
