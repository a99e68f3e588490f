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
    /// The dataset `fit(x=dataset)` / `fit(dataset)` was given, if it was; with Keras's error
    /// when `validation_split` is asked of it.
    static func given(in args: Arguments) throws -> TFDatasetObject? {
        let keyed = args.keywords.first { $0.0 == "x" }?.1
        guard let dataset = (keyed ?? args.positional.first)?.object(as: TFDatasetObject.self) else { return nil }
        if let split = args.keywords.first(where: { $0.0 == "validation_split" })?.1, try Interpreter.truthy(split),
           !(args.keywords.first { $0.0 == "validation_data" }.map { !$0.1.isNone } ?? false) {
            throw ScriptError.valueError("Argument `validation_split` is only supported for tensors or NumPy arrays.Found incompatible type in the input: [<class '\(dataset.pythonClass)'>]")
        }
        return dataset
    }

    /// The Python class of the pipeline's last dataset, as Keras's messages name it.
    var pythonClass: String {
        let ops = "tensorflow.python.data.ops."
        switch steps.last {
        case .batch?: return ops + "batch_op._BatchDataset"
        case .shuffle?: return ops + "shuffle_op._ShuffleDataset"
        case .take?: return ops + "take_op._TakeDataset"
        case .map?: return ops + "map_op._MapDataset"
        case nil: return ops + "from_tensor_slices_op._TensorSliceDataset"
        }
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
