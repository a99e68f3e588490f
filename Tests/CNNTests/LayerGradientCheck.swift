import XCTest
@testable import CNN

/// Values uniform in [-scale, scale).
func randomTensor(_ shape: [Int], _ rng: inout SeededRNG, scale: Float = 1) -> Tensor {
    let t = Tensor(zeros: shape)
    for i in 0..<t.count { t.base[i] = (rng.nextFloat() * 2 - 1) * scale }
    return t
}

/// L = Σ layer(x) ⊙ r: dL/dx and dL/dθ of every parameter against central finite differences
/// (ε = 1e-2 in Float32, sums in Float64, a relative-plus-absolute tolerance for rounding).
func checkLayerGradients(_ layer: Layer, input: [Int], batch: Int, seed: UInt64, file: StaticString, line: UInt) throws {
    var rng = SeededRNG(seed: seed)
    try layer.build(inputShape: input, rng: &rng)
    let x = randomTensor([batch] + input, &rng), r = randomTensor([batch] + layer.outputShape, &rng)
    func loss() -> Double {
        let y = layer.forward(x, training: false)
        return (0..<y.count).reduce(0.0) { $0 + Double(y.base[$1]) * Double(r.base[$1]) }
    }
    _ = loss()
    let dx = layer.backward(r).scalars, grads = layer.parameters.map { $0.grad.scalars }
    let eps: Float = 1e-2
    func numeric(_ p: UnsafeMutablePointer<Float>, _ i: Int) -> Double {
        let old = p[i]
        p[i] = old + eps; let a = loss()
        p[i] = old - eps; let b = loss()
        p[i] = old
        return (a - b) / Double(2 * eps)
    }
    for i in 0..<x.count {
        let n = numeric(x.base, i)
        XCTAssertEqual(Double(dx[i]), n, accuracy: 2e-2 * max(1, abs(n)), "\(layer.typeName) dx[\(i)]", file: file, line: line)
    }
    for (p, g) in zip(layer.parameters, grads) {
        for i in 0..<p.value.count {
            let n = numeric(p.value.base, i)
            XCTAssertEqual(Double(g[i]), n, accuracy: 2e-2 * max(1, abs(n)), "\(layer.typeName) \(p.name)[\(i)]", file: file, line: line)
        }
    }
}

/// A scalar `loss` recorded on a tape: its gradient for every entry of `parameters` against
/// central finite differences (ε = 1e-2, the loss run again without a tape).
@discardableResult
func checkTapeGradients(_ parameters: [Parameter], loss: (Tape?) throws -> Variable, file: StaticString = #filePath, line: UInt = #line) throws -> Gradients {
    let tape = Tape()
    let grads = try tape.gradients(of: try loss(tape))
    for p in parameters {
        let g = try XCTUnwrap(grads[p], p.name, file: file, line: line)
        for i in 0..<p.value.count {
            let old = p.value.base[i]
            p.value.base[i] = old + 1e-2; let up = Double(try loss(nil).value.scalars[0])
            p.value.base[i] = old - 1e-2; let down = Double(try loss(nil).value.scalars[0])
            p.value.base[i] = old
            let n = (up - down) / 2e-2
            XCTAssertEqual(Double(g.base[i]), n, accuracy: 2e-2 * max(1, abs(n)), "\(p.name)[\(i)]", file: file, line: line)
        }
    }
    return grads
}
