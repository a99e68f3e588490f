import CNN
import NumPy
import Script

/// `tf.data.Dataset`: the class whose `from_tensor_slices` starts a pipeline.
final class TFDatasetClass: HostObject {
    unowned let context: BindingContext
    init(context: BindingContext) { self.context = context }
    var typeName: String { "type" }
    func repr() -> String { "<class 'tensorflow.python.data.ops.dataset_ops.DatasetV2'>" }
    func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "__name__": return .str("DatasetV2")
        case "from_tensor_slices":
            return .function(BuiltinFunction("from_tensor_slices") { [unowned context] args in
                let value = try args.bind(["tensors", "name"], required: 1)["tensors"] ?? .none
                return .object(try TFDatasetObject(slicing: value, context: context))
            })
        case "range":
            // `Dataset.range(stop)`, `range(start, stop[, step])`: int64 scalars.
            return .function(BuiltinFunction("range") { [unowned context] args in
                let given = args.positional
                guard (1...3).contains(given.count), args.keywords.allSatisfy({ ["dtype", "name"].contains($0.0) }) else {
                    throw ScriptError.typeError("Dataset.range() takes 1 to 3 positional arguments (start, stop, step)")
                }
                let ints = try given.map { v -> Int in
                    guard let i = v.intValue else { throw ScriptError.typeError("Dataset.range() arguments must be integers, not \(v.typeName)") }
                    return i
                }
                let (start, stop, step) = ints.count == 1 ? (0, ints[0], 1) : (ints[0], ints[1], ints.count == 3 ? ints[2] : 1)
                guard step != 0 else { throw ScriptError.valueError("step must be a non-zero integer.") }
                let (span, overflow) = step > 0 ? stop.subtractingReportingOverflow(start) : start.subtractingReportingOverflow(stop)
                guard !overflow else { throw ScriptError.overflow("Dataset.range() is too long") }
                let count = span <= 0 ? 0 : Int((UInt(span) - 1) / step.magnitude + 1)
                _ = try context.run.charge(elements: count, bytesPerElement: 8, what: "Dataset.range")
                let values = (0..<count).map { start + $0 * step }
                return .object(TFDatasetObject(source: NDArray(shape: [count], dtype: .int64, storage: .int64(values)), context: context))
            })
        default: return nil
        }
    }
}

/// A dataset pipeline: the sliced arrays and the steps applied to them, run anew by each
/// iteration (so `shuffle` reshuffles every epoch in TensorFlow's order, TFShuffle.swift).
final class TFDatasetObject: HostObject {
    /// An element: its tensors, and whether it is a tuple (`(x, y)`) or one tensor.
    struct Element { var parts: [NDArray]; var isTuple: Bool }
    enum PipelineStep {
        case shuffle(buffer: Int, seeds: TFShuffleSeeds)
        case batch(Int, dropRemainder: Bool)
        case take(Int)
        case map(Value)
    }
    let sources: [NDArray], isTuple: Bool
    let steps: [PipelineStep]
    unowned let context: BindingContext

    /// One array whose rows are the elements (`Dataset.range`).
    init(source: NDArray, context: BindingContext) {
        self.context = context; sources = [source]; isTuple = false; steps = []
    }

    init(slicing value: Value, context: BindingContext) throws {
        self.context = context
        let items: [Value]
        switch value {
        case .tuple(let t): items = t; isTuple = true
        case .list(let l): items = l.items; isTuple = true
        case .dict: throw ScriptError.notSupported("Dataset.from_tensor_slices({...}) with a dict is not supported in lessons; give a tuple")
        default: items = [value]; isTuple = false
        }
        sources = try items.map { try ValueConversion.array($0, name: "tensors").array }
        guard let n = sources.first?.shape.first, sources.allSatisfy({ $0.shape.first == n }) else {
            throw ScriptError.valueError("Dimensions of the sliced tensors must match in their first dimension (got shapes \(sources.map { NumPy.formatShape($0.shape) }.joined(separator: ", ")))")
        }
        steps = []
    }

    private init(_ base: TFDatasetObject, adding step: PipelineStep) {
        sources = base.sources; isTuple = base.isTuple; steps = base.steps + [step]; context = base.context
    }

    var typeName: String { batchSize != nil ? "_BatchDataset" : "_TensorSliceDataset" }
    func repr() -> String { "<\(typeName) element_spec=...>" }

    /// The batch size of the last `batch` step (what `fit` trains with).
    var batchSize: Int? {
        for case let .batch(n, _) in steps.reversed() { return n }
        return nil
    }

