import Foundation

/// The element-wise and joining ops of the functional API (`add`, `subtract`, `multiply`,
/// `concatenate`), plus `scale` and `sum` to combine losses. Forward and backward side by side.
/// Operands have equal shapes (Keras's merge layers require it; no broadcasting here).
public enum Ops {
    static func sameShape(_ op: String, _ vs: [Variable]) throws {
        guard let first = vs.first else { throw CNNError.invalidArgument("\(op) needs at least one input") }
        for v in vs where v.shape != first.shape {
            throw CNNError.shapeMismatch("\(op): inputs must have the same shape, got \(vs.map { formatShape($0.shape) }.joined(separator: " and "))")
        }
    }

    static func map(_ ts: [Tensor], _ f: (Int, [UnsafeMutablePointer<Float>]) -> Float) -> Tensor {
        let out = Tensor(zeros: ts[0].shape)
        let ps = ts.map(\.base), po = out.base
        for i in 0..<out.count { po[i] = f(i, ps) }
        return out
    }

    /// a + b + … (Keras's `layers.add`); dL/d(each) = dL/d(out).
    public static func add(_ vs: [Variable], tape: Tape?) throws -> Variable {
        try sameShape("add", vs)
        let y = map(vs.map(\.value)) { i, p in p.reduce(0) { $0 + $1[i] } }
        guard let tape else { return Variable(constant: y) }
        return tape.record(y, inputs: vs) { dy, _ in vs.map { _ in dy } }
    }

    /// a − b; dL/da = dy, dL/db = −dy.
    public static func subtract(_ a: Variable, _ b: Variable, tape: Tape?) throws -> Variable {
        try sameShape("subtract", [a, b])
        let y = map([a.value, b.value]) { i, p in p[0][i] - p[1][i] }
        guard let tape else { return Variable(constant: y) }
        return tape.record(y, inputs: [a, b]) { dy, _ in [dy, map([dy]) { i, p in -p[0][i] }] }
    }

    /// a ⊙ b ⊙ … ; dL/d(k-th) = dy ⊙ (product of the others).
    public static func multiply(_ vs: [Variable], tape: Tape?) throws -> Variable {
        try sameShape("multiply", vs)
        let xs = vs.map(\.value)
        let y = map(xs) { i, p in p.reduce(1) { $0 * $1[i] } }
        guard let tape else { return Variable(constant: y) }
        return tape.record(y, inputs: vs) { dy, _ in
            xs.indices.map { k in
                map([dy] + xs) { i, p in
                    var g = p[0][i]
                    for j in xs.indices where j != k { g *= p[j + 1][i] }
                    return g
                }
            }
        }
    }

    /// c · a for a constant c (loss weights); dL/da = c · dy.
    public static func scale(_ a: Variable, by c: Float, tape: Tape?) -> Variable {
        let y = map([a.value]) { i, p in c * p[0][i] }
        guard let tape else { return Variable(constant: y) }
        return tape.record(y, inputs: [a]) { dy, _ in [map([dy]) { i, p in c * p[0][i] }] }
    }

    /// The sum of all elements, a scalar (shape []); dL/da = dy everywhere.
    public static func sum(_ a: Variable, tape: Tape?) -> Variable {
        var s: Float = 0
        a.value.withUnsafeBufferPointer { for v in $0 { s += v } }
        let y = Tensor(shape: [], repeating: s)
        guard let tape else { return Variable(constant: y) }
        let shape = a.shape
        return tape.record(y, inputs: [a]) { dy, _ in [Tensor(shape: shape, repeating: dy.base[0])] }
    }

    /// Joins along the last axis (Keras's `layers.concatenate`, axis=-1); the other axes must
    /// agree. The backward hands each input its own columns of dy.
    public static func concatenate(_ vs: [Variable], tape: Tape?) throws -> Variable {
        guard let first = vs.first, !first.shape.isEmpty else {
            throw CNNError.invalidArgument("concatenate needs at least one input of rank ≥ 1")
        }
        let lead = Array(first.shape.dropLast())
        for v in vs where Array(v.shape.dropLast()) != lead || v.shape.isEmpty {
            throw CNNError.shapeMismatch("A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape=[\(vs.map { formatShape($0.shape) }.joined(separator: ", "))]")
        }
        let widths = vs.map { $0.shape[$0.shape.count - 1] }
        let total = widths.reduce(0, +), rows = lead.reduce(1, *)
        let y = Tensor(zeros: lead + [total])
        var col = 0
        for (v, w) in zip(vs, widths) {
            let src = v.value.base, dst = y.base
            for r in 0..<rows { (dst + r * total + col).update(from: src + r * w, count: w) }
            col += w
        }
        guard let tape else { return Variable(constant: y) }
        return tape.record(y, inputs: vs) { dy, _ in
            var c = 0
            return widths.map { w in
                let g = Tensor(zeros: lead + [w])
                for r in 0..<rows { (g.base + r * w).update(from: dy.base + r * total + c, count: w) }
                c += w
                return g
            }
        }
    }
}
