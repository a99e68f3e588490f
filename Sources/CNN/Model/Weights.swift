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

/// "conv2d_3" → ("conv2d", 3); "conv2d" → ("conv2d", 0).
func layerPrefix(_ n: String) -> (String, Int) {
    if let u = n.lastIndex(of: "_"), let k = Int(n[n.index(after: u)...]) { return (String(n[..<u]), k) }
    return (n, 0)
}
