import Foundation

/// `fit`, `evaluate` and `predict` of a functional model: each batch runs forward on a tape,
/// the weighted sum of the per-output losses is differentiated, the optimizer steps.
extension GraphModel {
    /// Metric names in the order Keras 3 logs them: `loss`, then per output `<name>_loss`
    /// (when there are several) and `<name>_accuracy` / `accuracy`.
    func metricNames(_ prefix: String = "") -> [String] {
        var names = ["loss"]
        let multi = outputs.count > 1
        if multi { names += outputNames.map { "\($0)_loss" } }
        for (o, l) in zip(outputNames, losses) where l.accuracy { names.append(multi ? "\(o)_accuracy" : "accuracy") }
        return names.map { prefix + $0 }.sorted()
    }

    private struct Totals {
        var loss = 0.0, perOutput: [Double], correct: [Int], seen = 0
        /// A NaN or infinite loss was met (with `onInvalidLoss`): the pass stopped after that step.
        var invalid = false
        init(_ n: Int) { perOutput = Array(repeating: 0, count: n); correct = Array(repeating: 0, count: n) }
    }

    private func metrics(_ t: Totals, _ prefix: String = "") -> [(String, Double)] {
        let n = Double(Swift.max(t.seen, 1))
        var m: [String: Double] = [prefix + "loss": t.loss / n]
        let multi = outputs.count > 1
        for (k, (o, l)) in zip(outputNames, losses).enumerated() {
            if multi { m[prefix + o + "_loss"] = t.perOutput[k] / n }
            if l.accuracy { m[prefix + (multi ? o + "_accuracy" : "accuracy")] = Double(t.correct[k]) / n }
        }
        return metricNames(prefix).map { ($0, m[$0] ?? 0) }
    }

    private func prepared(_ xs: [Tensor], _ ys: [Tensor]) throws -> (Int, [Tensor]) {
        guard let n = xs.first?.shape.first, xs.allSatisfy({ $0.shape.first == n }), ys.allSatisfy({ $0.shape.first == n }) else {
            throw CNNError.shapeMismatch("Data cardinality is ambiguous: make sure all arrays contain the same number of samples. x sizes: \(xs.map { $0.shape.first ?? 0 }), y sizes: \(ys.map { $0.shape.first ?? 0 })")
        }
        guard ys.count == outputs.count else {
            throw CNNError.invalidArgument("Model '\(name)' has \(outputs.count) outputs but \(ys.count) targets were given.")
        }
        return (n, try zip(losses, zip(ys, outputs)).map { l, p in try l.prepare(p.0, output: p.1.shape) })
    }

    /// One pass over rows `order` in batches; trains when `training`.
    private func pass(_ xs: [Tensor], _ ts: [Tensor], order: [Int], batchSize: Int, training: Bool,
                      step: ((Int, Int, Totals) -> Void)?, shouldStop: (() -> Bool)?, epoch: Int,
                      onInvalidLoss: ((_ epoch: Int, _ batch: Int) -> Void)? = nil) throws -> Totals {
        var totals = Totals(outputs.count)
        let steps = (order.count + batchSize - 1) / batchSize
        for s in 0..<steps where !totals.invalid {
            if shouldStop?() == true { throw CNNError.cancelled(epoch: epoch, step: s + 1) }
            let rows = Array(order[(s * batchSize)..<Swift.min((s + 1) * batchSize, order.count)])
            let bx = xs.map { $0.gather(rows) }, bt = ts.map { $0.gather(rows) }
            let tape = training ? Tape() : nil
            let outs = try forward(bx, training: training, tape: tape)
            var weighted: [Variable] = []
            for k in outs.indices {
                let l = try losses[k].value(outs[k], bt[k], tape: tape)
                let v = Double(l.value.base[0])
                if !v.isFinite {
                    guard let onInvalidLoss else { throw CNNError.nonFiniteLoss(epoch: epoch, step: s + 1, value: Float(v)) }
                    if !totals.invalid { onInvalidLoss(epoch, s) }
                    totals.invalid = true
                }
                totals.perOutput[k] += v * Double(rows.count)
                totals.loss += Double(lossWeights[k]) * v * Double(rows.count)
                if losses[k].accuracy { totals.correct[k] += losses[k].correct(outs[k].value, bt[k]) }
                weighted.append(Ops.scale(l, by: lossWeights[k], tape: tape))
            }
            // Keras 3 adds `model.losses` (add_loss values, weight penalties) to the loss it logs and trains on.
            for extra in try addedLosses(tape: tape) {
                let total = Ops.sum(extra, tape: tape)
                totals.loss += Double(total.value.base[0]) * Double(rows.count)
                weighted.append(total)
            }
            totals.seen += rows.count
            if let tape, let optimizer {
                let grads = try tape.gradients(of: try Ops.add(weighted, tape: tape))
                let params = trainableParameters
                for p in params {
                    let g = grads[p] ?? Tensor(zeros: p.value.shape)
                    p.grad.withUnsafeMutableBufferPointer { d in g.withUnsafeBufferPointer { for i in d.indices { d[i] = $0[i] } } }
                }
                optimizer.step(params, threads: threads, on: workers)
            }
            step?(s + 1, steps, totals)
        }
        return totals
    }

