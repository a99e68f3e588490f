import XCTest
@testable import CNN

/// The Conv2D+ReLU finite-difference mismatches (about 16 in 100 at ε = 1e-2 in an earlier
/// check) are ReLU's kink, not a wrong gradient: a central difference whose ±ε step moves a
/// pre-activation across 0 measures a mix of the two slopes. Every element whose step crosses
/// no kink must match the analytic gradient; those that cross are counted, not compared.
final class ReLUKinkGradientTests: XCTestCase {
    func testConv2DReLUMismatchesAreAllKinkCrossings() throws {
        let relu = try Conv2D(filters: 4, kernelSize: 3, padding: "same", activation: "relu", scope: NameScope())
        let linear = try Conv2D(filters: 4, kernelSize: 3, padding: "same", scope: NameScope())
        var a = SeededRNG(seed: 21), b = SeededRNG(seed: 21)
        try relu.build(inputShape: [6, 6, 3], rng: &a)
        try linear.build(inputShape: [6, 6, 3], rng: &b)  // the same kernel: its output is the pre-activation
        var rng = SeededRNG(seed: 22)
        let x = Tensor(zeros: [2, 6, 6, 3]), r = Tensor(zeros: [2, 6, 6, 4])
        for i in 0..<x.count { x.base[i] = rng.nextFloat() * 2 - 1 }
        for i in 0..<r.count { r.base[i] = rng.nextFloat() * 2 - 1 }
        func loss() -> Double {
            let y = relu.forward(x, training: false)
            return (0..<y.count).reduce(0.0) { $0 + Double(y.base[$1]) * Double(r.base[$1]) }
        }
        func signs() -> [Bool] { linear.forward(x, training: false).scalars.map { $0 > 0 } }
        _ = loss()
        let dx = relu.backward(r).scalars
        let eps: Float = 1e-2, base = signs()
        var crossings = 0, mismatchesAtKinks = 0
        for i in 0..<x.count {
            let old = x.base[i]
            x.base[i] = old + eps; let up = loss(), upSigns = signs()
            x.base[i] = old - eps; let down = loss(), downSigns = signs()
            x.base[i] = old
            let numeric = (up - down) / Double(2 * eps)
            let close = abs(Double(dx[i]) - numeric) <= 2e-2 * max(1, abs(numeric))
            if upSigns != base || downSigns != base {
                crossings += 1
                if !close { mismatchesAtKinks += 1 }
                continue
            }
            XCTAssertEqual(Double(dx[i]), numeric, accuracy: 2e-2 * max(1, abs(numeric)), "dx[\(i)] with no kink in reach")
        }
        // The check means something only if some steps stay clear of every kink.
        XCTAssertLessThan(crossings, x.count)
        XCTAssertGreaterThanOrEqual(crossings, mismatchesAtKinks)
    }
}
