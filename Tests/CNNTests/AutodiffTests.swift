import XCTest
@testable import CNN

/// The tape's gradients against central finite differences in Float64 sums, for every op and
/// for graphs with fan-out, a shared layer and two outputs.
final class AutodiffTests: XCTestCase {
    func random(_ shape: [Int], _ rng: inout SeededRNG, scale: Float = 1) -> Tensor {
        let t = Tensor(zeros: shape)
        for i in 0..<t.count { t.base[i] = (rng.nextFloat() * 2 - 1) * scale }
        return t
    }

    /// `graph` maps watched inputs to a scalar loss on `tape` (nil: just compute). Checks
    /// dL/d(input) and dL/dθ of every parameter of `layers`.
    func check(inputs: [Tensor], layers: [Layer] = [], eps: Float = 1e-2,
               file: StaticString = #filePath, line: UInt = #line,
               _ graph: ([Variable], Tape?) throws -> Variable) throws {
        let tape = Tape()
        let vs = inputs.map { tape.watch($0) }
        let loss = try graph(vs, tape)
        XCTAssertEqual(loss.shape, [], file: file, line: line)
        let grads = try tape.gradients(of: loss)
        func value() throws -> Double { Double(try graph(inputs.map { Variable(constant: $0) }, nil).value.scalars[0]) }
        func numeric(_ p: UnsafeMutablePointer<Float>, _ i: Int) throws -> Double {
            let old = p[i]
            p[i] = old + eps; let a = try value()
            p[i] = old - eps; let b = try value()
            p[i] = old
            return (a - b) / Double(2 * eps)
        }
        for (k, (x, v)) in zip(inputs, vs).enumerated() {
            let g = try XCTUnwrap(grads[v], "no gradient for input \(k)", file: file, line: line)
            XCTAssertEqual(g.shape, x.shape, file: file, line: line)
            for i in 0..<x.count {
                let n = try numeric(x.base, i)
                XCTAssertEqual(Double(g.base[i]), n, accuracy: 2e-2 * max(1, abs(n)), "input \(k)[\(i)]", file: file, line: line)
            }
        }
        for layer in layers {
            for p in layer.parameters {
                let g = try XCTUnwrap(grads[p], "no gradient for \(layer.name).\(p.name)", file: file, line: line)
                for i in 0..<p.value.count {
                    let n = try numeric(p.value.base, i)
                    XCTAssertEqual(Double(g.base[i]), n, accuracy: 2e-2 * max(1, abs(n)), "\(layer.name).\(p.name)[\(i)]", file: file, line: line)
                }
            }
        }
    }

    /// L = Σ y ⊙ r: a random linear read-out makes every output element matter.
    func readout(_ y: Variable, _ r: Tensor, _ tape: Tape?) throws -> Variable {
        Ops.sum(try Ops.multiply([y, Variable(constant: r)], tape: tape), tape: tape)
    }

    func built<L: Layer>(_ layer: L, _ shape: [Int], seed: UInt64 = 3) throws -> L {
        var rng = SeededRNG(seed: seed)
        try layer.build(inputShape: shape, rng: &rng)
        return layer
    }

    func testElementwiseOps() throws {
        var rng = SeededRNG(seed: 1)
        let a = random([2, 3], &rng), b = random([2, 3], &rng), c = random([2, 3], &rng), r = random([2, 3], &rng)
        try check(inputs: [a, b, c]) { v, t in try readout(try Ops.add(v, tape: t), r, t) }
        try check(inputs: [a, b]) { v, t in try readout(try Ops.subtract(v[0], v[1], tape: t), r, t) }
        try check(inputs: [a, b, c]) { v, t in try readout(try Ops.multiply(v, tape: t), r, t) }
        try check(inputs: [a]) { v, t in try readout(Ops.scale(v[0], by: -2.5, tape: t), r, t) }
    }

