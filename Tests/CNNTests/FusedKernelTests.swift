import CKernels
import XCTest
@testable import CNN

/// The fused and vectorised kernels give exactly what the plain formulas give.
final class FusedKernelTests: XCTestCase {
    /// Adam at the CPU's vector width: the same bits as Keras's formula element by element
    /// (37 elements: full vectors and a tail).
    func testAdamMatchesTheScalarFormula() {
        var rng = SeededRNG(seed: 11)
        let n = 37
        var w = (0..<n).map { _ in rng.nextFloat() - 0.5 }, g = (0..<n).map { _ in rng.nextFloat() - 0.5 }
        var m = (0..<n).map { _ in rng.nextFloat() * 0.1 }, v = (0..<n).map { _ in rng.nextFloat() * 0.01 }
        let (b1, b2, lr, eps): (Float, Float, Float, Float) = (0.1, 0.001, 0.003, 1e-7)
        var ew = w, em = m, ev = v
        for i in 0..<n {
            em[i] = em[i] + (g[i] - em[i]) * b1
            ev[i] = ev[i] + (g[i] * g[i] - ev[i]) * b2
            ew[i] = ew[i] - lr * em[i] / (ev[i].squareRoot() + eps)
        }
        ck_adam(&w, &g, &m, &v, n, b1, b2, lr, eps)
        XCTAssertEqual(w, ew); XCTAssertEqual(m, em); XCTAssertEqual(v, ev)
    }

    /// Conv2D(relu) → MaxPooling2D: the model's fused passes (pooling each image as it is made;
    /// ReLU's mask applied while the pooling routes) equal the layers' own passes in turn.
    func testFusedReLUPoolingBackwardEqualsLayerByLayer() throws {
        let s = NameScope()
        let conv = try Conv2D(filters: 3, kernelSize: 3, activation: "relu", inputShape: [6, 6, 2], scope: s)
        let pool = try MaxPooling2D(poolSize: 2, scope: s)
        let m = try Sequential(layers: [conv, pool, Flatten(scope: s), Dense(units: 4, scope: s)], scope: s, threads: 2)
        var rng = SeededRNG(seed: 3)
        let x = Tensor(zeros: [3, 6, 6, 2])
        for i in 0..<x.count { x.base[i] = rng.nextFloat() * 2 - 1 }
        let out = Tensor(zeros: [3, 4]); let fwd = m.forward(x, training: true)
        out.base.update(from: fwd.base, count: fwd.count)
        let dy = Tensor(zeros: out.shape)
        for i in 0..<dy.count { dy.base[i] = rng.nextFloat() - 0.5 }
        m.backward(dy)
        let fused = conv.parameters.map(\.grad.scalars)
        XCTAssertTrue(fused[0].contains { $0 != 0 }, "the kernel gradient is not all zero")
        // Layer by layer, forward (the model pools each image as the convolution makes it) and backward.
        var t = x
        for l in m.layers { t = l.forward(t, training: true) }
        XCTAssertEqual(t.scalars, out.scalars)
        var g = m.layers[3].backward(dy)
        g = m.layers[2].backward(g)
        _ = conv.backward(pool.backward(g))
        XCTAssertEqual(conv.parameters.map(\.grad.scalars), fused)
    }

    /// Bias and ReLU in one pass keep a NaN a NaN (a NaN loss must show, as in TensorFlow).
    func testBiasReLUKeepsNaN() {
        var y: [Float] = [-1, .nan, 2, -3], bias: [Float] = [0.5, 0.5]
        ck_bias_act(&y, &bias, 2, 2, 1)
        XCTAssertEqual(y[0], 0); XCTAssertTrue(y[1].isNaN); XCTAssertEqual(y[2], 2.5); XCTAssertEqual(y[3], 0)
    }
}
