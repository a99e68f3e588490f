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
        let plain = conv.parameters.map(\.grad.scalars)
        XCTAssertEqual(plain[0], fused[0], "the kernel gradient")
        // The fused bias gradient sums the pooled gradient (winners only) in another order.
        XCTAssertEqual(plain[1].count, fused[1].count)
        for (p, f) in zip(plain[1], fused[1]) { XCTAssertEqual(p, f, accuracy: 1e-6 * Swift.max(1, abs(p)), "the bias gradient") }
        XCTAssertTrue(fused[1].contains { $0 != 0 })
    }

    /// The bias gradient from a pooling's gradient: Σ over rows where the mask is positive
    /// (a NaN or a zero mask drops its row's gradient, as ReLU's backward does).
    func testMaskedBiasGradient() {
        var d: [Float] = [1, 2, 3, 4, 5, 6], mask: [Float] = [1, 0, .nan, 2, -1, 3], db: [Float] = [9, 9]
        ck_bias_grad_masked(&d, &mask, 3, 2, &db)
        XCTAssertEqual(db, [1, 4 + 6])
    }

    /// Bias and ReLU in one pass keep a NaN a NaN (a NaN loss must show, as in TensorFlow).
    func testBiasReLUKeepsNaN() {
        var y: [Float] = [-1, .nan, 2, -3], bias: [Float] = [0.5, 0.5]
        ck_bias_act(&y, &bias, 2, 2, 1)
        XCTAssertEqual(y[0], 0); XCTAssertTrue(y[1].isNaN); XCTAssertEqual(y[2], 2.5); XCTAssertEqual(y[3], 0)
    }

    /// Bias and ReLU after non-overlapping pooling equal pooling after bias and ReLU: the same
    /// values and winners (7×5 input: a row and a column no window covers; 11 channels: full
    /// vectors and a tail), on 2×2 and 3×2 windows.
    func testPoolingThenBiasReLUEqualsBiasReLUThenPooling() {
        var rng = SeededRNG(seed: 11)
        let (inH, inW, c) = (7, 5, 11)
        for (kH, kW) in [(2, 2), (3, 2)] {
            let (outH, outW) = (inH / kH, inW / kW)
            var x = (0..<(inH * inW * c)).map { _ in rng.nextFloat() * 2 - 1 }
            var bias = (0..<c).map { _ in rng.nextFloat() - 0.5 }
            var y = [Float](repeating: 0, count: outH * outW * c), a = [Int32](repeating: -1, count: y.count)
            ck_maxpool_windows_bias_act(&x, &bias, 1, inW, c, kH, kW, outH, outW, &y, &a)
            var activated = x
            ck_bias_act(&activated, &bias, inH * inW, c, 1)
            var ey = y.map { _ in Float(-9) }, ea = a.map { _ in Int32(-1) }
            ck_maxpool_forward(&activated, 1, inH, inW, c, kH, kW, kH, kW, 0, 0, outH, outW, &ey, &ea)
            XCTAssertEqual(y, ey, "\(kH)x\(kW) values")
            // Where every element of a window is negative ReLU makes them tie at 0 and the plain
            // order picks the first; the gradient is masked there anyway (the output is 0).
            for i in 0..<y.count where ey[i] > 0 { XCTAssertEqual(a[i], ea[i], "\(kH)x\(kW) winner \(i)") }
            XCTAssertTrue(y.contains { $0 > 0 } && y.contains { $0 == 0 })
        }
    }

    /// The fused pooling keeps a NaN that comes first in its window and lets a later one lose,
    /// as pooling the activated values does; ties go to the first element.
    func testFusedPoolingNaNAndTies() {
        var x: [Float] = [.nan, 1, 2, 3, /* second channel */ 4, 4, -1, 4]
        // One image 2×2, two channels (NHWC): channel 0 is x[0,2,4,6], channel 1 x[1,3,5,7].
        x = [x[0], x[4], x[1], x[5], x[2], x[6], x[3], x[7]]
        var bias: [Float] = [0.5, -0.5], y: [Float] = [0, 0], a: [Int32] = [-1, -1]
        ck_maxpool_windows_bias_act(&x, &bias, 1, 2, 2, 2, 2, 1, 1, &y, &a)
        XCTAssertTrue(y[0].isNaN); XCTAssertEqual(a[0], 0)
        XCTAssertEqual(y[1], 3.5); XCTAssertEqual(a[1], 1, "the first of the tied 4s wins")
        var later: [Float] = [1, .nan, 2, 0], one: [Float] = [0], ly: [Float] = [0], la: [Int32] = [-1]
        ck_maxpool_windows_bias_act(&later, &one, 1, 2, 1, 2, 2, 1, 1, &ly, &la)
        XCTAssertEqual(ly[0], 2); XCTAssertEqual(la[0], 2)
    }
}
