import XCTest
@testable import CNN

/// Conv2DTranspose, UpSampling2D, Softmax and binary cross-entropy: shapes as Keras gives
/// them, values on hand-worked cases, gradients against central finite differences.
final class ShapeLayerTests: XCTestCase {
    func random(_ shape: [Int], _ rng: inout SeededRNG, scale: Float = 1) -> Tensor { randomTensor(shape, &rng, scale: scale) }

    /// L = Σ layer(x) ⊙ r: dL/dx and dL/dθ against finite differences (ε = 1e-2, Float64 sums).
    func checkLayer(_ layer: Layer, input: [Int], batch: Int = 2, file: StaticString = #filePath, line: UInt = #line) throws {
        try checkLayerGradients(layer, input: input, batch: batch, seed: 11, file: file, line: line)
    }

    func testConv2DTransposeShapesAsKeras() throws {
        // Keras 3: (7, 7, 32) → (14, 14, 32) with strides=2, 'same'; 'valid' adds max(k − s, 0).
        let same = try Conv2DTranspose(filters: 32, kernelSize: 3, strides: 2, padding: "same", scope: NameScope())
        XCTAssertEqual(try same.computeOutputShape([7, 7, 32]), [14, 14, 32])
        let valid = try Conv2DTranspose(filters: 4, kernelSize: 3, strides: 2, scope: NameScope())
        XCTAssertEqual(try valid.computeOutputShape([5, 6, 1]), [11, 13, 4])
        var rng = SeededRNG(seed: 1)
        try same.build(inputShape: [7, 7, 32], rng: &rng)
        XCTAssertEqual(same.kernel?.value.shape, [3, 3, 32, 32])
        XCTAssertEqual(same.parameterCount, 9248)  // the autoencoder's summary row
        XCTAssertEqual(same.name, "conv2d_transpose")
    }

    /// One input pixel of value 1 with stride 2: the output is the kernel, placed at (0, 0).
    func testConv2DTransposeSpreadsTheKernel() throws {
        let layer = try Conv2DTranspose(filters: 1, kernelSize: 2, strides: 2, scope: NameScope())
        var rng = SeededRNG(seed: 2)
        try layer.build(inputShape: [2, 2, 1], rng: &rng)
        let kernel = try XCTUnwrap(layer.kernel)
        for i in 0..<4 { kernel.value.base[i] = Float(i + 1) }
        let x = try Tensor([1, 0, 0, 2], shape: [1, 2, 2, 1])
        let y = layer.forward(x, training: false)
        XCTAssertEqual(y.shape, [1, 4, 4, 1])
        XCTAssertEqual(y.scalars, [1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 2, 4, 0, 0, 6, 8])
    }

    func testConv2DTransposeGradients() throws {
        try checkLayer(Conv2DTranspose(filters: 3, kernelSize: 3, strides: 2, padding: "same", scope: NameScope()), input: [3, 3, 2])
        try checkLayer(Conv2DTranspose(filters: 2, kernelSize: (3, 2), strides: (1, 2), scope: NameScope()), input: [3, 4, 2])
        try checkLayer(Conv2DTranspose(filters: 2, kernelSize: 2, strides: 3, activation: "sigmoid", scope: NameScope()), input: [2, 2, 1])
    }

    func testUpSampling2D() throws {
        let layer = try UpSampling2D(size: (2, 3), scope: NameScope())
        var rng = SeededRNG(seed: 3)
        try layer.build(inputShape: [1, 2, 1], rng: &rng)
        XCTAssertEqual(layer.outputShape, [2, 6, 1])
        let y = layer.forward(try Tensor([1, 2], shape: [1, 1, 2, 1]), training: false)
        XCTAssertEqual(y.scalars, [1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2])
        try checkLayer(UpSampling2D(scope: NameScope()), input: [2, 3, 2])
        XCTAssertThrowsError(try UpSampling2D(size: (0, 2), scope: NameScope()))
    }

