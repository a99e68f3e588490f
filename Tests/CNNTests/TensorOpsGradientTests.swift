import XCTest
@testable import CNN

/// The eager ops of custom training loops (TensorOps.swift) against central finite
/// differences: L = Σ op(inputs) ⊙ r, dL/d(each input) from the tape.
final class TensorOpsGradientTests: XCTestCase {
    func random(_ shape: [Int], _ rng: inout SeededRNG, low: Float = -1) -> Tensor {
        let t = Tensor(zeros: shape)
        for i in 0..<t.count { t.base[i] = low + rng.nextFloat() * (1 - low) }
        return t
    }

    func check(_ shapes: [[Int]], low: Float = -1, file: StaticString = #filePath, line: UInt = #line,
               _ op: ([Variable], Tape?) throws -> Variable) throws {
        var rng = SeededRNG(seed: 3)
        let xs = shapes.map { random($0, &rng, low: low) }
        let tape = Tape()
        let vs = xs.map { tape.watch($0) }
        let y = try op(vs, tape)
        let r = random(y.shape, &rng)
        let loss = try Ops.binary(.multiply, y, Variable(constant: r), tape: tape)
        let grads = try tape.gradients(of: Ops.sum(loss, tape: tape))
        func value() throws -> Double {
            let out = try op(xs.map { Variable(constant: $0) }, nil).value
            var s = 0.0
            for i in 0..<out.count { s += Double(out.base[i]) * Double(r.base[i]) }
            return s
        }
        let eps: Float = 1e-2
        for (k, x) in xs.enumerated() {
            let g = try XCTUnwrap(grads[vs[k]], "input \(k) got no gradient", file: file, line: line)
            XCTAssertEqual(g.shape, x.shape, file: file, line: line)
            for i in 0..<x.count {
                let old = x.base[i]
                x.base[i] = old + eps; let a = try value()
                x.base[i] = old - eps; let b = try value()
                x.base[i] = old
                let n = (a - b) / Double(2 * eps)
                XCTAssertEqual(Double(g.base[i]), n, accuracy: 2e-2 * max(1, abs(n)), "input \(k)[\(i)]", file: file, line: line)
            }
        }
    }

    func testBinaryOpsWithBroadcasting() throws {
        for op in [Ops.Binary.add, .subtract, .multiply] {
            try check([[3, 4], [4]]) { v, t in try Ops.binary(op, v[0], v[1], tape: t) }
            try check([[2, 1, 3], [4, 1]]) { v, t in try Ops.binary(op, v[0], v[1], tape: t) }
            try check([[], [2, 3]]) { v, t in try Ops.binary(op, v[0], v[1], tape: t) }
        }
        // Denominators kept away from zero.
        try check([[3, 4], [3, 1]], low: 0.5) { v, t in try Ops.binary(.divide, v[0], v[1], tape: t) }
    }

    func testMatmulAndReductions() throws {
        try check([[3, 5], [5, 2]]) { v, t in try Ops.matmul(v[0], v[1], tape: t) }
        try check([[3, 4]]) { v, t in try Ops.reduce(v[0], axis: nil, mean: true, tape: t) }
        try check([[3, 4]]) { v, t in try Ops.reduce(v[0], axis: 0, mean: false, tape: t) }
        try check([[2, 3, 4]]) { v, t in try Ops.reduce(v[0], axis: -1, mean: true, tape: t) }
    }

    func testElementwiseFunctions() throws {
        try check([[3, 4]]) { v, t in Ops.square(v[0], tape: t) }
        try check([[3, 4]]) { v, t in Ops.tanh(v[0], tape: t) }
        try check([[3, 4]]) { v, t in Ops.sigmoid(v[0], tape: t) }
        try check([[3, 4]]) { v, t in Ops.exp(v[0], tape: t) }
        try check([[3, 4]]) { v, t in Ops.negate(v[0], tape: t) }
        try check([[3, 4]], low: 0.5) { v, t in Ops.log(v[0], tape: t) }
        // relu away from its kink.
        try check([[3, 4]], low: 0.2) { v, t in Ops.relu(v[0], tape: t) }
    }

    /// A weight read twice (fan-out) gets the sum of both contributions; the optimizer applies it.
    func testParameterReadAccumulatesAndApplies() throws {
        let p = Parameter.make(name: "w", value: try Tensor([1, 2], shape: [2]))
        let tape = Tape()
        let w = Ops.read(p, tape: tape)
        let y = try Ops.binary(.multiply, w, w, tape: tape)   // w², dL/dw = 2w
        let grads = try tape.gradients(of: Ops.sum(y, tape: tape))
        XCTAssertEqual(grads[p]?.scalars, [2, 4])
        let sgd = SGD(learningRate: 0.5, momentum: 0)
        try sgd.apply([(p, try XCTUnwrap(grads[p]))])
        XCTAssertEqual(p.value.scalars, [0, 0])
        XCTAssertThrowsError(try sgd.apply([(p, Tensor(zeros: [3]))]))
    }

    func testIncompatibleShapesAreRefused() {
        XCTAssertThrowsError(try Ops.broadcastShape([3, 4], [3])) { error in
            XCTAssertTrue("\(error)".contains("Incompatible shapes: (3, 4) vs. (3,)"), "\(error)")
        }
        XCTAssertThrowsError(try Ops.matmul(Variable(constant: Tensor(zeros: [2, 3])), Variable(constant: Tensor(zeros: [2, 3])), tape: nil))
    }
}
