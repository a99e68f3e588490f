import XCTest
@testable import CNN

/// `fit(epochData:)`: each epoch after the first trains on the rows the hook gives (a tf.data
/// pipeline's new pass), exactly as a second `fit` on those rows would; bad passes are refused.
final class EpochDataTests: XCTestCase {
    func rows(_ n: Int, _ k: Int, offset: Float) -> Tensor {
        let t = Tensor(zeros: [n, k])
        for i in 0..<(n * k) { t.base[i] = sin(Float(i) * 0.7 + offset) }
        return t
    }

    func sequential() throws -> Sequential {
        let s = NameScope()
        let m = try Sequential(layers: [Dense(units: 4, activation: "relu", inputShape: [3], scope: s), Dense(units: 2, scope: s)], seed: 5, scope: s)
        try m.compile(optimizer: SGD(learningRate: 0.1), loss: Loss(.meanSquaredError))
        return m
    }

    func testSequentialTrainsEachLaterEpochOnTheHooksRows() throws {
        let x1 = rows(12, 3, offset: 0), y1 = rows(12, 2, offset: 1), x2 = rows(12, 3, offset: 2), y2 = rows(12, 2, offset: 3)
        let hooked = try sequential(), twoFits = try sequential()
        var asked: [Int] = []
        let h = try hooked.fit(x: x1, y: y1, epochs: 2, batchSize: 4, shuffle: false, epochData: { epoch in asked.append(epoch); return (x2, y2) })
        _ = try twoFits.fit(x: x1, y: y1, epochs: 1, batchSize: 4, shuffle: false)
        let second = try twoFits.fit(x: x2, y: y2, epochs: 1, batchSize: 4, shuffle: false)
        XCTAssertEqual(asked, [2])
        XCTAssertEqual(hooked.layers.flatMap(\.parameters).map(\.value.scalars), twoFits.layers.flatMap(\.parameters).map(\.value.scalars))
        XCTAssertEqual(h.history["loss"]?.last, second.history["loss"]?.first)
        // Without the hook the second epoch trains on x1 again, and ends elsewhere.
        let plain = try sequential()
        _ = try plain.fit(x: x1, y: y1, epochs: 2, batchSize: 4, shuffle: false)
        XCTAssertNotEqual(plain.layers.flatMap(\.parameters).map(\.value.scalars), hooked.layers.flatMap(\.parameters).map(\.value.scalars))
    }

    func testSequentialRefusesAPassOfAnotherSizeAndASplit() throws {
        let x = rows(12, 3, offset: 0), y = rows(12, 2, offset: 1)
        XCTAssertThrowsError(try sequential().fit(x: x, y: y, epochs: 2, batchSize: 4, shuffle: false,
                                                  epochData: { _ in (self.rows(10, 3, offset: 0), self.rows(10, 2, offset: 0)) })) { e in
            XCTAssertTrue("\(e)".contains("epoch 2 has 10 samples, the first had 12"), "\(e)")
        }
        XCTAssertThrowsError(try sequential().fit(x: x, y: y, epochs: 2, batchSize: 4, validationSplit: 0.25, epochData: { _ in (x, y) })) { e in
            XCTAssertTrue("\(e)".contains("no validation_split"), "\(e)")
        }
    }

    func graph() throws -> GraphModel {
        let s = NameScope()
        var rng = SeededRNG(seed: 3)
        let input = try GraphNode.input(shape: [3], scope: s)
        let hidden = try input.applying(try Dense(units: 4, activation: "relu", scope: s), rng: &rng)
        let model = try GraphModel(inputs: [input], outputs: [try hidden.applying(try Dense(units: 2, scope: s), rng: &rng)], scope: s)
        try model.compile(optimizer: SGD(learningRate: 0.1), losses: [try GraphLoss(name: "mse")])
        return model
    }

    func testGraphTrainsEachLaterEpochOnTheHooksRows() throws {
        let x1 = rows(12, 3, offset: 0), y1 = rows(12, 2, offset: 1), x2 = rows(12, 3, offset: 2), y2 = rows(12, 2, offset: 3)
        let hooked = try graph(), twoFits = try graph()
        let h = try hooked.fit(x: [x1], y: [y1], epochs: 2, batchSize: 4, shuffle: false, epochData: { _ in ([x2], [y2]) })
        _ = try twoFits.fit(x: [x1], y: [y1], epochs: 1, batchSize: 4, shuffle: false)
        let second = try twoFits.fit(x: [x2], y: [y2], epochs: 1, batchSize: 4, shuffle: false)
        XCTAssertEqual(hooked.parameters.map(\.value.scalars), twoFits.parameters.map(\.value.scalars))
        XCTAssertEqual(h.history["loss"]?.last, second.history["loss"]?.first)
        XCTAssertThrowsError(try graph().fit(x: [x1], y: [y1], epochs: 2, batchSize: 4, epochData: { _ in ([x1.slice(0..<6)], [y1.slice(0..<6)]) }))
    }
}
