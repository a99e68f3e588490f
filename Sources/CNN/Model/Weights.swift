import Foundation

extension Sequential {
    /// Saves every parameter to a `.npz` named `<layer>/<kernel|bias>` (NumPy: `np.load(path)`).
    public func saveWeights(to path: String) throws {
        guard isBuilt else { throw CNNError.notBuilt("Model '\(name)' must be built before save_weights().") }
        try NPY.writeArchive(layers.flatMap { l in l.parameters.map { ("\(l.name)/\($0.name)", NPYArray.float32($0.value)) } }, to: path)
    }

    /// Loads weights written by `saveWeights`: layers are matched by name, or else by class
    /// and order, so a fresh model (`conv2d_2`) still loads; shapes must match exactly.
    public func loadWeights(from path: String) throws {
        guard isBuilt else { throw CNNError.notBuilt("Model '\(name)' must be built before load_weights().") }
        let arrays = try NPY.readArchive(path)
        let savedNames = Set(arrays.keys.compactMap { $0.split(separator: "/").first.map(String.init) })
        let saved = layers.filter { !$0.parameters.isEmpty }
        var keyFor: [ObjectIdentifier: String] = [:]
        if saved.allSatisfy({ savedNames.contains($0.name) }) {
            for l in saved { keyFor[ObjectIdentifier(l)] = l.name }
        } else {
            // Another model's names (`conv2d_2` vs `conv2d`): pair the k-th saved layer of a
            // class prefix with the model's k-th layer of that prefix, in counter order.
            let groups = Dictionary(grouping: savedNames, by: { layerPrefix($0).0 }).mapValues { $0.sorted { layerPrefix($0).1 < layerPrefix($1).1 } }
            var used: [String: Int] = [:]
            for l in saved {
                let prefix = layerPrefix(l.name).0, k = used[prefix, default: 0]
                guard let g = groups[prefix], k < g.count else {
                    throw CNNError.file(path: path, problem: "has no weights for layer '\(l.name)'")
                }
                keyFor[ObjectIdentifier(l)] = g[k]; used[prefix] = k + 1
            }
        }
        for layer in saved {
            let key = keyFor[ObjectIdentifier(layer)] ?? layer.name
            for p in layer.parameters {
                guard let a = arrays["\(key)/\(p.name)"]?.floatTensor else {
                    throw CNNError.file(path: path, problem: "has no array '\(key)/\(p.name)' for layer '\(layer.name)'")
                }
                guard a.shape == p.value.shape else {
                    throw CNNError.file(path: path, problem: "array '\(key)/\(p.name)' has shape \(formatShape(a.shape)) but layer '\(layer.name)' needs \(formatShape(p.value.shape))")
                }
                p.value.base.update(from: a.base, count: a.count)
            }
        }
    }
}

extension Sequential {
    /// Every parameter with the name `saveWeights` gives it: `"<layer>/<kernel|bias>"`.
    public var namedParameters: [(name: String, parameter: Parameter)] {
        layers.flatMap { l in l.parameters.map { ("\(l.name)/\($0.name)", $0) } }
    }

    /// Copies of every weight, named as `saveWeights` names them, in the model's order.
    public func weightTensors() -> [(name: String, tensor: Tensor)] {
        namedParameters.map { ($0.name, $0.parameter.value.copied()) }
    }

    /// Sets every weight from tensors named as `weightTensors` names them. Every parameter
    /// must be given with its exact shape, and no other name; otherwise it throws and
    /// changes nothing.
    public func setWeights(_ tensors: [String: Tensor]) throws {
        guard isBuilt else { throw CNNError.notBuilt("Model '\(name)' must be built before its weights are set.") }
        let named = namedParameters
        for (key, p) in named {
            guard let t = tensors[key] else { throw CNNError.invalidArgument("No weights given for '\(key)'.") }
            guard t.shape == p.value.shape else {
                throw CNNError.shapeMismatch("Weights '\(key)' have shape \(formatShape(t.shape)) but the layer needs \(formatShape(p.value.shape)).")
            }
        }
        let known = Set(named.map(\.name))
        if let unknown = tensors.keys.sorted().first(where: { !known.contains($0) }) {
            throw CNNError.invalidArgument("Model '\(name)' has no parameter '\(unknown)'.")
        }
        for (key, p) in named { if let t = tensors[key] { copy(t, into: p) } }
    }

    private func copy(_ source: Tensor, into p: Parameter) {
        source.withUnsafeBufferPointer { src in
            if let from = src.baseAddress, src.count > 0 { p.value.base.update(from: from, count: src.count) }
        }
    }

    /// The compiled optimizer's state (nil before `compile`), its slots named
    /// `"<layer>/<kernel|bias>/<slot>"`.
    public func optimizerState() -> OptimizerState? {
        optimizer?.state(of: namedParameters)
    }

    /// Puts back what `optimizerState()` returned (after `compile` with the same optimizer).
    public func restoreOptimizerState(_ state: OptimizerState) throws {
        guard let optimizer else { throw CNNError.notCompiled("You must call compile() on '\(name)' before restoring its optimizer.") }
        try optimizer.restore(state, for: namedParameters)
    }
}

/// "conv2d_3" → ("conv2d", 3); "conv2d" → ("conv2d", 0).
func layerPrefix(_ n: String) -> (String, Int) {
    if let u = n.lastIndex(of: "_"), let k = Int(n[n.index(after: u)...]) { return (String(n[..<u]), k) }
    return (n, 0)
}

extension History {
    /// A History as `fit` made it (a checkpoint puts one back): metrics in Keras's order,
    /// one value per epoch, and the 1-based epoch numbers.
    public init(keys: [String], history: [String: [Double]], epochs: [Int]) {
        self.init()
        self.keys = keys
        self.history = history
        self.epochs = epochs
    }
}