    func testConcatenateLastAxis() throws {
        var rng = SeededRNG(seed: 2)
        let a = random([2, 2, 3], &rng), b = random([2, 2, 1], &rng), r = random([2, 2, 4], &rng)
        let y = try Ops.concatenate([Variable(constant: a), Variable(constant: b)], tape: nil)
        XCTAssertEqual(y.shape, [2, 2, 4])
        XCTAssertEqual(y.value.scalars[3], b.scalars[0])
        XCTAssertEqual(y.value.scalars[4], a.scalars[3])
        try check(inputs: [a, b]) { v, t in try readout(try Ops.concatenate(v, tape: t), r, t) }
        XCTAssertThrowsError(try Ops.concatenate([Variable(constant: a), Variable(constant: random([3, 2, 1], &rng))], tape: nil))
        XCTAssertThrowsError(try Ops.add([Variable(constant: a), Variable(constant: b)], tape: nil))
    }

    func testLayerOps() throws {
        var rng = SeededRNG(seed: 4)
        let s = NameScope()
        let conv = try built(Conv2D(filters: 2, kernelSize: 3, scope: s), [5, 5, 2])
        let img = random([2, 5, 5, 2], &rng), r1 = random([2, 3, 3, 2], &rng)
        try check(inputs: [img], layers: [conv]) { v, t in try readout(try Ops.apply(conv, v[0], training: false, tape: t), r1, t) }
        let pool = try built(MaxPooling2D(poolSize: 2, scope: s), [4, 4, 1]), flat = try built(Flatten(scope: s), [2, 2, 1])
        // Values a tenth apart, so that ε = 1e-2 never changes which one is the maximum.
        let p = try Tensor((0..<32).map { Float(($0 * 13) % 32) / 10 }, shape: [2, 4, 4, 1]), r2 = random([2, 4], &rng)
        try check(inputs: [p]) { v, t in
            try readout(try Ops.apply(flat, try Ops.apply(pool, v[0], training: false, tape: t), training: false, tape: t), r2, t)
        }
        let drop = try built(Dropout(rate: 0.5, scope: s), [3])
        let d = random([2, 3], &rng), r3 = random([2, 3], &rng)
        try check(inputs: [d]) { v, t in try readout(try Ops.apply(drop, v[0], training: false, tape: t), r3, t) }
    }

    /// The op hands back exactly what the layer's own backward computes (here with a fused
    /// ReLU, whose finite-difference check belongs to GradientCheckTests).
    func testLayerOpIsTheLayersBackward() throws {
        var rng = SeededRNG(seed: 4)
        let conv = try built(Conv2D(filters: 2, kernelSize: 3, activation: "relu", scope: NameScope()), [5, 5, 2])
        let img = random([2, 5, 5, 2], &rng), r1 = random([2, 3, 3, 2], &rng)
        _ = conv.forward(img, training: false)
        let direct = conv.backward(r1).scalars
        let tape = Tape(), x = tape.watch(img)
        let g = try tape.gradients(of: try readout(try Ops.apply(conv, x, training: false, tape: tape), r1, tape))
        XCTAssertEqual(g[x]?.scalars, direct, "tape vs the layer's own backward")
    }

    func testLosses() throws {
        var rng = SeededRNG(seed: 5)
        let s = NameScope()
        let dense = try built(Dense(units: 3, activation: "softmax", scope: s), [4])
        let x = random([3, 4], &rng)
        let t = try Ops.oneHot(try Tensor([0, 2, 1], shape: [3]), classes: 3)
        try check(inputs: [x], layers: [dense]) { v, tp in
            try Ops.crossEntropy(try Ops.apply(dense, v[0], training: false, tape: tp), targets: t, fromLogits: false, tape: tp)
        }
        try check(inputs: [x]) { v, tp in try Ops.crossEntropy(try Ops.concatenate([v[0]], tape: tp), targets: try Ops.oneHot(try Tensor([0, 3, 1], shape: [3]), classes: 4), fromLogits: true, tape: tp) }
        let target = random([3, 4], &rng)
        try check(inputs: [x]) { v, tp in try Ops.meanSquaredError(v[0], targets: target, tape: tp) }
        XCTAssertThrowsError(try Ops.oneHot(try Tensor([0, 3], shape: [2]), classes: 3))
    }

