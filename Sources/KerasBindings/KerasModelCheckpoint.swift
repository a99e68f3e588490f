import CNN
import Script

/// `keras.callbacks.ModelCheckpoint` with Keras 3.15's rules and words: after each epoch the
/// weights go to `filepath` formatted with the epoch and the logs
/// (`"ckpt-{epoch:02d}-{val_loss:.2f}.weights.h5"`), or with `save_best_only` only when the
/// monitored figure improved. Whole-model saves (`save_weights_only=False`, `.keras`) and
/// saves every N batches are refused by name. Files go through the run's file policy.
final class KerasModelCheckpoint: KerasCallback {
    let filepath: String
    let monitor: String
    let verbose: Int
    let saveBestOnly: Bool
    let mode: String
    let initialThreshold: Double?
    unowned let context: BindingContext
    private var best: Double?
    private var minimize: Bool?
    /// The first error a save raised (a refused path, an unknown field); `fit` raises it.
    private(set) var failure: Error?

    init(_ args: Arguments, context: BindingContext) throws {
        self.context = context
        let b = try args.bind(["filepath", "monitor", "verbose", "save_best_only", "save_weights_only", "mode", "save_freq", "initial_value_threshold"], required: 1)
        filepath = try b.string("filepath")
        monitor = try b.string("monitor", default: "val_loss")
        verbose = try b.int("verbose", default: 0)
        saveBestOnly = try b.bool("save_best_only", default: false)
        let weightsOnly = try b.bool("save_weights_only", default: false)
        var mode = try b.string("mode", default: "auto")
        if !["auto", "min", "max"].contains(mode) {
            context.output?.write(".../keras/src/callbacks/model_checkpoint.py:190: UserWarning: ModelCheckpoint mode '\(mode)' is unknown, fallback to auto mode.\n  super().__init__(monitor, mode, initial_value_threshold)\n", to: .stderr)
            mode = "auto"
        }
        self.mode = mode
        initialThreshold = b.has("initial_value_threshold") && !(b["initial_value_threshold"]?.isNone ?? true) ? try b.double("initial_value_threshold") : nil
        switch b["save_freq"] ?? .str("epoch") {
        case .str("epoch"): break
        case .int: throw ScriptError.notSupported("ModelCheckpoint(save_freq=<number of batches>) is not supported in lessons; use save_freq='epoch'")
        case let other: throw ScriptError.valueError("Unrecognized save_freq: \(PythonFormat.str(other)). Expected save_freq are 'epoch' or integer values")
        }
        if weightsOnly {
            guard filepath.hasSuffix(".weights.h5") else {
                throw ScriptError.valueError("When using `save_weights_only=True` in `ModelCheckpoint`, the filepath provided must end in `.weights.h5` (Keras weights format). Received: filepath=\(filepath)")
            }
        } else {
            guard filepath.hasSuffix(".keras") || filepath.hasSuffix(".h5") else {
                throw ScriptError.valueError("The filepath provided must end in `.keras` (Keras model format). Received: filepath=\(filepath)")
            }
            throw ScriptError.notSupported("ModelCheckpoint(save_weights_only=False) saves the whole model (model.save), which is not supported in lessons; pass save_weights_only=True and a filepath ending in `.weights.h5`")
        }
    }

