import Foundation

/// Keras 3's `.weights.h5` layout (saving_lib's `_save_state` over an `H5IOStore`): every
/// saveable object gets `<path>/vars` with a `name` attribute and its variables as datasets
/// `0`, `1`, …; the model's own is the root `vars`. Sequential and functional models keep
/// their layers under `layers/<snake_case class>[_k]` (by class and position, not by name,
/// so a fresh model loads), a subclassed model under its attribute names, and the compiled
/// optimizer under `optimizer` (iterations, learning rate, then its slots per variable).
public struct KerasSaveable {
    /// `layers/dense_1`; "" for the model itself.
    public let path: String
    public let name: String
    /// Keras's class name, for `<Dense name=dense, built=True>` in errors.
    public let typeName: String
    public let parameters: [Parameter]
    /// Keras's variable path prefix (`sequential/dense`), for the variable shown in errors.
    public let variablePrefix: String
    public init(path: String, name: String, typeName: String, parameters: [Parameter], variablePrefix: String) {
        self.path = path; self.name = name; self.typeName = typeName; self.parameters = parameters; self.variablePrefix = variablePrefix
    }
}

/// Why one object's variables were not loaded (Keras collects these and raises them together).
public struct KerasLoadFailure {
    public enum Problem {
        /// `Layer 'dense' expected 2 variables, but received 0 variables during loading.`
        case count(received: Int)
        /// `variable.assign(value)` of another shape.
        case shape(parameter: Parameter, received: [Int])
    }
    public let saveable: KerasSaveable
    public let problem: Problem
}