    /// x feeds two branches (fan-out) that are concatenated: the gradient of x is the sum.
    func testFanOutTwoBranches() throws {
        var rng = SeededRNG(seed: 6)
        let s = NameScope()
        let a = try built(Dense(units: 3, activation: "tanh", scope: s), [4], seed: 1)
        let b = try built(Dense(units: 2, activation: "relu", scope: s), [4], seed: 2)
        let x = random([2, 4], &rng), r = random([2, 5], &rng)
        try check(inputs: [x], layers: [a, b]) { v, t in
            let ya = try Ops.apply(a, v[0], training: false, tape: t), yb = try Ops.apply(b, v[0], training: false, tape: t)
            return try readout(try Ops.concatenate([ya, yb], tape: t), r, t)
        }
    }

    /// One Dense called on two inputs (a Siamese pair): its gradients add over both calls.
    func testSharedLayer() throws {
        var rng = SeededRNG(seed: 7)
        let shared = try built(Dense(units: 3, activation: "sigmoid", scope: NameScope()), [4])
        let x1 = random([2, 4], &rng), x2 = random([2, 4], &rng), r = random([2, 3], &rng)
        try check(inputs: [x1, x2], layers: [shared]) { v, t in
            let y1 = try Ops.apply(shared, v[0], training: false, tape: t), y2 = try Ops.apply(shared, v[1], training: false, tape: t)
            return try readout(try Ops.subtract(y1, y2, tape: t), r, t)
        }
    }

    /// Two heads on one trunk, with a weighted sum of their losses (Keras's loss_weights).
    func testTwoOutputsWeightedLosses() throws {
        var rng = SeededRNG(seed: 8)
        let s = NameScope()
        let trunk = try built(Dense(units: 4, activation: "relu", scope: s), [3], seed: 1)
        let cls = try built(Dense(units: 2, activation: "softmax", scope: s), [4], seed: 2)
        let reg = try built(Dense(units: 1, scope: s), [4], seed: 3)
        let x = random([3, 3], &rng), yr = random([3, 1], &rng)
        let yc = try Ops.oneHot(try Tensor([1, 0, 1], shape: [3]), classes: 2)
        try check(inputs: [x], layers: [trunk, cls, reg]) { v, t in
            let h = try Ops.apply(trunk, v[0], training: false, tape: t)
            let l1 = try Ops.crossEntropy(try Ops.apply(cls, h, training: false, tape: t), targets: yc, fromLogits: false, tape: t)
            let l2 = try Ops.meanSquaredError(try Ops.apply(reg, h, training: false, tape: t), targets: yr, tape: t)
            return try Ops.add([Ops.scale(l1, by: 1, tape: t), Ops.scale(l2, by: 0.5, tape: t)], tape: t)
        }
        // Two outputs seeded separately give the same gradient as their sum.
        let tape = Tape()
        let xv = tape.watch(x)
        let h = try Ops.apply(trunk, xv, training: false, tape: tape)
        let o1 = Ops.sum(try Ops.apply(cls, h, training: false, tape: tape), tape: tape)
        let o2 = Ops.sum(try Ops.apply(reg, h, training: false, tape: tape), tape: tape)
        let both = try tape.gradients(of: [o1, o2])
        let tape2 = Tape()
        let xv2 = tape2.watch(x)
        let h2 = try Ops.apply(trunk, xv2, training: false, tape: tape2)
        let sum = try Ops.add([Ops.sum(try Ops.apply(cls, h2, training: false, tape: tape2), tape: tape2),
                               Ops.sum(try Ops.apply(reg, h2, training: false, tape: tape2), tape: tape2)], tape: tape2)
        let one = try tape2.gradients(of: sum)
        XCTAssertEqual(try XCTUnwrap(both[xv]).scalars, try XCTUnwrap(one[xv2]).scalars)
    }