    var typeName: String { "ModelCheckpoint" }
    func repr() -> String { "<keras.src.callbacks.model_checkpoint.ModelCheckpoint object at 0x7f3a1c0e5e10>" }
    func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "best": return best.map { .float($0) } ?? .none
        case "monitor": return .str(monitor)
        case "filepath": return .str(filepath)
        default: return nil
        }
    }

    func trainBegin(model: KerasCallbackModel) {
        // Keras keeps `best` across fits of one callback object; it starts at the threshold.
        if best == nil { best = initialThreshold }
    }

    func epochEnd(_ epoch: Int, _ logs: inout [(String, Double)], model: KerasCallbackModel, io: KerasCallbackIO) -> Bool {
        guard failure == nil else { return true }
        do { try save(epoch, logs, model: model, io: io) } catch { failure = error; return true }
        return false
    }

    private func save(_ epoch: Int, _ logs: [(String, Double)], model: KerasCallbackModel, io: KerasCallbackIO) throws {
        let path = try Self.format(filepath, epoch: epoch + 1, logs: logs)
        if saveBestOnly {
            guard let current = logs.first(where: { $0.0 == monitor })?.1 else {
                io.warn(".../keras/src/callbacks/model_checkpoint.py:329: UserWarning: Can save best model only with \(monitor) available.\n  if self._should_save_model(epoch, batch, logs, filepath):\n")
                return try write(path, epoch, model: model, io: io)
            }
            let lower = try minimizes()
            let bestText = best.map { PythonFormat.format(.float($0), specOrEmpty: ".5f") } ?? "None"
            if best.map({ lower ? current < $0 : current > $0 }) ?? true {
                if verbose > 0 { io.say("\nEpoch \(epoch + 1): \(monitor) improved from \(bestText) to \(PythonFormat.format(.float(current), specOrEmpty: ".5f")), saving model to \(path)\n") }
                best = current
                try write(path, epoch, model: model, io: io)
            } else if verbose > 0 {
                io.say("\nEpoch \(epoch + 1): \(monitor) did not improve from \(bestText)\n")
            }
            return
        }
        if verbose > 0 { io.say("\nEpoch \(epoch + 1): saving model to \(path)\n") }
        try write(path, epoch, model: model, io: io)
    }

    private func write(_ path: String, _ epoch: Int, model: KerasCallbackModel, io: KerasCallbackIO) throws {
        let tree: H5Group
        if let s = model as? Sequential {
            tree = KerasWeightsLayout.tree(KerasWeightsLayout.saveables(of: s), optimizer: s.optimizer, trainable: KerasWeightsFiles.named(s.layers.flatMap(\.parameters)))
        } else if let g = model as? GraphModel {
            var visited = Set<ObjectIdentifier>()
            tree = KerasWeightsLayout.tree(KerasWeightsLayout.saveables(of: g, visited: &visited), optimizer: g.optimizer, trainable: KerasWeightsFiles.named(g.trainableParameters))
        } else {
            throw ScriptError.notSupported("ModelCheckpoint is supported in lessons for Sequential and functional models")
        }
        let request = FileRequest(call: "ModelCheckpoint", extensions: [".weights.h5"], overwrites: true)
        let files = context.run.files
        let target = try files.writable(path, request)
        try files.write(target, request) { temporary in try KerasCall.run { try HDF5.write(tree, to: temporary.path) } }
        if verbose > 0 { io.say("\nEpoch \(epoch + 1): finished saving model to \(path)\n") }
    }

    /// MonitorCallback's `_set_monitor_op` for mode "auto": a loss is minimised, an accuracy
    /// (a metric whose direction is up) maximised; anything else is Keras's ValueError.
    private func minimizes() throws -> Bool {
        if let minimize { return minimize }
        let result: Bool
        switch mode {
        case "min": result = true
        case "max": result = false
        default:
            let name = monitor.hasPrefix("val_") ? String(monitor.dropFirst(4)) : monitor
            if name == "loss" || name.hasSuffix("_loss") || name.hasSuffix("error") || ["mae", "mse"].contains(name) { result = true }
            else if name.hasSuffix("accuracy") || name.hasSuffix("acc") || name == "auc" { result = false }
            else {
                throw ScriptError.valueError("ModelCheckpoint callback received monitor=\(monitor), but Keras isn't able to automatically determine whether that metric should be maximized or minimized. Pass `mode='max'` in order to monitor based on the highest metric value, or pass `mode='min'` in order to use the lowest value.")
            }
        }
        minimize = result
        return result
    }

    /// Python's `filepath.format(epoch=epoch, **logs)`: `{name}` or `{name:spec}`, `{{`/`}}`.
    static func format(_ template: String, epoch: Int, logs: [(String, Double)]) throws -> String {
        var out = "", chars = Array(template), i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "{", i + 1 < chars.count, chars[i + 1] == "{" { out.append("{"); i += 2; continue }
            if c == "}", i + 1 < chars.count, chars[i + 1] == "}" { out.append("}"); i += 2; continue }
            guard c == "{" else { out.append(c); i += 1; continue }
            guard let close = chars[i...].firstIndex(of: "}") else { throw ScriptError.valueError("Single '{' encountered in format string") }
            let field = String(chars[(i + 1)..<close])
            let name = field.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            let spec = field.contains(":") ? String(field[field.index(after: field.firstIndex(of: ":") ?? field.startIndex)...]) : ""
            let value: Value
            if name == "epoch" { value = .int(epoch) } else if let v = logs.first(where: { $0.0 == name })?.1 { value = .float(v) } else {
                throw ScriptError.keyError("Failed to format this callback filepath: \"\(template)\". Reason: '\(name)'")
            }
            out += try PythonFormat.format(value, spec: spec)
            i = close + 1
        }
        return out
    }
}

private extension PythonFormat {
    static func format(_ v: Value, specOrEmpty spec: String) -> String { (try? format(v, spec: spec)) ?? str(v) }
}
