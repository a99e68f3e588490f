import Foundation

/// The eager tensor ops lesson code calls inside a `GradientTape` (`x @ w + b`, `tf.square`,
/// `tf.reduce_mean`): NumPy broadcasting, each with its backward. A broadcast operand's
/// gradient is summed back to its own shape.
extension Ops {
    public enum Binary: Sendable { case add, subtract, multiply, divide }

    /// NumPy's broadcast shape of `a` and `b`, or a shape error naming both.
    public static func broadcastShape(_ a: [Int], _ b: [Int]) throws -> [Int] {
        let n = Swift.max(a.count, b.count)
        let pa = Array(repeating: 1, count: n - a.count) + a, pb = Array(repeating: 1, count: n - b.count) + b
        let shape = try zip(pa, pb).map { x, y in
            guard x == y || x == 1 || y == 1 else {
                throw CNNError.shapeMismatch("Incompatible shapes: \(formatShape(a)) vs. \(formatShape(b))")
            }
            return Swift.max(x, y)
        }
        // Two small operands can broadcast to a result too large to count.
        var count = 1
        for d in shape {
            let (c, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow, c <= 1 << 40 else { throw CNNError.invalidArgument("Broadcasting \(formatShape(a)) with \(formatShape(b)) gives a result too large") }
            count = c
        }
        return shape
    }

    /// For each flat index of `out`, the flat index into an operand of `shape` broadcast to it.
    static func broadcastIndex(_ shape: [Int], to out: [Int]) -> [Int] {
        let count = out.reduce(1, *)
        if shape == out { return Array(0..<count) }
        let padded = Array(repeating: 1, count: out.count - shape.count) + shape
        var strides = Array(repeating: 0, count: out.count), s = 1
        for k in stride(from: out.count - 1, through: 0, by: -1) {
            strides[k] = padded[k] == 1 ? 0 : s
            s *= padded[k]
        }
        var index = Array(repeating: 0, count: count), digits = Array(repeating: 0, count: out.count), flat = 0
        for i in 0..<count {
            index[i] = flat
            var k = out.count - 1
            while k >= 0 {
                digits[k] += 1; flat += strides[k]
                if digits[k] < out[k] { break }
                flat -= strides[k] * digits[k]; digits[k] = 0; k -= 1
            }
        }
        return index
    }

    /// `dy` summed onto an operand's positions (`index` from `broadcastIndex`).
    static func reduce(_ dy: Tensor, _ index: [Int], to shape: [Int], _ factor: (Int) -> Float) -> Tensor {
        let g = Tensor(zeros: shape), pg = g.base, pd = dy.base
        for i in 0..<dy.count { pg[index[i]] += pd[i] * factor(i) }
        return g
    }

    /// a ∘ b with broadcasting.
    public static func binary(_ op: Binary, _ a: Variable, _ b: Variable, tape: Tape?) throws -> Variable {
        let shape = try broadcastShape(a.shape, b.shape)
        let ia = broadcastIndex(a.shape, to: shape), ib = broadcastIndex(b.shape, to: shape)
        let pa = a.value.base, pb = b.value.base
        let y = Tensor(zeros: shape), py = y.base
        switch op {
        case .add: for i in 0..<y.count { py[i] = pa[ia[i]] + pb[ib[i]] }
        case .subtract: for i in 0..<y.count { py[i] = pa[ia[i]] - pb[ib[i]] }
        case .multiply: for i in 0..<y.count { py[i] = pa[ia[i]] * pb[ib[i]] }
        case .divide: for i in 0..<y.count { py[i] = pa[ia[i]] / pb[ib[i]] }
        }
        guard let tape else { return Variable(constant: y) }
        let sa = a.shape, sb = b.shape, av = a.value, bv = b.value
        return tape.record(y, inputs: [a, b]) { dy, _ in
            let pa = av.base, pb = bv.base
            switch op {
            case .add: return [reduce(dy, ia, to: sa) { _ in 1 }, reduce(dy, ib, to: sb) { _ in 1 }]
            case .subtract: return [reduce(dy, ia, to: sa) { _ in 1 }, reduce(dy, ib, to: sb) { _ in -1 }]
            case .multiply: return [reduce(dy, ia, to: sa) { pb[ib[$0]] }, reduce(dy, ib, to: sb) { pa[ia[$0]] }]
            case .divide:
                return [reduce(dy, ia, to: sa) { 1 / pb[ib[$0]] },
                        reduce(dy, ib, to: sb) { let d = pb[ib[$0]]; return -pa[ia[$0]] / (d * d) }]
            }
        }
    }

    /// An element-wise function `f` with derivative `df(x, y)`.
    public static func unary(_ a: Variable, tape: Tape?, _ f: @escaping (Float) -> Float, _ df: @escaping (Float, Float) -> Float) -> Variable {
        let y = map([a.value]) { i, p in f(p[0][i]) }
        guard let tape else { return Variable(constant: y) }
        let x = a.value
        return tape.record(y, inputs: [a]) { dy, _ in [map([dy, x, y]) { i, p in p[0][i] * df(p[1][i], p[2][i]) }] }
    }

    public static func square(_ a: Variable, tape: Tape?) -> Variable { unary(a, tape: tape, { $0 * $0 }, { x, _ in 2 * x }) }
    public static func relu(_ a: Variable, tape: Tape?) -> Variable { unary(a, tape: tape, { Swift.max($0, 0) }, { x, _ in x > 0 ? 1 : 0 }) }
    public static func exp(_ a: Variable, tape: Tape?) -> Variable { unary(a, tape: tape, { Foundation.exp($0) }, { _, y in y }) }
    public static func log(_ a: Variable, tape: Tape?) -> Variable { unary(a, tape: tape, { Foundation.log($0) }, { x, _ in 1 / x }) }
    public static func tanh(_ a: Variable, tape: Tape?) -> Variable { unary(a, tape: tape, { Foundation.tanh($0) }, { _, y in 1 - y * y }) }
    public static func sigmoid(_ a: Variable, tape: Tape?) -> Variable { unary(a, tape: tape, { 1 / (1 + Foundation.exp(-$0)) }, { _, y in y * (1 - y) }) }
    public static func negate(_ a: Variable, tape: Tape?) -> Variable { unary(a, tape: tape, { -$0 }, { _, _ in -1 }) }
    /// |a|; its derivative at 0 is 0, as TensorFlow's (sign(0) = 0).
    public static func absolute(_ a: Variable, tape: Tape?) -> Variable { unary(a, tape: tape, { Swift.abs($0) }, { x, _ in x > 0 ? 1 : x < 0 ? -1 : 0 }) }
    public static func squareRoot(_ a: Variable, tape: Tape?) -> Variable { unary(a, tape: tape, { $0.squareRoot() }, { _, y in 0.5 / y }) }

    /// The sum (or mean) over `axis`, or over every element when nil (a scalar).
    public static func reduce(_ a: Variable, axis: Int?, mean: Bool, tape: Tape?) throws -> Variable {
        let shape = a.shape
        let (outer, n, inner, outShape): (Int, Int, Int, [Int])
        if let axis {
            guard axis >= -shape.count, axis < shape.count else {
                throw CNNError.invalidArgument("Invalid reduction dimension \(axis) for input with \(shape.count) dimensions.")
            }
            let k = axis < 0 ? axis + shape.count : axis
            (outer, n, inner) = (shape[..<k].reduce(1, *), shape[k], shape[(k + 1)...].reduce(1, *))
            outShape = Array(shape[..<k]) + Array(shape[(k + 1)...])
        } else {
            (outer, n, inner, outShape) = (1, a.value.count, 1, [])
        }
        let scale: Float = mean ? 1 / Float(Swift.max(n, 1)) : 1
        let y = Tensor(zeros: outShape), px = a.value.base, py = y.base
        for o in 0..<outer {
            for i in 0..<inner {
                var s: Float = 0
                for k in 0..<n { s += px[(o * n + k) * inner + i] }
                py[o * inner + i] = s * scale
            }
        }
        guard let tape else { return Variable(constant: y) }
        return tape.record(y, inputs: [a]) { dy, _ in
            let g = Tensor(zeros: shape), pg = g.base, pd = dy.base
            for o in 0..<outer { for k in 0..<n { for i in 0..<inner { pg[(o * n + k) * inner + i] = pd[o * inner + i] * scale } } }
            return [g]
        }
    }

    /// `a @ b` of two matrices ([n, k] × [k, m]).
    public static func matmul(_ a: Variable, _ b: Variable, tape: Tape?) throws -> Variable {
        guard a.shape.count == 2, b.shape.count == 2, a.shape[1] == b.shape[0] else {
            throw CNNError.shapeMismatch("Matrix size-incompatible: In[0]: \(formatShape(a.shape)), In[1]: \(formatShape(b.shape))")
        }
        let n = a.shape[0], k = a.shape[1], m = b.shape[1]
        let av = a.value, bv = b.value
        let y = product(av.base, bv.base, n, k, m, transposeA: false, transposeB: false)
        guard let tape else { return Variable(constant: y) }
        return tape.record(y, inputs: [a, b]) { dy, _ in
            // dA = dY · Bᵀ, dB = Aᵀ · dY.
            [product(dy.base, bv.base, n, m, k, transposeA: false, transposeB: true),
             product(av.base, dy.base, k, n, m, transposeA: true, transposeB: false)]
        }
    }

    /// [r, inner] × [inner, c] where A is stored transposed when `transposeA`, B likewise.
    static func product(_ a: UnsafeMutablePointer<Float>, _ b: UnsafeMutablePointer<Float>, _ r: Int, _ inner: Int, _ c: Int,
                        transposeA: Bool, transposeB: Bool) -> Tensor {
        let y = Tensor(zeros: [r, c]), py = y.base
        for i in 0..<r {
            for t in 0..<inner {
                let x = transposeA ? a[t * r + i] : a[i * inner + t]
                if x == 0 { continue }
                if transposeB { for j in 0..<c { py[i * c + j] += x * b[j * inner + t] } }
                else { let row = b + t * c; for j in 0..<c { py[i * c + j] += x * row[j] } }
            }
        }
        return y
    }

    /// A layer weight read by an op: its gradient lands on the parameter.
    public static func read(_ p: Parameter, tape: Tape?) -> Variable {
        guard let tape else { return Variable(constant: p.value) }
        return tape.record(p.value, inputs: []) { dy, grads in grads.accumulate(dy, into: p); return [] }
    }

    /// A tensor whose gradient is cut (`tf.stop_gradient`).
    public static func constant(_ v: Variable) -> Variable { Variable(constant: v.value) }
}
