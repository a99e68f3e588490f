import Foundation
import XCTest
@testable import CNN

final class ModelTests: XCTestCase {
    func seedModel(_ s: NameScope) throws -> Sequential {
        try Sequential(layers: [
            Conv2D(filters: 32, kernelSize: (3, 3), activation: "relu", inputShape: [28, 28, 1], scope: s),
            MaxPooling2D(poolSize: (2, 2), scope: s),
            Conv2D(filters: 64, kernelSize: (3, 3), activation: "relu", scope: s),
            MaxPooling2D(poolSize: (2, 2), scope: s),
            Flatten(scope: s),
            Dense(units: 128, activation: "relu", scope: s),
            Dense(units: 10, activation: "softmax", scope: s),
        ], scope: s)
    }

    static let referenceSummary = """
    Model: "sequential"
    ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
    ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
    ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
    │ conv2d (Conv2D)                 │ (None, 26, 26, 32)     │           320 │
    ├─────────────────────────────────┼────────────────────────┼───────────────┤
    │ max_pooling2d (MaxPooling2D)    │ (None, 13, 13, 32)     │             0 │
    ├─────────────────────────────────┼────────────────────────┼───────────────┤
    │ conv2d_1 (Conv2D)               │ (None, 11, 11, 64)     │        18,496 │
    ├─────────────────────────────────┼────────────────────────┼───────────────┤
    │ max_pooling2d_1 (MaxPooling2D)  │ (None, 5, 5, 64)       │             0 │
    ├─────────────────────────────────┼────────────────────────┼───────────────┤
    │ flatten (Flatten)               │ (None, 1600)           │             0 │
    ├─────────────────────────────────┼────────────────────────┼───────────────┤
    │ dense (Dense)                   │ (None, 128)            │       204,928 │
    ├─────────────────────────────────┼────────────────────────┼───────────────┤
    │ dense_1 (Dense)                 │ (None, 10)             │         1,290 │
    └─────────────────────────────────┴────────────────────────┴───────────────┘
     Total params: 225,034 (879.04 KB)
     Trainable params: 225,034 (879.04 KB)
     Non-trainable params: 0 (0.00 B)
    """

    func testSummaryEqualsKerasReference() throws {
        let m = try seedModel(NameScope())
        XCTAssertEqual(m.summary(), Self.referenceSummary)
        // The shared file, when present, must hold the same text.
        // `../shared` beside the package, found from this file (a checkout may lack it).
        let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/reference/keras-3-outputs.md")
        if let ref = try? String(contentsOf: shared, encoding: .utf8) {
            XCTAssertTrue(ref.contains(Self.referenceSummary))
        }
    }

    func testNamesCountUpPerScope() throws {
        let s = NameScope()
        _ = try seedModel(s)
        let m2 = try seedModel(s)
        XCTAssertEqual(m2.name, "sequential_1")
        XCTAssertEqual(m2.layers.map(\.name), ["conv2d_2", "max_pooling2d_2", "conv2d_3", "max_pooling2d_3", "flatten_1", "dense_2", "dense_3"])
        XCTAssertEqual(try seedModel(NameScope()).layers[0].name, "conv2d")
    }

    func testInputLayerAndAdd() throws {
        let s = NameScope()
        let m = try Sequential(scope: s)
        try m.add(Input(shape: [4, 4, 1], scope: s))
        try m.add(Flatten(scope: s))
        try m.add(Dense(units: 2, scope: s))
        XCTAssertEqual(m.outputShape, [2])
        XCTAssertEqual(m.layers.count, 2)
    }

    func testErrorsAreThrownWithClearMessages() throws {
        let s = NameScope()
        XCTAssertThrowsError(try Dense(units: 3, activation: "relux", scope: s)) { e in
            XCTAssertTrue("\(e)".contains("Unknown activation 'relux'"))
        }
        XCTAssertThrowsError(try Sequential(layers: [Dense(units: 3, inputShape: [5], scope: s), Conv2D(filters: 2, kernelSize: 3, scope: s)], scope: s)) { e in
            XCTAssertTrue("\(e)".contains("conv2d") && "\(e)".contains("(None, 3)"), "\(e)")
        }
        XCTAssertThrowsError(try Sequential(layers: [MaxPooling2D(poolSize: 5, scope: s)], scope: s).build(inputShape: [3, 3, 1])) { e in
            XCTAssertTrue("\(e)".contains("max_pooling2d") && "\(e)".contains("(None, 3, 3, 1)"), "\(e)")
        }
        XCTAssertThrowsError(try Optimizer.named("adamw"))
        XCTAssertThrowsError(try Loss(name: "huber"))
        XCTAssertThrowsError(try Metric(name: "auc"))
        XCTAssertThrowsError(try Tensor([1, 2, 3], shape: [2, 2]))
    }

