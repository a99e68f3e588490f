import XCTest
@testable import CNN

/// Analytic gradients against central finite differences (Float32, ε = 1e-2 on smooth
/// functions, with a relative-plus-absolute tolerance wide enough for float rounding).
final class GradientCheckTests: XCTestCase {
    func random(_ shape: [Int], _ rng: inout SeededRNG, scale: Float = 1) -> Tensor { randomTensor(shape, &rng, scale: scale) }

    /// L = Σ layer(x) ⊙ r. Checks dL/dx and dL/dθ for every parameter.
    func checkLayer(_ layer: Layer, input: [Int], batch: Int = 2, file: StaticString = #filePath, line: UInt = #line) throws {
        try checkLayerGradients(layer, input: input, batch: batch, seed: 7, file: file, line: line)
    }

    func testConv2DValid() throws { try checkLayer(Conv2D(filters: 3, kernelSize: 3, scope: NameScope()), input: [5, 5, 2]) }
    func testConv2DSameStrided() throws {
        try checkLayer(Conv2D(filters: 2, kernelSize: (3, 2), strides: (2, 2), padding: "same", scope: NameScope()), input: [5, 6, 2])
    }
    /// Many input channels and filters (the seed's second layer, scaled down), same padding.
    func testConv2DManyChannels() throws {
        try checkLayer(Conv2D(filters: 16, kernelSize: 3, padding: "same", activation: "tanh", scope: NameScope()), input: [4, 4, 4])
    }
    func testConv2DOneChannel() throws { try checkLayer(Conv2D(filters: 2, kernelSize: 1, scope: NameScope()), input: [3, 3, 1]) }
    func testConv2DActivations() throws {
        for a in ["relu", "sigmoid", "tanh", "softmax"] {
            try checkLayer(Conv2D(filters: 3, kernelSize: 2, activation: a, scope: NameScope()), input: [4, 4, 1])
        }
    }
    func testDenseActivations() throws {
        for a in ["linear", "relu", "sigmoid", "tanh", "softmax"] {
            try checkLayer(Dense(units: 4, activation: a, scope: NameScope()), input: [5])
        }
    }
    func testDenseOnLastAxis() throws {
        let d = try Dense(units: 3, scope: NameScope())
        try checkLayer(d, input: [2, 4])
        XCTAssertEqual(d.outputShape, [2, 3])
    }
    func testMaxPooling() throws {
        try checkLayer(MaxPooling2D(poolSize: 2, scope: NameScope()), input: [5, 5, 2])
        try checkLayer(MaxPooling2D(poolSize: 3, strides: 2, padding: "same", scope: NameScope()), input: [5, 6, 1])
    }
    func testFlattenAndDropoutAtInference() throws {
        try checkLayer(Flatten(scope: NameScope()), input: [2, 3, 2])
        try checkLayer(Dropout(rate: 0.5, scope: NameScope()), input: [6])
    }

    /// On ties the gradient goes to the first maximum only (TensorFlow's choice).
    func testPoolingTies() throws {
        let p = try MaxPooling2D(poolSize: 2, scope: NameScope())
        var rng = SeededRNG(seed: 1)
        try p.build(inputShape: [2, 2, 1], rng: &rng)
        let y = p.forward(try Tensor([1, 1, 1, 1], shape: [1, 2, 2, 1]), training: false)
        XCTAssertEqual(y.scalars, [1])
        XCTAssertEqual(p.backward(try Tensor([5], shape: [1, 1, 1, 1])).scalars, [5, 0, 0, 0])
    }

    func testDropoutTraining() throws {
        let d = try Dropout(rate: 0.5, scope: NameScope())
        var rng = SeededRNG(seed: 1)
        try d.build(inputShape: [1000], rng: &rng)
        let x = Tensor(shape: [1, 1000], repeating: 1)
        let y = d.forward(x, training: true).scalars
        XCTAssertTrue(y.allSatisfy { $0 == 0 || $0 == 2 })
        XCTAssertEqual(Double(y.reduce(0, +)) / 1000, 1, accuracy: 0.15)
        let g = d.backward(x).scalars
        XCTAssertEqual(g, y)
    }

