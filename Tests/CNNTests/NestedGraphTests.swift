import XCTest
@testable import CNN

/// A model of two inputs used as one layer of another (Keras's `outer = keras.Model([a, b],
/// inner([a, b]))`): gradients reach the inner model's weights and inputs, checked against
/// central finite differences; several outputs can be named by the keys of a dict.
final class NestedGraphTests: XCTestCase {
    func testNestedModelOfTwoInputsMatchesFiniteDifferences() throws {
        let s = NameScope()
        var rng = SeededRNG(seed: 11)
        let ia = try GraphNode.input(shape: [3], scope: s), ib = try GraphNode.input(shape: [2], scope: s)
        let joined = try GraphNode.merge(.concatenate, [try ia.applying(try Dense(units: 2, activation: "tanh", scope: s), rng: &rng),
                                                        try ib.applying(try Dense(units: 2, activation: "tanh", scope: s), rng: &rng)], scope: s)
        let inner = try GraphModel(inputs: [ia, ib], outputs: [try joined.applying(try Dense(units: 2, activation: "tanh", scope: s), rng: &rng)], name: "inner", scope: s)
        let x1 = try GraphNode.input(shape: [3], scope: s), x2 = try GraphNode.input(shape: [2], scope: s)
        let nested = try GraphNode.applying(inner, to: [x1, x2])
        let outer = try GraphModel(inputs: [x1, x2], outputs: [try nested.applying(try Dense(units: 1, scope: s), rng: &rng)], scope: s)
        XCTAssertEqual(outer.layers.count, 4)
        XCTAssertEqual(outer.parameters.count, 8)
        XCTAssertThrowsError(try GraphNode.applying(inner, to: [x1]))
        XCTAssertThrowsError(try GraphNode.applying(inner, to: [x2, x1]))
        let xa = Tensor(zeros: [2, 3]), xb = Tensor(zeros: [2, 2]), target = try Tensor([0.3, -0.6], shape: [2, 1])
        for i in 0..<6 { xa.base[i] = Float(i) / 5 - 0.5 }
        for i in 0..<4 { xb.base[i] = 0.3 - Float(i) / 4 }
        let tape = Tape()
        let va = tape.watch(xa), vb = tape.watch(xb)
        func loss(_ a: Variable, _ b: Variable, _ tape: Tape?) throws -> Variable {
            try Ops.meanSquaredError(try outer.forward(variables: [a, b], training: false, tape: tape)[0], targets: target, tape: tape)
        }
        let grads = try tape.gradients(of: try loss(va, vb, tape))
        func numeric(_ p: UnsafeMutablePointer<Float>, _ i: Int) throws -> Double {
            let old = p[i]
            p[i] = old + 1e-2; let up = Double(try loss(Variable(constant: xa), Variable(constant: xb), nil).value.scalars[0])
            p[i] = old - 1e-2; let down = Double(try loss(Variable(constant: xa), Variable(constant: xb), nil).value.scalars[0])
            p[i] = old
            return (up - down) / 2e-2
        }
        for p in outer.parameters {
            let g = try XCTUnwrap(grads[p], "no gradient for \(p.name)")
            for i in 0..<p.value.count {
                let n = try numeric(p.value.base, i)
                XCTAssertEqual(Double(g.base[i]), n, accuracy: 2e-2 * max(1, abs(n)), "\(p.name)[\(i)]")
            }
        }
        for (x, v) in [(xa, va), (xb, vb)] {
            let g = try XCTUnwrap(grads[v])
            for i in 0..<x.count {
                let n = try numeric(x.base, i)
                XCTAssertEqual(Double(g.base[i]), n, accuracy: 2e-2 * max(1, abs(n)), "input[\(i)]")
            }
        }
    }

    func testOutputNamesNameTheLogs() throws {
        let s = NameScope()
        var rng = SeededRNG(seed: 5)
        let x = try GraphNode.input(shape: [4], scope: s)
        let model = try GraphModel(inputs: [x], outputs: [try x.applying(try Dense(units: 1, scope: s), rng: &rng),
                                                          try x.applying(try Dense(units: 2, scope: s), rng: &rng)], scope: s)
        model.outputNames = ["first", "second"]
        try model.compile(optimizer: SGD(learningRate: 0.01), losses: [GraphLoss(.meanSquaredError)])
        let h = try model.fit(x: [Tensor(zeros: [4, 4])], y: [Tensor(zeros: [4, 1]), Tensor(zeros: [4, 2])], epochs: 1, batchSize: 2)
        XCTAssertEqual(h.keys, ["first_loss", "loss", "second_loss"])
    }
}