    /// Without a tape nothing is recorded, and a constant gets no gradient.
    func testConstantsGetNoGradient() throws {
        let tape = Tape()
        let c = Variable(constant: Tensor(shape: [2], repeating: 1)), w = tape.watch(Tensor(shape: [2], repeating: 3))
        let g = try tape.gradients(of: Ops.sum(try Ops.multiply([c, w], tape: tape), tape: tape))
        XCTAssertNil(g[c])
        XCTAssertEqual(g[w]?.scalars, [1, 1])
    }
}

/// Functional graphs on the engine: a nested model used twice (shared), and a frozen layer.
final class GraphModelTests: XCTestCase {
    func testNestedModelSharedOnTwoInputsMatchesFiniteDifferences() throws {
        let s = NameScope()
        var rng = SeededRNG(seed: 9)
        let encIn = try GraphNode.input(shape: [3], scope: s)
        let encoder = try GraphModel(inputs: [encIn], outputs: [try encIn.applying(try Dense(units: 2, activation: "tanh", scope: s), rng: &rng)], scope: s)
        let a = try GraphNode.input(shape: [3], scope: s), b = try GraphNode.input(shape: [3], scope: s)
        let joined = try GraphNode.merge(.concatenate, [try a.applying(encoder), try b.applying(encoder)], scope: s)
        let model = try GraphModel(inputs: [a, b], outputs: [try joined.applying(try Dense(units: 1, scope: s), rng: &rng)], scope: s)
        XCTAssertEqual(model.layers.count, 2)
        XCTAssertTrue(model.summary().contains("│ functional          │ (None, 2)         │          8 │"), model.summary())
        let xa = Tensor(zeros: [2, 3]), xb = Tensor(zeros: [2, 3]), target = try Tensor([0.5, -0.5], shape: [2, 1])
        for i in 0..<6 { xa.base[i] = Float(i) / 7 - 0.3; xb.base[i] = 0.4 - Float(i) / 9 }
        func loss(_ tape: Tape?) throws -> Variable {
            try Ops.meanSquaredError(try model.forward([xa, xb], training: false, tape: tape)[0], targets: target, tape: tape)
        }
        try checkTapeGradients(model.parameters, loss: loss)
    }

    /// A linear run of layers (Conv2D(relu) → MaxPooling2D → … → Dense) goes through the graph
    /// as one op on the fused kernels; its gradients must be those of one op per layer.
    func testLayerRunGivesTheGradientsOfOneOpPerLayer() throws {
        let s = NameScope()
        var rng = SeededRNG(seed: 11)
        let layers: [Layer] = [
            try Conv2D(filters: 3, kernelSize: (3, 3), activation: "relu", scope: s), try MaxPooling2D(poolSize: (2, 2), scope: s),
            try Conv2D(filters: 4, kernelSize: (2, 2), activation: "relu", scope: s), try MaxPooling2D(poolSize: (2, 2), scope: s),
            try Flatten(scope: s), try Dense(units: 3, activation: "softmax", scope: s),
        ]
        let input = try GraphNode.input(shape: [10, 10, 2], scope: s)
        var node = input
        for l in layers { node = try node.applying(l, rng: &rng) }
        let model = try GraphModel(inputs: [input], outputs: [node], scope: s)
        let x = Tensor(zeros: [2, 10, 10, 2]), r = Tensor(zeros: [2, 3])
        for i in 0..<x.count { x.base[i] = rng.nextFloat() * 2 - 1 }
        for i in 0..<r.count { r.base[i] = rng.nextFloat() * 2 - 1 }
        func readout(_ y: Variable, _ t: Tape?) throws -> Variable { Ops.sum(try Ops.multiply([y, Variable(constant: r)], tape: t), tape: t) }
        let runTape = Tape(), xRun = runTape.watch(x)
        let viaRun = try runTape.gradients(of: try readout(try model.forward(variables: [xRun], training: true, tape: runTape)[0], runTape))
        let opTape = Tape(), xOp = opTape.watch(x)
        var y = xOp
        for l in layers { y = try Ops.apply(l, y, training: true, tape: opTape) }
        let perOp = try opTape.gradients(of: try readout(y, opTape))
        XCTAssertEqual(runTape.records.count, opTape.records.count - 5, "the six layers are one record")
        for p in model.parameters {
            let a = try XCTUnwrap(viaRun[p]).scalars, b = try XCTUnwrap(perOp[p]).scalars
            for (u, v) in zip(a, b) { XCTAssertEqual(u, v, accuracy: 1e-5 * max(1, abs(v)), p.name) }
        }
        let da = try XCTUnwrap(viaRun[xRun]).scalars, db = try XCTUnwrap(perOp[xOp]).scalars
        XCTAssertEqual(da.count, x.count)
        for (u, v) in zip(da, db) { XCTAssertEqual(u, v, accuracy: 1e-5 * max(1, abs(v))) }
        try checkTapeGradients(model.parameters) { t in try readout(try model.forward([x], training: true, tape: t)[0], t) }
    }