    /// Keras's `fit`: `validationSplit` keeps the last rows for validation, as Keras does.
    /// `epochData`, when given, supplies each epoch after the first (a tf.data pipeline's new
    /// pass); each must have `x`'s row count, and there is no `validationSplit` then.
    @discardableResult
    public func fit(x: [Tensor], y: [Tensor], epochs: Int = 1, batchSize: Int = 32, validationSplit: Double = 0,
                    validationData: (x: [Tensor], y: [Tensor])? = nil,
                    shuffle: Bool = true, seed: UInt64? = nil, shouldStop: (() -> Bool)? = nil,
                    stopAfterEpoch: ((Int, inout [(String, Double)]) -> Bool)? = nil,
                    terminateOnNaN: ((_ epoch: Int, _ batch: Int) -> Void)? = nil,
                    progress: ProgressHandler? = nil,
                    epochData: ((_ epoch: Int) throws -> (x: [Tensor], y: [Tensor]))? = nil) throws -> History {
        guard optimizer != nil else { throw CNNError.notCompiled("You must call compile() on '\(name)' before fit().") }
        guard epochs >= 0, batchSize > 0, validationSplit >= 0, validationSplit < 1 else {
            throw CNNError.invalidArgument("fit needs epochs ≥ 0, batch_size > 0 and 0 ≤ validation_split < 1.")
        }
        prepareThreads()
        let (total, ts) = try prepared(x, y)
        // `validation_data` replaces the split, as in Keras.
        let nVal = validationData == nil ? Int(Double(total) * validationSplit) : 0, nTrain = total - nVal
        let heldOut = try validationData.map { try prepared($0.x, $0.y) }
        guard nTrain > 0 else { throw CNNError.invalidArgument("No training samples left after validation_split=\(validationSplit).") }
        guard epochData == nil || nVal == 0 else { throw CNNError.invalidArgument("fit takes no validation_split with a new pass each epoch.") }
        var rng = SeededRNG(seed: seed ?? self.seed &+ 1)
        for (i, l) in layers.enumerated() { l.reseed(rng.next() &+ UInt64(i)) }
        var history = History()
        for epoch in 1...Swift.max(epochs, 1) where epochs > 0 {
            progress?(.epochBegin(epoch: epoch, epochs: epochs))
            let start = Date()
            var x = x, ts = ts
            if epoch > 1, let epochData {
                let next = try epochData(epoch)
                let (count, targets) = try prepared(next.x, next.y)
                guard count == nTrain else { throw CNNError.invalidArgument("fit: epoch \(epoch) has \(count) samples, the first had \(nTrain).") }
                x = next.x; ts = targets
            }
            let order = shuffle ? rng.permutation(nTrain) : Array(0..<nTrain)
            var stepsTaken = 0
            let t = try pass(x, ts, order: order, batchSize: batchSize, training: true, step: { s, steps, totals in
                stepsTaken = s
                progress?(.batchEnd(step: s, steps: steps, metrics: self.metrics(totals), elapsed: Date().timeIntervalSince(start)))
            }, shouldStop: shouldStop, epoch: epoch, onInvalidLoss: terminateOnNaN)
            var m = metrics(t)
            if nVal > 0 {
                let v = try pass(x, ts, order: Array(nTrain..<total), batchSize: batchSize, training: false, step: nil, shouldStop: shouldStop, epoch: epoch)
                m += metrics(v, "val_")
            }
            if let (count, vts) = heldOut, let vx = validationData?.x {
                let v = try pass(vx, vts, order: Array(0..<count), batchSize: batchSize, training: false, step: nil, shouldStop: shouldStop, epoch: epoch)
                m += metrics(v, "val_")
            }
            let stop = stopAfterEpoch?(epoch, &m) == true
            history.append(m, epoch: epoch)
            progress?(.epochEnd(epoch: epoch, metrics: m, seconds: Date().timeIntervalSince(start), steps: stepsTaken))
            if stop || t.invalid { break }
        }
        return history
    }

    /// Keras's `evaluate`: the metrics in `metricNames` order (`loss` among them).
    public func evaluate(x: [Tensor], y: [Tensor], batchSize: Int = 32, progress: ProgressHandler? = nil) throws -> [(String, Double)] {
        guard optimizer != nil else { throw CNNError.notCompiled("You must call compile() on '\(name)' before evaluate().") }
        guard batchSize > 0 else { throw CNNError.invalidArgument("batch_size must be positive.") }
        prepareThreads()
        let (total, ts) = try prepared(x, y)
        let start = Date()
        let t = try pass(x, ts, order: Array(0..<total), batchSize: batchSize, training: false, step: { s, steps, totals in
            progress?(.evaluateStep(step: s, steps: steps, metrics: self.metrics(totals), elapsed: Date().timeIntervalSince(start)))
        }, shouldStop: nil, epoch: 0)
        return metrics(t)
    }

    /// The outputs for `x`, batch by batch, in inference mode.
    public func predict(x: [Tensor], batchSize: Int = 32, progress: ProgressHandler? = nil) throws -> [Tensor] {
        guard batchSize > 0 else { throw CNNError.invalidArgument("batch_size must be positive.") }
        guard let n = x.first?.shape.first, x.allSatisfy({ $0.shape.first == n }) else {
            throw CNNError.shapeMismatch("predict: every input needs the same number of samples")
        }
        prepareThreads()
        let results = outputs.map { Tensor(zeros: [n] + $0.shape) }
        let steps = (n + batchSize - 1) / batchSize, start = Date()
        for s in 0..<steps {
            let lo = s * batchSize, hi = Swift.min(lo + batchSize, n)
            let outs = try forward(x.map { $0.slice(lo..<hi) }, training: false, tape: nil)
            for (r, o) in zip(results, outs) {
                let row = o.value.count / Swift.max(hi - lo, 1)
                (r.base + lo * row).update(from: o.value.base, count: o.value.count)
            }
            progress?(.predictStep(step: s + 1, steps: steps, elapsed: Date().timeIntervalSince(start)))
        }
        return results
    }
}
