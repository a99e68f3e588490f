import NumPy
import Script

/// `fit(dataset)` of Sequential and functional models trains each epoch on a new pass of the
/// dataset, as Keras iterates a `tf.data.Dataset` anew each epoch: a `shuffle` with
/// `reshuffle_each_iteration=True` gives each epoch its own order, and a `map` runs again.
/// (The first pass is what `TFDatasetObject.expanding` turned into `x` and `y`.)
///
/// Keras 3 (EpochIterator without `steps_per_epoch`) makes two iterators per epoch of `fit`,
/// per `evaluate` and per `predict`: the one it reads, and one at the epoch's end that the next
/// epoch replaces unread. Each draws new shuffle seeds, so epoch `e` reads pass `2(e-1)`; the
/// spare one is `dropPass`.
extension TFDatasetObject {
    /// The dataset `fit(x=dataset)` / `fit(dataset)` was given, if it was.
    static func given(in args: Arguments) -> TFDatasetObject? {
        let keyed = args.keywords.first { $0.0 == "x" }?.1
        return (keyed ?? args.positional.first)?.object(as: TFDatasetObject.self)
    }

    /// An iterator made and never read: each reshuffling shuffle draws its seeds (nothing
    /// else runs: TensorFlow fills a shuffle buffer on the first read).
    func dropPass() {
        for case let .shuffle(_, seeds) in steps { _ = seeds.next() }
    }

    /// The next epoch's pass as `x` and `y` values (what `expanding` puts in `fit`'s
    /// arguments), then Keras's spare iterator.
    func nextPass() throws -> (x: Value, y: Value) {
        let arrays = try arrays()
        dropPass()
        guard arrays.count == 2 else { throw ScriptError.notSupported("fit(dataset) needs (x, y) elements in lessons") }
        return (NDArrayObject.value(in: context, arrays[0]), NDArrayObject.value(in: context, arrays[1]))
    }
}
