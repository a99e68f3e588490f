import Foundation

/// Keras's `Sequential`: a stack of layers trained with `compile` and `fit`.
public final class Sequential {
    /// `sequential`, `sequential_1`, ... from the scope, unless given.
    public let name: String
    public private(set) var layers: [Layer] = []
    /// The per-image input shape, known once built.
    public private(set) var inputShape: [Int]?
    public private(set) var optimizer: Optimizer?
    public private(set) var loss: Loss?
    public private(set) var metrics: [String] = []
    /// Seed of the weight initialisation (and, by default, of shuffling and dropout).
    public let seed: UInt64
    public var isBuilt: Bool { inputShape != nil && layers.allSatisfy(\.isBuilt) }
    private var initRNG: SeededRNG
    /// Threads each batch is split over (results are deterministic for a seed and this count).
    public var threads: Int


    /// `Sequential([...])`; builds at once when the first layer declares its input shape.
    public init(layers: [Layer] = [], name: String? = nil, seed: UInt64 = 42, scope: NameScope,
                threads: Int = defaultThreadCount()) throws {
        self.name = name ?? scope.uniqueName("sequential")
        self.threads = Swift.max(1, threads)
        self.seed = seed
        initRNG = SeededRNG(seed: seed)
        for l in layers { try add(l) }
    }

    /// Appends a layer; builds it at once if the model's input shape is known.
    public func add(_ layer: Layer) throws {
        if let input = layer as? Input {
            guard layers.isEmpty, inputShape == nil else {
                throw CNNError.invalidArgument("Input(\(formatShape(input.declaredInputShape ?? []))) must be the first layer of '\(name)'.")
            }
            inputShape = input.declaredInputShape
            return
        }
        if layers.isEmpty, inputShape == nil, let s = layer.declaredInputShape { inputShape = s }
        layers.append(layer)
        if let s = inputShape { try build(inputShape: s) }
    }

    /// Keras's `pop()`: removes the last layer; the one before gives the output shape now.
    @discardableResult
    public func pop() throws -> Layer {
        guard let last = layers.popLast() else { throw CNNError.invalidArgument("There are no layers in the model.") }
        return last
    }

    /// Infers every layer's shapes and creates the weights not yet created.
    public func build(inputShape: [Int]? = nil) throws {
        guard let s = inputShape ?? self.inputShape else {
            throw CNNError.notBuilt("Model '\(name)' has no input shape yet: give the first layer input_shape=, start with Input(shape=...), or call build(inputShape:).")
        }
        self.inputShape = s
        var shape = s
        for l in layers {
            if l.isBuilt {
                guard l.inputShape == shape else {
                    throw CNNError.shapeMismatch("Layer '\(l.name)' (\(l.typeName)) was built for input \(formatBatchShape(l.inputShape)) but receives \(formatBatchShape(shape)).")
                }
            } else {
                try l.build(inputShape: shape, rng: &initRNG)
            }
            shape = l.outputShape
        }
        for (i, l) in layers.enumerated() { l.needsInputGradient = i > 0 }
    }

    /// The output shape per image.
    public var outputShape: [Int]? { isBuilt ? (layers.last?.outputShape ?? inputShape) : nil }
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

    /// `compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])`.
    public func compile(optimizer: Optimizer, loss: Loss, metrics: [String] = []) throws {
        for m in metrics { _ = try Metric(name: m) }
        var known: [String] = []
        for m in metrics { let name = try Metric(name: m).rawValue; if !known.contains(name) { known.append(name) } }
        self.optimizer = optimizer; self.loss = loss; self.metrics = known
    }

    /// String names, as Keras accepts them.
    public func compile(optimizer: String, loss: String, metrics: [String] = []) throws {
        try compile(optimizer: Optimizer.named(optimizer), loss: Loss(name: loss), metrics: metrics)
    }

    // MARK: forward / backward