    /// Two classes of 6×6 images: bright top half vs bright bottom half, with noise.
    func synthetic(_ n: Int, seed: UInt64) -> (Tensor, Tensor) {
        var rng = SeededRNG(seed: seed)
        let x = Tensor(zeros: [n, 6, 6, 1]), y = Tensor(zeros: [n])
        for i in 0..<n {
            let c = i % 2
            y.base[i] = Float(c)
            for r in 0..<6 { for col in 0..<6 {
                x.base[i * 36 + r * 6 + col] = ((r < 3) == (c == 0) ? 0.8 : 0.1) + (rng.nextFloat() - 0.5) * 0.6
            } }
        }
        return (x, y)
    }

    func smallModel(_ s: NameScope, seed: UInt64 = 1) throws -> Sequential {
        try Sequential(layers: [
            Conv2D(filters: 4, kernelSize: 3, activation: "relu", inputShape: [6, 6, 1], scope: s),
            MaxPooling2D(poolSize: 2, scope: s), Flatten(scope: s), Dropout(rate: 0.1, scope: s),
            Dense(units: 2, activation: "softmax", scope: s),
        ], seed: seed, scope: s)
    }

    func testSyntheticTaskLearnsAndReportsProgress() throws {
        let (x, y) = synthetic(200, seed: 9)
        let m = try smallModel(NameScope())
        try m.compile(optimizer: Adam(learningRate: 0.01), loss: .sparseCategoricalCrossentropy, metrics: ["accuracy"])
        var events: [TrainingEvent] = []
        let h = try m.fit(x: x, y: y, epochs: 4, batchSize: 16, validationSplit: 0.1, progress: { events.append($0) })
        XCTAssertEqual(h.keys, ["accuracy", "loss", "val_accuracy", "val_loss"])
        let loss = try XCTUnwrap(h.history["loss"]), acc = try XCTUnwrap(h.history["accuracy"])
        XCTAssertLessThan(loss.last!, loss.first!)
        XCTAssertGreaterThan(acc.last!, 0.9)
        XCTAssertGreaterThanOrEqual(acc.last!, acc.first!)
        // 180 training images / 16 = 12 steps (the last partial).
        guard case let .batchEnd(step, steps, metrics, _) = events[1] else { return XCTFail("\(events[1])") }
        XCTAssertEqual([step, steps], [1, 12])
        XCTAssertEqual(metrics.map(\.0), ["accuracy", "loss"])
        guard case let .epochEnd(_, em, _, _) = events[13] else { return XCTFail("\(events[13])") }
        XCTAssertEqual(em.map(\.0), ["accuracy", "loss", "val_accuracy", "val_loss"])
        let r = try m.evaluate(x: x, y: y)
        XCTAssertEqual(r.count, 2)
        XCTAssertGreaterThan(r[1], 0.9)
        let p = try m.predict(x: x.slice(0..<5))
        XCTAssertEqual(p.shape, [5, 2])
        // One-hot labels and categorical cross-entropy (SGD with momentum) learn as well.
        let oneHot = Tensor(zeros: [200, 2])
        for i in 0..<200 { oneHot.base[i * 2 + Int(y.base[i])] = 1 }
        let m2 = try smallModel(NameScope())
        try m2.compile(optimizer: SGD(learningRate: 0.05, momentum: 0.9), loss: .categoricalCrossentropy, metrics: ["accuracy"])
        let h2 = try m2.fit(x: x, y: oneHot, epochs: 4, batchSize: 16)
        XCTAssertGreaterThan(h2.history["accuracy"]!.last!, 0.85)
        let m3 = try smallModel(NameScope())
        try m3.compile(optimizer: RMSprop(learningRate: 0.01), loss: .sparseCategoricalCrossentropy, metrics: ["accuracy"])
        XCTAssertGreaterThan(try m3.fit(x: x, y: y, epochs: 4, batchSize: 16).history["accuracy"]!.last!, 0.85)
    }

    func testDeterministicForASeed() throws {
        let (x, y) = synthetic(64, seed: 2)
        func run() throws -> [Double] {
            let m = try smallModel(NameScope(), seed: 3)
            try m.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
            return try m.fit(x: x, y: y, epochs: 2, batchSize: 8, validationSplit: 0.25, seed: 4).history["val_loss"]!
        }
        XCTAssertEqual(try run(), try run())
    }