    /// A nested model whose layers form one run, called on two inputs of one tape: the first
    /// call's backward must run its forward again (the layers' buffers hold the second call).
    func testRunOfANestedModelCalledTwiceRecomputes() throws {
        let s = NameScope()
        var rng = SeededRNG(seed: 12)
        let encIn = try GraphNode.input(shape: [3], scope: s)
        let hidden = try encIn.applying(try Dense(units: 4, activation: "tanh", scope: s), rng: &rng)
        let encoder = try GraphModel(inputs: [encIn], outputs: [try hidden.applying(try Dense(units: 2, activation: "sigmoid", scope: s), rng: &rng)], scope: s)
        let a = try GraphNode.input(shape: [3], scope: s), b = try GraphNode.input(shape: [3], scope: s)
        let joined = try GraphNode.merge(.subtract, [try a.applying(encoder), try b.applying(encoder)], scope: s)
        let model = try GraphModel(inputs: [a, b], outputs: [joined], scope: s)
        let xa = Tensor(zeros: [2, 3]), xb = Tensor(zeros: [2, 3]), target = try Tensor([0.5, -0.5, 0.25, 0], shape: [2, 2])
        for i in 0..<6 { xa.base[i] = Float(i) / 5 - 0.6; xb.base[i] = 0.7 - Float(i) / 4 }
        try checkTapeGradients(model.parameters) { t in
            try Ops.meanSquaredError(try model.forward([xa, xb], training: false, tape: t)[0], targets: target, tape: t)
        }
    }

    func testFitLeavesFrozenLayersAndLowersTheLoss() throws {
        let s = NameScope()
        var rng = SeededRNG(seed: 3)
        let x = try GraphNode.input(shape: [4], scope: s)
        let first = try Dense(units: 8, activation: "relu", scope: s)
        let model = try GraphModel(inputs: [x], outputs: [try (try x.applying(first, rng: &rng)).applying(try Dense(units: 3, activation: "softmax", scope: s), rng: &rng)], scope: s)
        try model.compile(optimizer: Adam(learningRate: 0.05), losses: [GraphLoss(.sparseCategoricalCrossentropy, accuracy: true)])
        model.frozen = [ObjectIdentifier(first)]
        let data = Tensor(zeros: [30, 4]), labels = Tensor(zeros: [30])
        for r in 0..<30 { labels.base[r] = Float(r % 3); data.base[r * 4 + r % 3] = 1 }
        let before = first.parameters.map(\.value.scalars)
        let history = try model.fit(x: [data], y: [labels], epochs: 20, batchSize: 10)
        XCTAssertEqual(first.parameters.map(\.value.scalars), before)
        let losses = try XCTUnwrap(history.history["loss"])
        XCTAssertLessThan(losses.last ?? 9, losses.first ?? 0)
        XCTAssertEqual(history.keys, ["accuracy", "loss"])
        XCTAssertTrue(model.summary().contains(" Non-trainable params: 40 (160.00 B)"), model.summary())
    }
}
