import Foundation
import XCTest
@testable import CNN

/// Conv2D on oneDNN: the values are the convolution's (checked against the formula, not against
/// oneDNN itself), oneDNN runs the vector kernels this CPU has, and ONEDNN_MAX_CPU_ISA set by a
/// user is honoured. oneDNN reads that variable once, so the ISA tests run in a child process.
final class OneDNNConvolutionTests: XCTestCase {
    static let childMarker = "LESSON_TEST_REPORT_ONEDNN"

    private func random(_ shape: [Int], _ rng: inout SeededRNG) -> Tensor {
        let t = Tensor(zeros: shape)
        for i in 0..<t.count { t.base[i] = rng.nextFloat() * 2 - 1 }
        return t
    }

    /// y[n, oh, ow, f] = act(b[f] + Σ x[n, oh·sH + kh − padTop, ow·sW + kw − padLeft, c] · K[kh, kw, c, f]).
    private func direct(_ x: Tensor, _ conv: Conv2D, relu: Bool) -> [Float] {
        let (n, h, w, c) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let g = Window2D(inH: h, inW: w, kH: conv.kernelSize.0, kW: conv.kernelSize.1, sH: conv.strides.0,
                         sW: conv.strides.1, same: conv.samePadding)
        let k = conv.parameters[0].value.scalars, b = conv.parameters[1].value.scalars, f = conv.filters
        var y = [Float](repeating: 0, count: n * g.outH * g.outW * f)
        for i in 0..<n { for oh in 0..<g.outH { for ow in 0..<g.outW { for o in 0..<f {
            var s = b[o]
            for kh in 0..<g.kH { for kw in 0..<g.kW {
                let ih = oh * g.sH + kh - g.padTop, iw = ow * g.sW + kw - g.padLeft
                guard ih >= 0, ih < h, iw >= 0, iw < w else { continue }
                for ch in 0..<c { s += x.base[((i * h + ih) * w + iw) * c + ch] * k[((kh * g.kW + kw) * c + ch) * f + o] }
            } }
            y[((i * g.outH + oh) * g.outW + ow) * f + o] = relu ? Swift.max(s, 0) : s
        } } } }
        return y
    }

    /// Strided, SAME-padded (the extra row after), ReLU fused, 3 images split over 2 threads.
    func testForwardIsTheConvolution() throws {
        let conv = try Conv2D(filters: 5, kernelSize: (3, 2), strides: (2, 1), padding: "same", activation: "relu", scope: NameScope())
        var rng = SeededRNG(seed: 5)
        try conv.build(inputShape: [7, 6, 3], rng: &rng)
        conv.threads = 2
        let x = random([3, 7, 6, 3], &rng)
        let y = conv.forward(x, training: true).scalars, expected = direct(x, conv, relu: true)
        XCTAssertEqual(y.count, expected.count)
        for (a, e) in zip(y, expected) { XCTAssertEqual(a, e, accuracy: 1e-5) }
        XCTAssertTrue(y.contains { $0 > 0 } && y.contains { $0 == 0 }, "ReLU neither kept nor cut anything")
    }

    /// dx = Σ dy · K and dK = Σ x · dy, by the formula (no activation: dz = dy).
    func testBackwardIsTheConvolutionsAdjoint() throws {
        let conv = try Conv2D(filters: 4, kernelSize: 3, padding: "valid", scope: NameScope())
        var rng = SeededRNG(seed: 8)
        try conv.build(inputShape: [6, 5, 3], rng: &rng)
        conv.threads = 2
        let x = random([2, 6, 5, 3], &rng)
        _ = conv.forward(x, training: true)
        let dy = random([2, 4, 3, 4], &rng)
        let dx = conv.backward(dy).scalars
        let k = conv.parameters[0].value.scalars
        var edx = [Float](repeating: 0, count: x.count), edk = [Float](repeating: 0, count: k.count)
        var edb = [Float](repeating: 0, count: 4)
        for i in 0..<2 { for oh in 0..<4 { for ow in 0..<3 { for o in 0..<4 {
            let d = dy.base[((i * 4 + oh) * 3 + ow) * 4 + o]
            edb[o] += d
            for kh in 0..<3 { for kw in 0..<3 { for ch in 0..<3 {
                let xi = ((i * 6 + oh + kh) * 5 + ow + kw) * 3 + ch, ki = ((kh * 3 + kw) * 3 + ch) * 4 + o
                edx[xi] += d * k[ki]; edk[ki] += d * x.base[xi]
            } } }
        } } } }
        for (a, e) in zip(dx, edx) { XCTAssertEqual(a, e, accuracy: 1e-4) }
        for (a, e) in zip(conv.parameters[0].grad.scalars, edk) { XCTAssertEqual(a, e, accuracy: 1e-4) }
        for (a, e) in zip(conv.parameters[1].grad.scalars, edb) { XCTAssertEqual(a, e, accuracy: 1e-4) }
    }

