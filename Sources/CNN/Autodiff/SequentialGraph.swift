extension GraphModel {
    /// A built `Sequential` as a graph of the same layer objects (weights shared, not copied),
    /// so it can be a layer of a functional model: `Sequential([model, Softmax()])`.
    public convenience init(_ sequential: Sequential, scope: NameScope) throws {
        guard let shape = sequential.inputShape, sequential.isBuilt else {
            throw CNNError.notBuilt("Model '\(sequential.name)' is used as a layer before it is built; give its first layer an input shape or call build() first.")
        }
        let input = try GraphNode.input(shape: shape, name: "\(sequential.name)_input", scope: scope)
        var node = input, rng = SeededRNG(seed: sequential.seed)
        for layer in sequential.layers where !(layer is Input) { node = try node.applying(layer, rng: &rng) }
        try self.init(inputs: [input], outputs: [node], name: sequential.name, seed: sequential.seed, scope: scope)
        kerasClass = "Sequential"
    }
}