    func length() throws -> Int? {
        var n = sources.first?.shape.first ?? 0
        for step in steps {
            switch step {
            case .shuffle, .map: break
            case let .batch(b, drop): n = drop ? n / b : (n + b - 1) / b
            case .take(let k): n = k < 0 ? n : Swift.min(n, k)
            }
        }
        return n
    }

    func getAttribute(_ name: String) throws -> Value? {
        let method: ((Arguments) throws -> Value)?
        switch name {
        case "shuffle":
            method = { [self] args in
                let b = try args.bind(["buffer_size", "seed", "reshuffle_each_iteration", "name"], required: 1)
                let size = try b.int("buffer_size")
                guard size > 0 else { throw ScriptError.valueError("buffer_size must be greater than zero.") }
                let op = b.has("seed") && !(b["seed"]?.isNone ?? true) ? try b.int("seed") : nil
                let reshuffle = b.has("reshuffle_each_iteration") && !(b["reshuffle_each_iteration"]?.isNone ?? true) ? try b.bool("reshuffle_each_iteration") : true
                // Without any seed TensorFlow shuffles nondeterministically; a lesson as after set_seed(its seed).
                let given = context.tfSeeds.seeds(op: op) ?? context.tfSeeds.lessonSeeds()
                let pair = (UInt64(given.0), UInt64(given.1))
                return .object(TFDatasetObject(self, adding: .shuffle(buffer: size, seeds: TFShuffleSeeds(seed: pair.0, seed2: pair.1, reshuffle: reshuffle))))
            }
        case "batch":
            method = { [self] args in
                let b = try args.bind(["batch_size", "drop_remainder", "num_parallel_calls", "deterministic", "name"], required: 1)
                let n = try b.int("batch_size")
                guard n > 0 else { throw ScriptError.valueError("batch_size must be greater than zero.") }
                return .object(TFDatasetObject(self, adding: .batch(n, dropRemainder: try b.bool("drop_remainder", default: false))))
            }
        case "take":
            method = { [self] args in .object(TFDatasetObject(self, adding: .take(try args.bind(["count", "name"], required: 1).int("count")))) }
        case "map":
            method = { [self] args in
                let b = try args.bind(["map_func", "num_parallel_calls", "deterministic", "name"], required: 1)
                return .object(TFDatasetObject(self, adding: .map(b["map_func"] ?? .none)))
            }
        case "prefetch", "cache":
            method = { [self] args in _ = try args.bind(name == "cache" ? ["filename", "name"] : ["buffer_size", "name"], required: 0); return .object(self) }
        case "cardinality":
            method = { [self] _ in TFTensorObject.value(NDArray(shape: [], dtype: .int64, storage: .int64([try length() ?? 0])), context: context) }
        default: method = nil
        }
        return method.map { .function(BuiltinFunction(name, isMethod: true, $0)) }
    }

    func iterate() throws -> ValueIterator? {
        let elements = try run()
        var i = 0
        return ValueIterator { [context] in
            guard i < elements.count else { return nil }
            defer { i += 1 }
            return Self.value(elements[i], context: context)
        }
    }

    static func value(_ e: Element, context: BindingContext) -> Value {
        let tensors = e.parts.map { TFTensorObject.value($0, context: context) }
        return e.isTuple ? .tuple(tensors) : tensors[0]
    }

    /// Every element of one pass (a new iterator: each shuffle draws its seeds), in order.
    /// Rows are taken as index lists, so the arrays are copied once per batch.
    func run() throws -> [Element] {
        let n = sources.first?.shape.first ?? 0
        // Until a `map` or `batch`, elements are row indices of the sources.
        var rows: [[Int]] = (0..<n).map { [$0] }, elements: [Element]? = nil, batched = false
        func materialize() -> [Element] {
            rows.map { r in Element(parts: sources.map { Self.rows($0, r, keepAxis: batched) }, isTuple: isTuple) }
        }
        for step in steps {
            switch step {
            case let .shuffle(buffer, seeds):
                var rng = seeds.next()
                if elements != nil { elements = TFShuffleSeeds.shuffled(elements ?? [], buffer: buffer, rng: &rng) }
                else { rows = TFShuffleSeeds.shuffled(rows, buffer: buffer, rng: &rng) }
            case let .take(k):
                if k >= 0 { if elements != nil { elements = Array((elements ?? []).prefix(k)) } else { rows = Array(rows.prefix(k)) } }
            case let .batch(b, drop):
                if let es = elements {
                    elements = try stride(from: 0, to: es.count, by: b).compactMap { lo in
                        let group = Array(es[lo..<Swift.min(lo + b, es.count)])
                        return drop && group.count < b ? nil : try Self.stack(group)
                    }
                } else {
                    rows = stride(from: 0, to: rows.count, by: b).compactMap { lo in
                        let group = rows[lo..<Swift.min(lo + b, rows.count)].flatMap { $0 }
                        return drop && group.count < b ? nil : group
                    }
                    batched = true
                }
            case .map(let f):
                let es = elements ?? materialize()
                elements = try es.map { e in
                    let args = e.parts.map { TFTensorObject.value($0, context: context) }
                    guard let interpreter = context.interpreter else { throw ScriptError.runtimeError("Dataset.map: no interpreter") }
                    let out = try interpreter.call(f, positional: e.isTuple ? args : [args[0]])
                    if case .tuple(let items) = out {
                        return Element(parts: try items.map { try ValueConversion.array($0, name: "map_func result").array }, isTuple: true)
                    }
                    return Element(parts: [try ValueConversion.array(out, name: "map_func result").array], isTuple: false)
                }
            }
        }
        return elements ?? materialize()
    }