    /// Hands the model's thread count (and threads) to its layers before a pass; lesson code's
    /// eager calls (`model(x, training=True)`) call it too.
    public func prepareThreads() {
        if workers?.requested != threads { workers = threads > 1 ? Workers(count: threads) : nil }
        for l in layers { l.threads = Swift.max(1, threads); l.workers = workers }
    }
    /// The threads of `threads`, made on the first pass that uses them.
    public private(set) var workers: Workers?

    func forward(_ x: Tensor, training: Bool) -> Tensor { LayerChain.forward(layers, x, training: training) }

    /// True when the last layer's softmax and the probability cross-entropy are fused.
    var fusedSoftmax: Bool {
        guard let loss, !loss.fromLogits, loss.kind != .meanSquaredError, let d = layers.last as? Dense else { return false }
        return d.activation == .softmax
    }

    func backward(_ grad: Tensor) { _ = LayerChain.backward(layers, grad, linearLast: fusedSoftmax) }

    // MARK: data preparation

    /// Checks the samples' size; a layout that differs only in shape (28×28 vs 28×28×1) is
    /// fine, as batches are copied into buffers of the model's input shape.
    private func prepareX(_ x: any RowSource) throws -> any RowSource {
        if !isBuilt { try build(inputShape: Array(x.shape.dropFirst())) }
        guard let s = inputShape else { throw CNNError.notBuilt("Model '\(name)' is not built.") }
        if Array(x.shape.dropFirst()) == s { return x }
        guard x.shape.count >= 1, x.rowLength == s.reduce(1, *) else {
            throw CNNError.shapeMismatch("Model '\(name)' expects input \(formatBatchShape(s)) but got \(formatShape(x.shape)).")
        }
        return x
    }

    /// Rows `range` of `x` as a batch of the input shape, read into `buffer` when `x` is not a Tensor.
    private func batch(_ x: any RowSource, _ range: Range<Int>, buffer: Tensor) throws -> Tensor {
        if let t = x as? Tensor { return try t.slice(range).reshaped([range.count] + (inputShape ?? [])) }
        let b = range.count == buffer.shape[0] ? buffer : buffer.slice(0..<range.count)
        x.copyRows(range, into: b.base)
        return b
    }

    /// Labels as target rows of width `classes`: class indices (rank 1 or (N, 1)) become
    /// one-hot rows; rows already `classes` wide are used as they are.
    private func prepareY(_ y: Tensor, count: Int) throws -> Tensor {
        guard let classes = outputShape?.last else { throw CNNError.notBuilt("Model '\(name)' is not built.") }
        if loss?.kind == .meanSquaredError { return try regressionTargets(y, count: count) }
        guard y.rank >= 1, y.shape[0] == count else {
            throw CNNError.shapeMismatch("x has \(count) samples but y has shape \(formatShape(y.shape)).")
        }
        if y.rank == 2 && y.shape[1] == classes && !(classes == 1) { return y }
        guard y.count == count else {
            throw CNNError.shapeMismatch("Labels of shape \(formatShape(y.shape)) do not fit outputs of shape \(formatBatchShape(outputShape ?? [])).")
        }
        var t = Tensor(zeros: [count, classes])
        for i in 0..<count {
            let v = y.base[i]
            guard v >= 0, v < Float(classes), v == v.rounded() else {
                throw CNNError.invalidArgument("Label \(v) at index \(i) is not a class index in 0..<\(classes).")
            }
            t.base[i * classes + Int(v)] = 1
        }
        return t
    }

    /// The logged names, sorted as Keras 3 logs them (`accuracy`, `loss`, `mean_absolute_error`).
    public func names(_ prefix: String = "") -> [String] { (metrics + ["loss"]).sorted().map { prefix + $0 } }
    private func values(loss: Double, correct: Int, seen: Int, absError: Double = 0) -> [Double] {
        let n = Double(Swift.max(seen, 1))
        let all = ["loss": loss / n, "accuracy": Double(correct) / n, "mean_absolute_error": absError / n]
        return names().map { Double(Float(all[$0] ?? 0)) }
    }