public enum KerasWeightsLayout {
    /// `MaxPooling2D` → `max_pooling2d`, `RMSprop` → `rm_sprop` (Keras's `naming.to_snake_case`).
    public static func snakeCase(_ name: String) -> String {
        let chars = Array(name.filter { $0.isLetter || $0.isNumber || $0 == "_" })
        var first = ""
        // (.)([A-Z][a-z]+) → \1_\2
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if i > 0, c.isUppercase, i + 1 < chars.count, chars[i + 1].isLowercase { first.append("_") }
            first.append(c); i += 1
        }
        // ([a-z])([A-Z]) → \1_\2, then lower case.
        var out = "", previous: Character? = nil
        for c in first {
            if let p = previous, p.isLowercase, c.isUppercase { out.append("_") }
            out.append(c); previous = c
        }
        return out.lowercased()
    }

    /// `dense`, `dense_1`, … in order, as `_get_unique_name` numbers a container's items.
    public struct UniqueNames {
        private var used: [String: Int] = [:]
        public init() {}
        public mutating func next(_ base: String) -> String {
            if let n = used[base] { used[base] = n + 1; return "\(base)_\(n + 1)" }
            used[base] = 0
            return base
        }
    }

    /// A Sequential model: itself, then its layers (Keras's `model.layers` has no InputLayer).
    public static func saveables(of model: Sequential, path: String = "") -> [KerasSaveable] {
        var out = [KerasSaveable(path: path, name: model.name, typeName: "Sequential", parameters: [], variablePrefix: model.name)]
        var names = UniqueNames()
        for layer in model.layers where !(layer is Input) {
            out.append(KerasSaveable(path: join(path, "layers/" + names.next(snakeCase(layer.typeName))), name: layer.name, typeName: layer.typeName,
                                     parameters: layer.parameters, variablePrefix: "\(model.name)/\(layer.name)"))
        }
        return out
    }

    /// A functional model: itself, then `model.layers` in Keras's order (InputLayers and
    /// merges included, as they are layers there); a nested model recurses.
    public static func saveables(of model: GraphModel, path: String = "", visited: inout Set<ObjectIdentifier>) -> [KerasSaveable] {
        var out = [KerasSaveable(path: path, name: model.name, typeName: model.kerasClass, parameters: [], variablePrefix: model.name)]
        var names = UniqueNames()
        for group in model.summaryOrder().ops {
            guard let node = group.first else { continue }
            if case .input = node.operation, model.kerasClass == "Sequential" { continue }
            let typeName = node.operation.isModel ? (node.model?.kerasClass ?? "Functional") : node.typeName
            let child = join(path, "layers/" + names.next(snakeCase(typeName)))
            switch node.operation {
            case .model(let m):
                guard visited.insert(ObjectIdentifier(m)).inserted else { continue }
                out += saveables(of: m, path: child, visited: &visited)
            case .layer(let l):
                guard visited.insert(ObjectIdentifier(l)).inserted else { continue }
                // A Sequential's layers are built under its name scope; a functional one's are not.
                let prefix = model.kerasClass == "Sequential" ? "\(model.name)/\(l.name)" : l.name
                out.append(KerasSaveable(path: child, name: l.name, typeName: l.typeName, parameters: l.parameters, variablePrefix: prefix))
            case .input, .merge:
                out.append(KerasSaveable(path: child, name: node.layerName, typeName: node.typeName, parameters: [], variablePrefix: node.layerName))
            case .custom(let c):
                // A lesson's layer: its weights in its own `vars` (sublayers' included, in its order).
                guard visited.insert(ObjectIdentifier(c)).inserted else { continue }
                out.append(KerasSaveable(path: child, name: c.name, typeName: c.typeName, parameters: c.parameters, variablePrefix: c.name))
            }
        }
        return out
    }

    static func join(_ a: String, _ b: String) -> String { a.isEmpty ? b : "\(a)/\(b)" }

    // MARK: writing

    /// The whole file: every saveable's `vars`, and the optimizer's when compiled.
    public static func tree(_ saveables: [KerasSaveable], optimizer: Optimizer?, trainable: [(name: String, parameter: Parameter)]) -> H5Group {
        var root = H5Group()
        for s in saveables {
            var vars = H5Group(attributes: ["name": s.name])
            for (i, p) in s.parameters.enumerated() {
                vars.datasets[String(i)] = H5Dataset(shape: p.value.shape, values: .float32(p.value.scalars))
            }
            insert(vars, at: join(s.path, "vars"), into: &root)
        }
        if let optimizer {
            var vars = H5Group(attributes: ["name": snakeCase(optimizer.kerasClass)])
            for (i, d) in optimizerVariables(optimizer, trainable).enumerated() { vars.datasets[String(i)] = d }
            insert(vars, at: "optimizer/vars", into: &root)
        }
        return root
    }

    /// Keras's optimizer variables: `iterations` (int64), `learning_rate`, then each trainable
    /// variable's slots in order (Adam: momentum, velocity) once the optimizer has been used.
    static func optimizerVariables(_ optimizer: Optimizer, _ trainable: [(name: String, parameter: Parameter)]) -> [H5Dataset] {
        var out = [H5Dataset(shape: [], values: .int64([Int64(optimizer.iterations)])),
                   H5Dataset(shape: [], values: .float32([optimizer.learningRate]))]
        let state = optimizer.state(of: trainable)
        guard !state.slots.isEmpty else { return out }
        for (name, p) in trainable {
            for slot in optimizer.slotNames {
                guard let t = state.slots["\(name)/\(slot)"] else { continue }
                out.append(H5Dataset(shape: p.value.shape, values: .float32(t.scalars)))
            }
        }
        return out
    }

    static func insert(_ group: H5Group, at path: String, into root: inout H5Group) {
        let parts = path.split(separator: "/").map(String.init)
        func place(_ node: inout H5Group, _ k: Int) {
            if k == parts.count - 1 { node.groups[parts[k]] = group; return }
            var child = node.groups[parts[k]] ?? H5Group()
            place(&child, k + 1)
            node.groups[parts[k]] = child
        }
        if !parts.isEmpty { place(&root, 0) }
    }

    // MARK: reading

    /// Assigns each saveable's variables from the file, in order; a saveable whose count or
    /// a shape differs is reported (what was assigned before it stays, as in Keras). Returns
    /// the failures and, when the optimizer's variable count differs, Keras's warning.
    public static func load(_ root: H5Group, into saveables: [KerasSaveable], optimizer: Optimizer?,
                            trainable: [(name: String, parameter: Parameter)]) -> (failures: [KerasLoadFailure], optimizerWarning: String?) {
        var failures: [KerasLoadFailure] = []
        for s in saveables {
            let vars = root.group(at: join(s.path, "vars"))?.datasets ?? [:]
            guard vars.count == s.parameters.count else { failures.append(KerasLoadFailure(saveable: s, problem: .count(received: vars.count))); continue }
            for (i, p) in s.parameters.enumerated() {
                guard let d = vars[String(i)], d.shape == p.value.shape, case .float32(let values) = d.values, values.count == p.value.count else {
                    failures.append(KerasLoadFailure(saveable: s, problem: .shape(parameter: p, received: vars[String(i)]?.shape ?? [])))
                    break
                }
                values.withUnsafeBufferPointer { src in
                    if let from = src.baseAddress, src.count > 0 { p.value.base.update(from: from, count: src.count) }
                }
            }
        }
        guard let optimizer, let saved = root.group(at: "optimizer/vars") else { return (failures, nil) }
        let current = optimizerVariables(optimizer, trainable)
        guard saved.datasets.count == current.count else {
            var message = "Skipping variable loading for optimizer '\(saved.attributes["name"] ?? snakeCase(optimizer.kerasClass))', because it has \(current.count) variables whereas the saved optimizer has \(saved.datasets.count) variables. "
            if current.count == 0 { message += "This is likely because the optimizer has not been called/built yet." }
            return (failures, message)
        }
        let datasets = (0..<current.count).compactMap { saved.datasets[String($0)] }
        guard datasets.count == current.count, zip(datasets, current).allSatisfy({ $0.shape == $1.shape }),
              case .int64(let it)? = datasets.first?.values, let iterations = it.first, case .float32(let lr)? = datasets.dropFirst().first?.values, let rate = lr.first
        else { return (failures, nil) }
        var slots: [String: Tensor] = [:], k = 2
        if datasets.count > 2 {
            for (name, p) in trainable {
                for slot in optimizer.slotNames {
                    guard k < datasets.count, case .float32(let v) = datasets[k].values, let t = try? Tensor(v, shape: p.value.shape) else { continue }
                    slots["\(name)/\(slot)"] = t
                    k += 1
                }
            }
        }
        if (try? optimizer.restore(OptimizerState(iterations: Int(clamping: iterations), slots: slots), for: trainable)) != nil {
            optimizer.learningRate = rate
        }
        return (failures, nil)
    }
}

extension GraphNode.Operation {
    var isModel: Bool { if case .model = self { return true }; return false }
}
