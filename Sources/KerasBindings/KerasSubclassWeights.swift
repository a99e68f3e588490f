import CNN
import Script

/// A subclassed model's (or layer's) part of a `.weights.h5`, as Keras's `_save_state` walks
/// it: its own `add_weight` variables at `<path>/vars`, then its attributes in sorted order
/// (`_private` ones last), a layer under the attribute's name, a list or dict of layers as a
/// container (`blocks/dense`, `blocks/dense_1`). Each object is saved once, where first met.
extension KerasTrackingPart {
    var weightsModel: KerasWeightsFiles.Model {
        KerasWeightsFiles.Model(name: name, built: built, saveables: { [self] in
            var visited = Set<ObjectIdentifier>()
            return saveables(path: "", visited: &visited)
        }, optimizer: compiled?.optimizer.optimizer,
           trainable: variables(trainableOnly: true).compactMap { $0.object(as: TFVariableObject.self)?.parameter })
    }

    func saveables(path: String, visited: inout Set<ObjectIdentifier>) -> [KerasSaveable] {
        let own = weights.filter(\.trainable) + weights.filter { !$0.trainable }
        var out = [KerasSaveable(path: path, name: name, typeName: instance.cls.name, parameters: own.map(\.parameter), variablePrefix: name)]
        func key(_ n: String) -> String { n.hasPrefix("_") ? "~" + n : n }
        for attribute in instance.attributes.keys.sorted(by: { key($0) < key($1) }) where !attribute.hasPrefix("__") {
            guard let value = instance.attributes[attribute] else { continue }
            out += Self.saveables(of: value, path: join(path, attribute), prefix: name, visited: &visited)
        }
        return out
    }

    static func saveables(of value: Value, path: String, prefix: String, visited: inout Set<ObjectIdentifier>) -> [KerasSaveable] {
        switch value {
        case .object(let layer as KerasLayerObject):
            guard visited.insert(ObjectIdentifier(layer.layer)).inserted else { return [] }
            let l = layer.layer
            return [KerasSaveable(path: path, name: l.name, typeName: l.typeName, parameters: l.parameters, variablePrefix: "\(prefix)/\(l.name)")]
        case .object(let m as KerasModelObject):
            guard visited.insert(ObjectIdentifier(m.model)).inserted else { return [] }
            return KerasWeightsLayout.saveables(of: m.model, path: path)
        case .object(let f as KerasFunctionalModelObject):
            guard visited.insert(ObjectIdentifier(f.graph)).inserted else { return [] }
            return KerasWeightsLayout.saveables(of: f.graph, path: path, visited: &visited)
        // A list or dict is walked once, so one that holds itself ends.
        case .list(let l):
            guard visited.insert(ObjectIdentifier(l)).inserted else { return [] }
            return container(l.items, path: path, prefix: prefix, visited: &visited)
        case .tuple(let t): return container(t, path: path, prefix: prefix, visited: &visited)
        case .dict(let d):
            guard visited.insert(ObjectIdentifier(d)).inserted else { return [] }
            return container(Array(d.values), path: path, prefix: prefix, visited: &visited)
        default:
            guard let part = part(of: value), visited.insert(ObjectIdentifier(part)).inserted else { return [] }
            return part.saveables(path: path, visited: &visited)
        }
    }

    /// `_save_container_state`: items named by their class in snake case, numbered.
    static func container(_ items: [Value], path: String, prefix: String, visited: inout Set<ObjectIdentifier>) -> [KerasSaveable] {
        var names = KerasWeightsLayout.UniqueNames(), out: [KerasSaveable] = []
        for item in items {
            let className: String
            switch item {
            case .object(let layer as KerasLayerObject): className = layer.layer.typeName
            case .object(is KerasModelObject): className = "Sequential"
            case .object(is KerasFunctionalModelObject): className = "Functional"
            case .list, .tuple, .dict: className = "container"
            default:
                guard let part = part(of: item) else { continue }
                className = part.instance.cls.name
            }
            let child = join(path, className == "container" ? names.next("container") : names.next(KerasWeightsLayout.snakeCase(className)))
            out += saveables(of: item, path: child, prefix: prefix, visited: &visited)
        }
        return out
    }

    private static func join(_ a: String, _ b: String) -> String { a.isEmpty ? b : "\(a)/\(b)" }
    private func join(_ a: String, _ b: String) -> String { a.isEmpty ? b : "\(a)/\(b)" }
}