    // MARK: fit / evaluate / predict

    /// Trains the model. `validationSplit` takes the last fraction before shuffling, as Keras.
    /// `shouldStop` is checked between steps (Ctrl-C). A NaN/∞ loss stops with an error, unless
    /// `terminateOnNaN` is given: then, as Keras's TerminateOnNaN, it hears the epoch and the
    /// 0-based batch, the step is taken, and training stops once that epoch is recorded.
    /// `stopAfterEpoch` hears each epoch's metrics before they are recorded and shown (as Keras's
    /// callbacks run before History and the progress bar): it may add some (`learning_rate`)
    /// and change the optimizer's learning rate; true stops training.
    /// `epochData`, when given, supplies the rows of each epoch after the first (`x`, `y`), as a
    /// tf.data pipeline gives a new pass (a new shuffle) each epoch; each pass must have `x`'s
    /// row count, and there is no `validationSplit` then.
    @discardableResult
    public func fit(x: any RowSource, y: Tensor, epochs: Int = 1, batchSize: Int = 32, validationSplit: Double = 0,
                    validationData: (x: any RowSource, y: Tensor)? = nil, shuffle: Bool = true, seed: UInt64? = nil,
                    shouldStop: (() -> Bool)? = nil, stopAfterEpoch: ((Int, inout [(String, Double)]) -> Bool)? = nil,
                    terminateOnNaN: ((_ epoch: Int, _ batch: Int) -> Void)? = nil,
                    progress: ProgressHandler? = nil, validationProgress: ProgressHandler? = nil,
                    epochData: ((_ epoch: Int) throws -> (x: any RowSource, y: Tensor))? = nil) throws -> History {
        guard let optimizer, let loss else { throw CNNError.notCompiled("You must call compile() on '\(name)' before fit().") }
        guard epochs >= 0, batchSize > 0, validationSplit >= 0, validationSplit < 1 else {
            throw CNNError.invalidArgument("fit needs epochs ≥ 0, batch_size > 0 and 0 ≤ validation_split < 1.")
        }
        prepareThreads()
        let xAll = try prepareX(x)
        let tAll = try prepareY(y, count: xAll.samples)
        let total = xAll.samples
        let nVal = validationData == nil ? Int(Double(total) * validationSplit) : 0
        let nTrain = total - nVal
        guard nTrain > 0 else { throw CNNError.invalidArgument("No training samples left after validation_split=\(validationSplit).") }
        guard epochData == nil || nVal == 0 else { throw CNNError.invalidArgument("fit takes no validation_split with a new pass each epoch.") }
        // The validation rows: the given set, or the last `nVal` rows of x (read in place).
        var val: (x: any RowSource, rows: Range<Int>, t: Tensor)?
        if let vd = validationData {
            let vx = try prepareX(vd.x)
            val = (vx, 0..<vx.samples, try prepareY(vd.y, count: vx.samples))
        } else if nVal > 0 {
            val = (xAll, nTrain..<total, tAll.slice(nTrain..<total))
        }
        var rng = SeededRNG(seed: seed ?? self.seed &+ 1)
        for (i, l) in layers.enumerated() { l.reseed(rng.next() &+ UInt64(i)) }
        let classes = tAll.shape[1]
        let xb = Tensor(zeros: [batchSize] + (inputShape ?? [])), tb = Tensor(zeros: [batchSize, classes])
        var grad = Scratch()
        let steps = (nTrain + batchSize - 1) / batchSize
        var history = History()
        let fused = fusedSoftmax
        for epoch in 1...Swift.max(epochs, 1) where epochs > 0 {
            progress?(.epochBegin(epoch: epoch, epochs: epochs))
            let start = Date()
            var xAll = xAll, tAll = tAll
            if epoch > 1, let epochData {
                let pass = try epochData(epoch)
                xAll = try prepareX(pass.x); tAll = try prepareY(pass.y, count: xAll.samples)
                guard xAll.samples == nTrain else { throw CNNError.invalidArgument("fit: epoch \(epoch) has \(xAll.samples) samples, the first had \(nTrain).") }
            }
            let order = shuffle ? rng.permutation(nTrain) : Array(0..<nTrain)
            var lossSum = 0.0, correct = 0, seen = 0, stepsTaken = 0, invalidLoss = false, absSum = 0.0
            for step in 1...steps where !invalidLoss {
                if shouldStop?() == true { throw CNNError.cancelled(epoch: epoch, step: step) }
                let lo = (step - 1) * batchSize, n = Swift.min(batchSize, nTrain - lo)
                let xs = n == batchSize ? xb : xb.slice(0..<n), ts = n == batchSize ? tb : tb.slice(0..<n)
                xAll.copyRows(order[lo..<lo + n], into: xs.base)
                tAll.copyRows(order[lo..<lo + n], into: ts.base)
                try layers.first?.validate(xs)
                let out = forward(xs, training: true)
                let g = grad.get(out.shape)
                let r = batchLoss(out.base, ts.base, n: n, k: classes, fusedSoftmax: fused, grad: g.base)
                if !r.loss.isFinite {
                    guard let terminateOnNaN else { throw CNNError.nonFiniteLoss(epoch: epoch, step: step, value: Float(r.loss / Double(n))) }
                    terminateOnNaN(epoch, step - 1)
                    invalidLoss = true
                }
                backward(g)
                optimizer.step(parameters, threads: threads, on: workers)
                lossSum += r.loss; correct += r.correct; absSum += r.absError; seen += n; stepsTaken = step
                progress?(.batchEnd(step: step, steps: steps, metrics: Array(zip(names(), values(loss: lossSum, correct: correct, seen: seen, absError: absSum))),
                                    elapsed: Date().timeIntervalSince(start)))
            }
            var m = Array(zip(names(), values(loss: lossSum, correct: correct, seen: seen, absError: absSum)))
            if let (vx, rows, vt) = val {
                let r = try run(vx, rows: rows, targets: vt, batchSize: batchSize, progress: validationProgress)
                m += zip(names("val_"), values(loss: r.loss, correct: r.correct, seen: rows.count, absError: r.absError))
            }
            // Keras callbacks such as EarlyStopping decide after each epoch's metrics.
            let stop = stopAfterEpoch?(epoch, &m) == true
            history.append(m, epoch: epoch)
            // A stopped epoch's bar ends at the steps taken, as Keras's does (13/13, not 13/1688).
            progress?(.epochEnd(epoch: epoch, metrics: m, seconds: Date().timeIntervalSince(start), steps: stepsTaken))
            if stop || invalidLoss { break }
        }
        return history
    }

