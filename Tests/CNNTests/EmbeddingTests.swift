import XCTest
@testable import CNN

/// Keras's Embedding (a table lookup, scatter-add backward) and the 1D global poolings, checked
/// against central finite differences through the autodiff tape.
final class EmbeddingTests: XCTestCase {
    func testEmbeddingGradientsAddUpOnRepeatedRows() throws {
        let s = NameScope()
        var rng = SeededRNG(seed: 4)
        let embedding = try Embedding(inputDim: 5, outputDim: 3, scope: s)
        try embedding.build(inputShape: [4], rng: &rng)
        XCTAssertEqual(embedding.outputShape, [4, 3])
        XCTAssertEqual(embedding.name, "embedding")
        let table = try XCTUnwrap(embedding.embeddings).value
        XCTAssertTrue(table.scalars.allSatisfy { abs($0) <= 0.05 }, "Keras's uniform(-0.05, 0.05)")
        let pool = GlobalPooling2D(.average, rank: 1, scope: s)
        try pool.build(inputShape: [4, 3], rng: &rng)
        XCTAssertEqual(pool.outputShape, [3])
        XCTAssertEqual(pool.typeName, "GlobalAveragePooling1D")
        let dense = try Dense(units: 2, activation: "tanh", scope: s)
        try dense.build(inputShape: [3], rng: &rng)
        // Row 1 is read three times, row 4 never: its gradient must stay zero.
        let ids = try Tensor([1, 1, 0, 3, 2, 1, 0, 0], shape: [2, 4])
        let readout = try Tensor([0.7, -1.3, 0.4, 0.9], shape: [2, 2])
        func loss(_ tape: Tape?) throws -> Variable {
            var v = try Ops.apply(embedding, Variable(constant: ids), training: false, tape: tape)
            v = try Ops.apply(pool, v, training: false, tape: tape)
            v = try Ops.apply(dense, v, training: false, tape: tape)
            return Ops.sum(try Ops.multiply([v, Variable(constant: readout)], tape: tape), tape: tape)
        }
        let grads = try checkTapeGradients(embedding.parameters + dense.parameters, loss: loss)
        let tableGrad = try XCTUnwrap(grads[try XCTUnwrap(embedding.embeddings)])
        XCTAssertEqual(Array(tableGrad.scalars[12..<15]), [0, 0, 0])
        XCTAssertNotEqual(tableGrad.scalars[3], 0)
    }

    func testIndicesOutsideTheTableAreRefused() throws {
        var rng = SeededRNG(seed: 1)
        let embedding = try Embedding(inputDim: 4, outputDim: 2, scope: NameScope())
        try embedding.build(inputShape: [2], rng: &rng)
        for bad: Float in [4, -1, 1.5, .nan] {
            XCTAssertThrowsError(try Ops.apply(embedding, Variable(constant: try Tensor([0, bad], shape: [1, 2])), training: false, tape: nil), "\(bad)")
        }
        XCTAssertThrowsError(try Embedding(inputDim: 0, outputDim: 2, scope: NameScope()))
    }

    func testGlobalPooling1DBackward() throws {
        for mode in [GlobalPooling2D.Mode.max, .average] {
            let layer = GlobalPooling2D(mode, rank: 1, scope: NameScope())
            var rng = SeededRNG(seed: 2)
            try layer.build(inputShape: [5, 3], rng: &rng)
            let x = Tensor(zeros: [2, 5, 3])
            for i in 0..<x.count { x.base[i] = Float((i * 37) % 23) / 7 - 1.5 }
            let r = try Tensor([0.3, -0.8, 1.1, 0.5, 0.2, -0.4], shape: [2, 3])
            func loss() -> Double {
                let y = layer.forward(x, training: false)
                return (0..<y.count).reduce(0.0) { $0 + Double(y.base[$1]) * Double(r.base[$1]) }
            }
            _ = loss()
            let dx = layer.backward(r).scalars
            for i in 0..<x.count {
                let old = x.base[i]
                x.base[i] = old + 1e-3; let a = loss()
                x.base[i] = old - 1e-3; let b = loss()
                x.base[i] = old
                XCTAssertEqual(Double(dx[i]), (a - b) / 2e-3, accuracy: 1e-2, "\(mode) dx[\(i)]")
            }
            XCTAssertThrowsError(try GlobalPooling2D(mode, rank: 1, scope: NameScope()).build(inputShape: [2, 2, 2], rng: &rng))
        }
    }
}
