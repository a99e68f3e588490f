/// Keras's `Embedding(input_dim, output_dim)`: each input value is a row index into an
/// (input_dim, output_dim) table, initialised uniform(−0.05, 0.05) as Keras's "uniform";
/// (T,) → (T, output_dim). The backward adds dL/d(output) into the rows that were read
/// (scatter-add, a row read twice gets both); the indices themselves get no gradient.
public final class Embedding: Layer {
    public let inputDim: Int
    public let outputDim: Int
    public private(set) var embeddings: Parameter?
    override public var typeName: String { "Embedding" }
    override public var parameters: [Parameter] { embeddings.map { [$0] } ?? [] }
    private var rows: [Int] = []
    private var out = Scratch(), dx = Scratch()

    public init(inputDim: Int, outputDim: Int, name: String? = nil, scope: NameScope) throws {
        guard inputDim > 0, outputDim > 0 else {
            throw CNNError.invalidArgument("Both `input_dim` and `output_dim` should be positive, Received input_dim=\(inputDim) and output_dim=\(outputDim)")
        }
        self.inputDim = inputDim; self.outputDim = outputDim
        super.init(prefix: "embedding", name: name, inputShape: nil, scope: scope)
    }

    override func computeOutputShape(_ s: [Int]) throws -> [Int] { s + [outputDim] }

    override func build(inputShape s: [Int], rng: inout SeededRNG) throws {
        try super.build(inputShape: s, rng: &rng)
        let table = Tensor(zeros: [inputDim, outputDim])
        for i in 0..<table.count { table.base[i] = (rng.nextFloat() * 2 - 1) * 0.05 }
        embeddings = Parameter(name: "embeddings", value: table)
    }

    /// Every value must be a whole number in [0, input_dim), as TensorFlow's gather demands.
    override var validatesInput: Bool { true }
    override func validate(_ x: Tensor) throws {
        let width = Swift.max(inputShape.reduce(1, *), 1)
        for i in 0..<x.count {
            let v = x.base[i]
            guard v >= 0, v < Float(inputDim), v == v.rounded(.towardZero) else {
                throw CNNError.invalidArgument("indices[\(i / width),\(i % width)] = \(v.isFinite && v == v.rounded() ? String(Int(v)) : String(v)) is not in [0, \(inputDim)) [Op:ResourceGather] (layer '\(name)')")
            }
        }
    }

    /// A value that `validate` would refuse reads a row of zeros (callers validate first).
    override func forward(_ x: Tensor, training: Bool) -> Tensor {
        let y = out.get(x.shape + [outputDim])
        rows = Array(repeating: -1, count: x.count)
        guard let table = embeddings?.value else { return y }
        for i in 0..<x.count {
            let v = x.base[i], dst = y.base + i * outputDim
            if v >= 0, v < Float(inputDim) {
                let r = Int(v)
                rows[i] = r
                dst.update(from: table.base + r * outputDim, count: outputDim)
            } else {
                dst.update(repeating: 0, count: outputDim)
            }
        }
        return y
    }

    override func backward(_ dy: Tensor) -> Tensor {
        if let g = embeddings?.grad {
            g.base.update(repeating: 0, count: g.count)
            for (i, r) in rows.enumerated() where r >= 0 {
                let src = dy.base + i * outputDim, dst = g.base + r * outputDim
                for k in 0..<outputDim { dst[k] += src[k] }
            }
        }
        let d = dx.get(Array(dy.shape.dropLast()))
        d.base.update(repeating: 0, count: d.count)
        return d
    }
}
