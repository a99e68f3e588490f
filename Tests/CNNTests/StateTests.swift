import XCTest
@testable import CNN

/// Weights and optimizer state in memory, as a checkpoint keeps them: a model restored into a
/// fresh one trains on exactly as the original does.
final class StateTests: XCTestCase {
    func model(seed: UInt64 = 5) throws -> Sequential {
        let s = NameScope()
        return try Sequential(layers: [
            Conv2D(filters: 3, kernelSize: 3, activation: "relu", inputShape: [6, 6, 1], scope: s),
            Flatten(scope: s), Dropout(rate: 0.2, scope: s),
            Dense(units: 2, activation: "softmax", scope: s),
        ], seed: seed, scope: s)
    }

    func data(_ n: Int) -> (Tensor, Tensor) {
        var rng = SeededRNG(seed: 11)
        let x = Tensor(zeros: [n, 6, 6, 1]), y = Tensor(zeros: [n])
        for i in 0..<n {
            let label = i % 2
            y.base[i] = Float(label)
            for j in 0..<36 { x.base[i * 36 + j] = rng.nextFloat() * 0.5 + (j < 18 ? Float(label) : 0) * 0.5 }
        }
        return (x, y)
    }

    func testWeightsRoundTripAsCopies() throws {
        let a = try model()
        let weights = a.weightTensors()
        XCTAssertEqual(weights.map(\.name), ["conv2d/kernel", "conv2d/bias", "dense/kernel", "dense/bias"])
        XCTAssertEqual(weights[0].tensor.shape, [3, 3, 1, 3])
        let before = weights.map(\.tensor.scalars)
        let (x, y) = data(32)
        try a.compile(optimizer: "sgd", loss: "sparse_categorical_crossentropy")
        _ = try a.fit(x: x, y: y, epochs: 1, batchSize: 8, seed: 1)
        XCTAssertEqual(weights.map(\.tensor.scalars), before, "a snapshot must not follow the model's training")
        XCTAssertNotEqual(a.weightTensors().map(\.tensor.scalars), before)

        let b = try model(seed: 99)
        try b.setWeights(Dictionary(uniqueKeysWithValues: a.weightTensors().map { ($0.name, $0.tensor) }))
        XCTAssertEqual(b.weightTensors().map(\.tensor.scalars), a.weightTensors().map(\.tensor.scalars))
    }

    func testSetWeightsRefusesMissingWrongAndUnknownAndChangesNothing() throws {
        let m = try model()
        let original = m.weightTensors()
        var given = Dictionary(uniqueKeysWithValues: original.map { ($0.name, Tensor(zeros: $0.tensor.shape)) })
        given["dense/bias"] = nil
        XCTAssertThrowsError(try m.setWeights(given)) { XCTAssertTrue("\($0)".contains("dense/bias"), "\($0)") }
        given["dense/bias"] = Tensor(zeros: [3])
        XCTAssertThrowsError(try m.setWeights(given)) { XCTAssertTrue("\($0)".contains("(3,)"), "\($0)") }
        given["dense/bias"] = Tensor(zeros: [2])
        given["dense_7/kernel"] = Tensor(zeros: [1])
        XCTAssertThrowsError(try m.setWeights(given)) { XCTAssertTrue("\($0)".contains("dense_7/kernel"), "\($0)") }
        XCTAssertEqual(m.weightTensors().map(\.tensor.scalars), original.map(\.tensor.scalars))
    }

    /// Train A for one epoch; copy weights and optimizer state into a fresh B; one more epoch
    /// of each gives the same numbers, for every optimizer.
    func testRestoredOptimizerContinuesExactly() throws {
        let (x, y) = data(40)
        let optimizers: [() -> Optimizer] = [
            { Adam(learningRate: 0.01) }, { SGD(learningRate: 0.05, momentum: 0.9) }, { SGD(learningRate: 0.05) }, { RMSprop(learningRate: 0.01) },
        ]
        for make in optimizers {
            let a = try model()
            try a.compile(optimizer: make(), loss: .sparseCategoricalCrossentropy, metrics: ["accuracy"])
            XCTAssertEqual(a.optimizerState()?.iterations, 0)
            XCTAssertEqual(a.optimizerState()?.slots.count, 0)
            _ = try a.fit(x: x, y: y, epochs: 1, batchSize: 8, seed: 3)
            let state = try XCTUnwrap(a.optimizerState())
            XCTAssertEqual(state.iterations, 5)
            let optimizer = try XCTUnwrap(a.optimizer)
            XCTAssertEqual(state.slots.count, 4 * optimizer.slotNames.count)
            if let first = optimizer.slotNames.first {
                XCTAssertEqual(state.slots["conv2d/kernel/\(first)"]?.shape, [3, 3, 1, 3])
            }

            let b = try model(seed: 77)
            try b.compile(optimizer: make(), loss: .sparseCategoricalCrossentropy, metrics: ["accuracy"])
            try b.setWeights(Dictionary(uniqueKeysWithValues: a.weightTensors().map { ($0.name, $0.tensor) }))
            try b.restoreOptimizerState(state)
            XCTAssertEqual(b.optimizerState(), state)

            let ha = try a.fit(x: x, y: y, epochs: 1, batchSize: 8, seed: 4)
            let hb = try b.fit(x: x, y: y, epochs: 1, batchSize: 8, seed: 4)
            XCTAssertEqual(ha.history["loss"], hb.history["loss"], "\(optimizer)")
            XCTAssertEqual(a.weightTensors().map(\.tensor.scalars), b.weightTensors().map(\.tensor.scalars), "\(optimizer)")
            XCTAssertEqual(a.optimizerState(), b.optimizerState())
            XCTAssertEqual(b.optimizerState()?.iterations, 10)
        }
    }

    func testOptimizerStateIsValidatedBeforeAnythingChanges() throws {
        let (x, y) = data(16)
        let a = try model()
        try a.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy")
        _ = try a.fit(x: x, y: y, epochs: 1, batchSize: 8, seed: 3)
        let good = try XCTUnwrap(a.optimizerState())
        var bad = good
        bad.slots["dense/bias/v"] = nil
        XCTAssertThrowsError(try a.restoreOptimizerState(bad))
        bad = good
        bad.slots["dense/bias/v"] = Tensor(zeros: [7])
        XCTAssertThrowsError(try a.restoreOptimizerState(bad))
        bad = good
        bad.slots["nowhere/kernel/m"] = Tensor(zeros: [1])
        XCTAssertThrowsError(try a.restoreOptimizerState(bad))
        XCTAssertEqual(a.optimizerState(), good)
        XCTAssertThrowsError(try model().restoreOptimizerState(good)) // not compiled
    }

    func testHistoryCanBeMadeAgain() throws {
        let (x, y) = data(16)
        let m = try model()
        try m.compile(optimizer: "sgd", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
        let h = try m.fit(x: x, y: y, epochs: 2, batchSize: 8, seed: 1)
        let again = History(keys: h.keys, history: h.history, epochs: h.epochs)
        XCTAssertEqual(again.keys, ["accuracy", "loss"])
        XCTAssertEqual(again.history, h.history)
        XCTAssertEqual(again.epochs, [1, 2])
    }
}
