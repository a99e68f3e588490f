import CNN
import Foundation
import Script

/// `model.save_weights(path)` and `model.load_weights(path, skip_mismatch=)` for Sequential,
/// functional and subclassed models: Keras 3's `.weights.h5` (CNN's HDF5 layout), with
/// saving_api's checks, saving_lib's errors and its warnings on stderr.
enum KerasWeightsFiles {
    /// What a model hands over to be saved or loaded.
    struct Model {
        let name: String
        let built: Bool
        let saveables: () -> [KerasSaveable]
        let optimizer: Optimizer?
        /// The optimizer's variables, in Keras's `trainable_variables` order.
        let trainable: [CNN.Parameter]
    }

    static func save(_ args: Arguments, _ model: Model, context: BindingContext) throws -> Value {
        let bound = try args.bind(["filepath", "overwrite", "max_shard_size"], required: 1)
        if let shard = bound["max_shard_size"], !shard.isNone { throw ScriptError.notSupported("save_weights(max_shard_size=...) is not supported in lessons") }
        let request = FileRequest(call: "save_weights", extensions: [".weights.h5"], overwrites: try bound.bool("overwrite", default: true))
        // Keras 3's order and words (saving_lib.save_weights_only): built, then the name.
        guard model.built else {
            throw ScriptError.valueError("You are saving a model that has not yet been built. Try building the model first by calling it on some data or by using `build()`.")
        }
        let files = context.run.files
        let target = try files.writable(try bound.string("filepath"), request)
        let tree = KerasWeightsLayout.tree(model.saveables(), optimizer: model.optimizer, trainable: named(model.trainable))
        // A fresh file under the temporary name; the policy renames it into place.
        try files.write(target, request) { temporary in try KerasCall.run { try HDF5.write(tree, to: temporary.path) } }
        return .none
    }

    static func load(_ args: Arguments, _ model: Model, context: BindingContext) throws -> Value {
        let bound = try args.bind(["filepath", "skip_mismatch"], required: 1)
        let path = try bound.string("filepath"), skip = try bound.bool("skip_mismatch", default: false)
        if path.hasSuffix(".keras") { throw ScriptError.notSupported("load_weights() of a `.keras` file is not supported in lessons; save with model.save_weights('NAME.weights.h5')") }
        if !path.hasSuffix(".weights.h5") {
            if path.hasSuffix(".h5") || path.hasSuffix(".hdf5") { throw ScriptError.notSupported("load_weights() of a legacy `.h5` file is not supported in lessons; use a `.weights.h5` file") }
            throw ScriptError.valueError("File format not supported: filepath=\(path). Keras 3 only supports V3 `.keras` files, `.weights.h5` files, legacy H5 format files (`.h5` extension), or Orbax checkpoints.")
        }
        guard model.built else {
            throw ScriptError.valueError("You are loading weights into a model that has not yet been built. Try building the model first by calling it on some data or by using `build()`.")
        }
        let url = try context.run.files.readable(path, call: "load_weights")
        context.performed(.load)
        let root = try KerasCall.run { try HDF5.read(url.path, name: path, maxBytes: context.run.limits.maxAllocationBytes) }
        let (failures, warning) = KerasWeightsLayout.load(root, into: model.saveables(), optimizer: model.optimizer, trainable: named(model.trainable))
        if let warning { context.output?.write(".../keras/src/saving/saving_lib.py:869: UserWarning: \(warning)\n  saveable.load_own_variables(store)\n", to: .stderr) }
        guard let first = failures.first else { return .none }
        let message = "A total of \(failures.count) objects could not be loaded. Example error message for object \(repr(first.saveable)):\n\n\(text(first, context))\n\nList of objects that could not be loaded:\n[\(failures.map { repr($0.saveable) }.joined(separator: ", "))]"
        guard skip else { throw ScriptError.valueError(message) }
        context.output?.write(".../keras/src/saving/saving_lib.py:710: UserWarning: \(message)\n  warnings.warn(msg)\n", to: .stderr)
        return .none
    }

    /// Unique names for the optimizer's slots (their order is what the file keeps).
    static func named(_ parameters: [CNN.Parameter]) -> [(name: String, parameter: CNN.Parameter)] {
        parameters.enumerated().map { ("\($0.offset)", $0.element) }
    }

    static func repr(_ s: KerasSaveable) -> String { "<\(s.typeName) name=\(s.name), built=True>" }

    /// Keras's own words for what went wrong with one object.
    static func text(_ failure: KerasLoadFailure, _ context: BindingContext) -> String {
        let s = failure.saveable
        switch failure.problem {
        case .count(let received):
            let expected = "[" + s.parameters.map { "'\($0.name)'" }.joined(separator: ", ") + "]"
            return "Layer '\(s.name)' expected \(s.parameters.count) variables, but received \(received) variables during loading. Expected: \(expected)"
        case .shape(let p, let received):
            let variable = TFVariableObject(p, path: "\(s.variablePrefix)/\(p.name)", context: context)
            return "The shape of the target variable and the shape of the target value in `variable.assign(value)` must match. variable.shape=\(shapeText(p.value.shape)), Received: value.shape=\(shapeText(received)). Target variable: \(variable.repr())"
        }
    }
}