    /// Without ONEDNN_MAX_CPU_ISA, oneDNN runs AVX-512 kernels on an AVX-512 CPU and AVX2 ones
    /// on an AVX2 CPU, and the seed's convolutions use them (not its im2col + gemm fallback).
    func testConvolutionsRunTheKernelsThisCPUHas() throws {
        let r = try child(maxISA: nil)
        XCTAssertNotEqual(r["isa"], "none", "oneDNN (libdnnl2, scripts/bootstrap) did not load")
        let features = Set(KernelLibrary.features)
        let family = features.isSuperset(of: ["avx512f", "avx512bw", "avx512vl", "avx512dq"]) ? "avx512_core"
            : features.isSuperset(of: ["avx2", "fma"]) ? "avx2" : nil
        guard let family else { throw XCTSkip("this CPU has neither AVX2 nor AVX-512") }
        XCTAssertTrue(r["isa", default: ""].hasPrefix(family), "\(family) CPU but oneDNN runs \(r["isa"] ?? "?")")
        for pass in ["forward", "backward-data", "backward-weights"] {
            XCTAssertTrue(r[pass, default: ""].hasSuffix(family), "\(pass) runs \(r[pass] ?? "?"), not a \(family) kernel")
        }
    }

    /// A user's ONEDNN_MAX_CPU_ISA=AVX2 caps oneDNN on an AVX-512 CPU (and is kept on an AVX2 one).
    func testUsersMaxISAIsHonoured() throws {
        guard Set(KernelLibrary.features).isSuperset(of: ["avx2", "fma"]) else { throw XCTSkip("this CPU has no AVX2") }
        let r = try child(maxISA: "AVX2")
        XCTAssertEqual(r["isa"], "avx2")
        XCTAssertTrue(r["forward", default: ""].hasSuffix("avx2"), "forward runs \(r["forward"] ?? "?")")
    }

    /// Runs this test binary again on `testReportOneDNNForParent` with ONEDNN_MAX_CPU_ISA set to
    /// `maxISA` (or removed) and reads back the ISA and the conv2 implementation names.
    private func child(maxISA: String?) throws -> [String: String] {
        try childTestReport(test: "CNNTests.OneDNNConvolutionTests/testReportOneDNNForParent",
                            environment: ["ONEDNN_MAX_CPU_ISA": maxISA, "LESSON_NO_ONEDNN": nil, Self.childMarker: "1"], tag: "ONEDNN")
    }

    /// Runs only as the child of the tests above: the seed's second convolution at batch 32.
    func testReportOneDNNForParent() throws {
        guard ProcessInfo.processInfo.environment[Self.childMarker] != nil else {
            throw XCTSkip("runs only as the child of the ISA tests")
        }
        let conv = try Conv2D(filters: 64, kernelSize: 3, activation: "relu", scope: NameScope())
        var rng = SeededRNG(seed: 1)
        try conv.build(inputShape: [13, 13, 32], rng: &rng)
        let names = (0..<3).map { conv.kernelName(batch: 32, pass: $0) }
        print("ONEDNN isa=\(KernelLibrary.convolutionISA) forward=\(names[0]) backward-data=\(names[1]) backward-weights=\(names[2])")
    }
}