    /// The cross-entropy kernel: logits, probabilities, and the fused softmax path.
    func testCrossEntropyGradients() throws {
        var rng = SeededRNG(seed: 3)
        let n = 3, k = 4
        let z = random([n, k], &rng, scale: 2)
        let t = Tensor(zeros: [n, k])
        for r in 0..<n { t.base[r * k + r] = 1 }
        let g = Tensor(zeros: [n, k]), scratch = Tensor(zeros: [n, k])
        func lossOf(_ logits: Tensor) -> Double {
            crossEntropy(logits.base, t.base, n: n, k: k, fromLogits: true, fusedSoftmax: false, grad: scratch.base).loss / Double(n)
        }
        _ = crossEntropy(z.base, t.base, n: n, k: k, fromLogits: true, fusedSoftmax: false, grad: g.base)
        let eps: Float = 1e-2
        for i in 0..<z.count {
            let old = z.base[i]
            z.base[i] = old + eps; let a = lossOf(z)
            z.base[i] = old - eps; let b = lossOf(z)
            z.base[i] = old
            XCTAssertEqual(Double(g.base[i]), (a - b) / Double(2 * eps), accuracy: 2e-3)
        }
        // Probabilities: −t/(p n), and the fused form equals softmax-backward of it.
        let p = Tensor(zeros: [n, k]); p.base.update(from: z.base, count: z.count)
        Activation.softmax.forward(p.base, count: p.count, width: k)
        let gp = Tensor(zeros: [n, k]), gf = Tensor(zeros: [n, k])
        let l1 = crossEntropy(p.base, t.base, n: n, k: k, fromLogits: false, fusedSoftmax: false, grad: gp.base)
        let l2 = crossEntropy(z.base, t.base, n: n, k: k, fromLogits: true, fusedSoftmax: false, grad: scratch.base)
        XCTAssertEqual(l1.loss, l2.loss, accuracy: 1e-4)
        _ = crossEntropy(p.base, t.base, n: n, k: k, fromLogits: false, fusedSoftmax: true, grad: gf.base)
        Activation.softmax.backward(p.base, gp.base, count: gp.count, width: k)
        for i in 0..<gp.count { XCTAssertEqual(gp.base[i], gf.base[i], accuracy: 1e-5) }
        for r in 0..<n { for j in 0..<k { XCTAssertEqual(Double(gp.base[r * k + j]), Double(g.base[r * k + j]), accuracy: 1e-5) } }
    }

    /// Whole model, fused softmax + CE: parameter gradients against finite differences.
    func testWholeModelGradient() throws {
        let s = NameScope()
        let m = try Sequential(layers: [
            Conv2D(filters: 2, kernelSize: 3, strides: 2, padding: "same", activation: "tanh", inputShape: [6, 6, 1], scope: s),
            MaxPooling2D(poolSize: 2, scope: s), Flatten(scope: s), Dense(units: 3, activation: "softmax", scope: s),
        ], scope: s)
        try m.compile(optimizer: "sgd", loss: "sparse_categorical_crossentropy")
        XCTAssertTrue(m.fusedSoftmax)
        var rng = SeededRNG(seed: 5)
        let x = random([2, 6, 6, 1], &rng)
        let t = try Tensor([1, 0, 0, 0, 0, 1], shape: [2, 3]), scratch = Tensor(zeros: [2, 3])
        func loss() -> Double {
            let o = m.forward(x, training: true)
            return crossEntropy(o.base, t.base, n: 2, k: 3, fromLogits: false, fusedSoftmax: true, grad: scratch.base).loss / 2
        }
        let o = m.forward(x, training: true)
        let g = Tensor(zeros: [2, 3])
        _ = crossEntropy(o.base, t.base, n: 2, k: 3, fromLogits: false, fusedSoftmax: true, grad: g.base)
        m.backward(g)
        let grads = m.parameters.map { $0.grad.scalars }
        for (p, gr) in zip(m.parameters, grads) {
            for i in 0..<p.value.count {
                let old = p.value.base[i], eps: Float = 1e-2
                p.value.base[i] = old + eps; let a = loss()
                p.value.base[i] = old - eps; let b = loss()
                p.value.base[i] = old
                XCTAssertEqual(Double(gr[i]), (a - b) / Double(2 * eps), accuracy: 2e-3)
            }
        }
    }
}