    func testSoftmaxLayer() throws {
        let layer = Softmax(scope: NameScope())
        var rng = SeededRNG(seed: 4)
        try layer.build(inputShape: [3], rng: &rng)
        let y = layer.forward(try Tensor([0, 0, Float(log(2.0))], shape: [1, 3]), training: false)
        XCTAssertEqual(y.scalars[0], 0.25, accuracy: 1e-6)
        XCTAssertEqual(y.scalars[2], 0.5, accuracy: 1e-6)
        try checkLayer(Softmax(scope: NameScope()), input: [2, 4])
    }

    /// Keras's binary_crossentropy: mean over elements of −(y log p + (1 − y) log(1 − p)).
    func testBinaryCrossentropy() throws {
        let p = try Tensor([0.9, 0.2, 0.5, 0.7], shape: [2, 2]), t = try Tensor([1, 0, 1, 0], shape: [2, 2])
        let expected = -(log(0.9) + log(0.8) + log(0.5) + log(0.3)) / 4
        let v = try Ops.binaryCrossentropy(Variable(constant: p), targets: t, tape: nil)
        XCTAssertEqual(Double(v.value.scalars[0]), expected, accuracy: 1e-6)
        // Probability 0 is clipped to 1e-7, not log(0).
        let zero = try Ops.binaryCrossentropy(Variable(constant: try Tensor([0], shape: [1, 1])), targets: try Tensor([1], shape: [1, 1]), tape: nil)
        XCTAssertEqual(Double(zero.value.scalars[0]), -log(1e-7), accuracy: 1e-3)
        // Gradients, through a sigmoid so p stays inside (0, 1), and in the logits form.
        var rng = SeededRNG(seed: 5)
        let z = random([3, 2], &rng), targets = try Tensor([1, 0, 0, 1, 1, 1], shape: [3, 2])
        for fromLogits in [false, true] {
            func loss(_ x: Tensor, _ tape: Tape?) throws -> (Variable, Variable) {
                let v = tape?.watch(x) ?? Variable(constant: x)
                let out = fromLogits ? v : try Ops.apply(try sigmoid(), v, training: false, tape: tape)
                return (v, try Ops.binaryCrossentropy(out, targets: targets, fromLogits: fromLogits, tape: tape))
            }
            let tape = Tape()
            let (v, l) = try loss(z, tape)
            let g = try XCTUnwrap(try tape.gradients(of: l)[v])
            for i in 0..<z.count {
                let old = z.base[i]
                z.base[i] = old + 1e-2; let a = Double(try loss(z, nil).1.value.scalars[0])
                z.base[i] = old - 1e-2; let b = Double(try loss(z, nil).1.value.scalars[0])
                z.base[i] = old
                XCTAssertEqual(Double(g.base[i]), (a - b) / 2e-2, accuracy: 1e-3, "fromLogits=\(fromLogits) [\(i)]")
            }
        }
    }

    /// A Dense(2, sigmoid) that is the identity on its pre-activation: the sigmoid alone.
    func sigmoid() throws -> Dense {
        let d = try Dense(units: 2, activation: "sigmoid", scope: NameScope())
        var rng = SeededRNG(seed: 6)
        try d.build(inputShape: [2], rng: &rng)
        let k = try XCTUnwrap(d.kernel)
        k.value.base.update(from: [1, 0, 0, 1], count: 4)
        return d
    }
}

extension ShapeLayerTests {
    func testGlobalPooling() throws {
        let layer = GlobalPooling2D(.max, scope: NameScope())
        var rng = SeededRNG(seed: 8)
        try layer.build(inputShape: [2, 2, 2], rng: &rng)
        XCTAssertEqual(layer.outputShape, [2])
        XCTAssertEqual(layer.name, "global_max_pooling2d")
        let y = layer.forward(try Tensor([1, -1, 4, -2, 3, -3, 2, -4], shape: [1, 2, 2, 2]), training: false)
        XCTAssertEqual(y.scalars, [4, -1])
        try checkLayer(GlobalPooling2D(.max, scope: NameScope()), input: [2, 2, 3])
        try checkLayer(GlobalPooling2D(.average, scope: NameScope()), input: [3, 2, 2])
    }
}