    /// Rows `r` of `a` (as one batch, or a single row without its axis).
    static func rows(_ a: NDArray, _ r: [Int], keepAxis: Bool) -> NDArray {
        let rest = Array(a.shape.dropFirst()), len = rest.reduce(1, *)
        return NDArray(shape: keepAxis ? [r.count] + rest : rest, dtype: a.dtype, storage: a.gather(blocks: r.map { $0 * len }, length: len))
    }

    /// Elements of equal shapes stacked into one batch.
    static func stack(_ group: [Element]) throws -> Element {
        guard let first = group.first else { throw ScriptError.valueError("empty batch") }
        let parts = try first.parts.indices.map { k -> NDArray in
            let shape = first.parts[k].shape
            guard group.allSatisfy({ $0.parts[k].shape == shape }) else {
                throw ScriptError.valueError("Cannot batch tensors with different shapes in component \(k).")
            }
            let values = group.flatMap { $0.parts[k].doubles }
            return NDArray(doubles: values, shape: [group.count] + shape, dtype: first.parts[k].dtype)
        }
        return Element(parts: parts, isTuple: first.isTuple)
    }

    /// One pass as whole arrays (`fit`/`evaluate` on a dataset): x and, if there, y.
    func arrays() throws -> [NDArray] {
        let es = try run()
        guard let first = es.first else { throw ScriptError.valueError("The dataset is empty.") }
        return try first.parts.indices.map { k in
            let rest = Array(first.parts[k].shape.dropFirst())
            guard es.allSatisfy({ Array($0.parts[k].shape.dropFirst()) == rest }) else { throw ScriptError.valueError("dataset batches differ in shape") }
            let total = es.reduce(0) { $0 + ($1.parts[k].shape.first ?? 0) }
            return NDArray(doubles: es.flatMap { $0.parts[k].doubles }, shape: [total] + rest, dtype: first.parts[k].dtype)
        }
    }
}

extension TFDatasetObject {
    /// `fit(dataset)` / `evaluate(dataset)` of Sequential and functional models: one pass of
    /// the dataset becomes `x`, `y` and `batch_size` (its batch), unshuffled, since the dataset
    /// already ordered it; then Keras's spare iterator is dropped (KerasDatasetEpochs.swift).
    /// `fit` takes each later epoch's pass the same way. Arguments without a dataset come back
    /// unchanged.
    static func expanding(_ args: Arguments) throws -> Arguments {
        var args = args
        let keyed = args.keywords.firstIndex { $0.0 == "x" }
        guard let dataset = (keyed.map { args.keywords[$0].1 } ?? args.positional.first)?.object(as: TFDatasetObject.self) else { return args }
        if args.keywords.contains(where: { $0.0 == "y" }) || (keyed == nil && args.positional.count > 1) {
            throw ScriptError.valueError("`y` argument is not supported when using dataset as input.")
        }
        let arrays = try dataset.arrays()
        dataset.dropPass()
        guard arrays.count == 2 else { throw ScriptError.notSupported("\(args.functionName)(dataset) needs (x, y) elements in lessons") }
        let x = NDArrayObject.value(in: dataset.context, arrays[0]), y = NDArrayObject.value(in: dataset.context, arrays[1])
        if let keyed { args.keywords.remove(at: keyed) } else { args.positional.removeFirst() }
        args.positional = [x, y] + args.positional
        args.keywords.removeAll { $0.0 == "batch_size" || $0.0 == "shuffle" }
        args.keywords.append(("batch_size", .int(dataset.batchSize ?? 32)))
        if args.functionName == "fit" { args.keywords.append(("shuffle", .bool(false))) }
        return args
    }
}