    /// Loss and correct count over `x` in batches; optionally reporting evaluate steps.
    private func run(_ x: any RowSource, rows: Range<Int>, targets: Tensor, batchSize: Int, progress: ProgressHandler?) throws -> (loss: Double, correct: Int, absError: Double) {
        let total = rows.count, classes = targets.shape[1], steps = (total + batchSize - 1) / batchSize
        var lossSum = 0.0, correct = 0, absSum = 0.0, grad = Scratch()
        let start = Date(), buffer = Tensor(zeros: [Swift.min(batchSize, total)] + (inputShape ?? []))
        for step in 0..<steps {
            let lo = step * batchSize, hi = Swift.min(lo + batchSize, total)
            let xs = try batch(x, (rows.lowerBound + lo)..<(rows.lowerBound + hi), buffer: buffer)
            try layers.first?.validate(xs)
            let out = forward(xs, training: false)
            let g = grad.get(out.shape)
            let r = batchLoss(out.base, targets.slice(lo..<hi).base, n: hi - lo, k: classes, fusedSoftmax: true, grad: g.base)
            lossSum += r.loss; correct += r.correct; absSum += r.absError
            progress?(.evaluateStep(step: step + 1, steps: steps, metrics: Array(zip(names(), values(loss: lossSum, correct: correct, seen: hi, absError: absSum))),
                                    elapsed: Date().timeIntervalSince(start)))
        }
        return (lossSum, correct, absSum)
    }