    func testNaNLossStopsWithEpochAndStep() throws {
        let (x, y) = synthetic(64, seed: 2)
        x.base[40 * 36] = .nan
        let m = try smallModel(NameScope())
        try m.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy")
        XCTAssertThrowsError(try m.fit(x: x, y: y, epochs: 3, batchSize: 8, shuffle: false)) { e in
            guard case let CNNError.nonFiniteLoss(epoch, step, _) = e else { return XCTFail("\(e)") }
            // Image 40 (batches of 8, no shuffling) is in step 6.
            XCTAssertEqual([epoch, step], [1, 6])
            XCTAssertTrue("\(e)".contains("epoch 1, step 6"))
        }
    }

    /// With `terminateOnNaN`, the bad step is reported (0-based batch), the epoch is recorded
    /// with its NaN loss and training ends normally, as Keras's TerminateOnNaN does.
    func testTerminateOnNaNEndsTheEpochAndReturns() throws {
        let (x, y) = synthetic(64, seed: 2)
        x.base[40 * 36] = .nan
        let m = try smallModel(NameScope())
        try m.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy")
        var heard: [[Int]] = [], lastSteps = 0
        let history = try m.fit(x: x, y: y, epochs: 3, batchSize: 8, shuffle: false,
                                terminateOnNaN: { heard.append([$0, $1]) },
                                progress: { if case let .epochEnd(_, _, _, steps) = $0 { lastSteps = steps } })
        XCTAssertEqual(heard, [[1, 5]])
        XCTAssertEqual(history.epochs, [1])
        XCTAssertTrue(history.history["loss"]?.first?.isNaN ?? false)
        XCTAssertEqual(lastSteps, 6, "the stopped epoch's bar ends at the steps taken")
    }

    /// Callbacks hear each epoch before it is recorded: what they add is in the History.
    func testStopAfterEpochCanAddToTheLogsAndStop() throws {
        let (x, y) = synthetic(64, seed: 2)
        let m = try smallModel(NameScope())
        try m.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy")
        let history = try m.fit(x: x, y: y, epochs: 5, batchSize: 8, stopAfterEpoch: { epoch, logs in
            logs.append(("learning_rate", Double(epoch)))
            return epoch == 2
        })
        XCTAssertEqual(history.epochs, [1, 2])
        XCTAssertEqual(history.history["learning_rate"], [1, 2])
        XCTAssertEqual(history.keys.last, "learning_rate")
    }

    func testShouldStopCancelsBetweenSteps() throws {
        let (x, y) = synthetic(64, seed: 2)
        let m = try smallModel(NameScope())
        try m.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy")
        var calls = 0
        XCTAssertThrowsError(try m.fit(x: x, y: y, epochs: 2, batchSize: 8, shouldStop: { calls += 1; return calls > 3 })) { e in
            XCTAssertEqual(e as? CNNError, .cancelled(epoch: 1, step: 4))
        }
    }

    func testSaveAndLoadWeightsGiveIdenticalPredictions() throws {
        let (x, y) = synthetic(32, seed: 2)
        let m = try smallModel(NameScope(), seed: 1)
        try m.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy")
        try m.fit(x: x, y: y, epochs: 1, batchSize: 8)
        let path = NSTemporaryDirectory() + "cnn-weights-\(getpid()).npz"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try m.saveWeights(to: path)
        let fresh = try smallModel(NameScope(), seed: 99)
        XCTAssertNotEqual(try fresh.predict(x: x).scalars, try m.predict(x: x).scalars)
        try fresh.loadWeights(from: path)
        XCTAssertEqual(try fresh.predict(x: x).scalars, try m.predict(x: x).scalars)
        // Other names (a second model in the same scope) still load by class and order.
        let s = NameScope(); _ = try smallModel(s)
        let renamed = try smallModel(s, seed: 5)
        try renamed.loadWeights(from: path)
        XCTAssertEqual(try renamed.predict(x: x).scalars, try m.predict(x: x).scalars)

        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import numpy as np; d = np.load('\(path)'); print(sorted(d.keys())); print(d['conv2d/kernel'].shape, d['conv2d/kernel'].dtype)"]
        let pipe = Pipe(); probe.standardOutput = pipe; probe.standardError = Pipe()
        guard (try? probe.run()) != nil else { throw XCTSkip("python3 not available: NumPy read-back not checked") }
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else { throw XCTSkip("python3 cannot import numpy: NumPy read-back not checked") }
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertTrue(out.contains("(3, 3, 1, 4) float32"), out)
        XCTAssertTrue(out.contains("'dense/bias'"), out)
    }
}
