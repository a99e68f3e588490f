import Foundation

extension Sequential {
    /// Saves the weights (and the compiled optimizer's state) as Keras 3's `.weights.h5`.
    public func saveWeights(to path: String) throws {
        guard isBuilt else { throw CNNError.notBuilt("Model '\(name)' must be built before save_weights().") }
        try HDF5.write(KerasWeightsLayout.tree(KerasWeightsLayout.saveables(of: self), optimizer: optimizer, trainable: namedParameters), to: path)
    }

    /// Loads a `.weights.h5` written by Keras 3 or `saveWeights`: layers are matched by class
    /// and position (`layers/dense_1`), as Keras matches them, so a fresh model loads; every
    /// variable count and shape must match, else it throws naming the first layer that did not.
    public func loadWeights(from path: String, maxBytes: Int = 1 << 32) throws {
        guard isBuilt else { throw CNNError.notBuilt("Model '\(name)' must be built before load_weights().") }
        let root = try HDF5.read(path, maxBytes: maxBytes)
        let (failures, _) = KerasWeightsLayout.load(root, into: KerasWeightsLayout.saveables(of: self), optimizer: optimizer, trainable: namedParameters)
        if let first = failures.first {
            throw CNNError.file(path: path, problem: "\(failures.count) object(s) could not be loaded, the first layer '\(first.saveable.name)'")
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