    /// Returns `[loss, accuracy]` (loss first, then the metrics, as Keras's list).
    public func evaluate(x: any RowSource, y: Tensor, batchSize: Int = 32, progress: ProgressHandler? = nil) throws -> [Double] {
        guard loss != nil else { throw CNNError.notCompiled("You must call compile() on '\(name)' before evaluate().") }
        guard batchSize > 0 else { throw CNNError.invalidArgument("batch_size must be positive.") }
        prepareThreads()
        let xs = try prepareX(x), ts = try prepareY(y, count: xs.samples)
        let r = try run(xs, rows: 0..<xs.samples, targets: ts, batchSize: batchSize, progress: progress)
        let v = Dictionary(uniqueKeysWithValues: zip(names(), values(loss: r.loss, correct: r.correct, seen: xs.samples, absError: r.absError)))
        return evaluateNames.map { v[$0] ?? 0 }
    }

    /// The model's outputs for `x`, batch by batch (inference mode: no dropout).
    public func predict(x: any RowSource, batchSize: Int = 32, progress: ProgressHandler? = nil) throws -> Tensor {
        guard batchSize > 0 else { throw CNNError.invalidArgument("batch_size must be positive.") }
        prepareThreads()
        let xs = try prepareX(x)
        guard let outShape = outputShape else { throw CNNError.notBuilt("Model '\(name)' is not built.") }
        let total = xs.samples, steps = (total + batchSize - 1) / batchSize
        let result = Tensor(zeros: [total] + outShape)
        let row = outShape.reduce(1, *), start = Date(), buffer = Tensor(zeros: [Swift.min(batchSize, total)] + (inputShape ?? []))
        for step in 0..<steps {
            let lo = step * batchSize, hi = Swift.min(lo + batchSize, total)
            let rowsIn = try batch(xs, lo..<hi, buffer: buffer)
            try layers.first?.validate(rowsIn)
            let out = forward(rowsIn, training: false)
            (result.base + lo * row).update(from: out.base, count: (hi - lo) * row)
            progress?(.predictStep(step: step + 1, steps: steps, elapsed: Date().timeIntervalSince(start)))
        }
        return result
    }
}

extension Sequential {
    /// Labels given as uint8 (as the dataset loaders return them).
    @discardableResult
    public func fit(x: any RowSource, y: ByteTensor, epochs: Int = 1, batchSize: Int = 32, validationSplit: Double = 0,
                    validationData: (x: any RowSource, y: Tensor)? = nil, shuffle: Bool = true, seed: UInt64? = nil,
                    shouldStop: (() -> Bool)? = nil, stopAfterEpoch: ((Int, inout [(String, Double)]) -> Bool)? = nil,
                    terminateOnNaN: ((_ epoch: Int, _ batch: Int) -> Void)? = nil,
                    progress: ProgressHandler? = nil) throws -> History {
        try fit(x: x, y: y.toFloat(), epochs: epochs, batchSize: batchSize, validationSplit: validationSplit,
                validationData: validationData, shuffle: shuffle, seed: seed, shouldStop: shouldStop,
                stopAfterEpoch: stopAfterEpoch, terminateOnNaN: terminateOnNaN, progress: progress)
    }
    public func evaluate(x: any RowSource, y: ByteTensor, batchSize: Int = 32, progress: ProgressHandler? = nil) throws -> [Double] {
        try evaluate(x: x, y: y.toFloat(), batchSize: batchSize, progress: progress)
    }
}
