import Foundation
import Script

/// The checkpoints of one lesson's runs: the session state after code cell N, saved in the
/// cache under a key made of the code of cells 1...N (with `--set` applied), the seed, the
/// `--set` overrides, the lesson's folder (whose files `load_weights` may read) and the tool's
/// version. Changing a cell's code changes the key of its
/// checkpoint and of every later one, so they are simply not found any more.
///
/// Each checkpoint costs what its cell changed, not the whole state again: every object of the
/// state (a list, a dict, a model's description) is a blob named by its hash, so one that did
/// not change is stored once for all the checkpoints that hold it. Globals are written in the
/// order this run first saw them, so an unchanged object keeps its place in the objects table;
/// the table and the globals are stored as content-defined chunks (CheckpointChunks), which a
/// checkpoint shares with the one before except where its cell changed something. The key of
/// cell N is made from the key of cell N-1 and the code of cell N.
final class SessionCheckpoints {
    let store: CheckpointStore
    let lesson: Lesson
    let seed: Int
    let overrides: [String]
    let code: [String]
    let folder: String
    /// `keys[n]`: the key of the state after cells 1...n (`keys[0]` is the lesson's base).
    let keys: [String]
    /// Object blobs this run stored (or found stored), so an unchanged one is not written again.
    private var storedObjects = Set<String>()
    /// Each global's place, in the order this run first saw it.
    private var globalOrder: [String: Int] = [:]
    let memo = BlobMemo()
    /// Lists, dicts and host objects encoded by this run's checkpoints (the work their time grows with).
    private(set) var encodedObjects = 0
    /// Where warnings and notes go (one line each, ending in a newline): stderr in the CLI.
    let report: (String) -> Void

    static let formatVersion = 2

    /// This build of `lesson`: a checkpoint written by another build (whose bindings may
    /// compute differently) is not used.
    static let toolVersion: String = {
        var version = "lesson checkpoint format \(formatVersion)"
        if let path = Bundle.main.executablePath, let attributes = try? FileManager.default.attributesOfItem(atPath: path) {
            let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
            let date = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            version += " \(URL(fileURLWithPath: path).lastPathComponent) \(size) \(date)"
        }
        return version
    }()

    init(store: CheckpointStore, lesson: Lesson, seed: Int, overrides: [String], report: @escaping (String) -> Void) throws {
        self.store = store
        self.lesson = lesson
        self.seed = seed
        self.overrides = overrides
        let applied = try Overrides(lesson: lesson, assignments: overrides)
        code = lesson.codeCells.map { applied.apply(to: $0) }
        folder = URL(fileURLWithPath: lesson.path).standardizedFileURL.deletingLastPathComponent().path
        self.report = report
        if let problem = store.maxBytesProblem { throw LessonError(path: "LESSON_CACHE_MAX", message: problem) }
        var keys = [CheckpointStore.key([Self.toolVersion, "seed=\(seed)", "folder=\(folder)"] + overrides.map { "--set \($0)" })]
        for (index, cell) in code.enumerated() {
            keys.append(CheckpointStore.key([keys[index], "cells=\(index + 1)", cell]))
        }
        self.keys = keys
    }

    /// The key of the state after code cells 1...n: chained, so computing all of them reads
    /// each cell's code once.
    func key(after n: Int) -> String {
        guard keys.indices.contains(n) else { return CheckpointStore.key([keys[0], "no cell \(n)"]) }
        return keys[n]
    }

    /// The cells after which a checkpoint is stored (not whether it is sound).
    func available() -> [Int] {
        (1...max(1, code.count)).filter { $0 <= code.count && store.hasManifest(key: key(after: $0)) }
    }

    enum SaveOutcome: Equatable {
        case saved
        case alreadySaved
        /// Something in the state cannot be kept; the reason names it.
        case skipped(String)
    }

    /// Saves the state of `executor`, which must hold exactly what cells 1...n did.
    @discardableResult
    func save(after n: Int, executor: LessonExecutor) -> SaveOutcome {
        let key = key(after: n)
        if (try? store.load(key: key)) != nil { return .alreadySaved }
        // One pass: when something cannot be kept, the blobs this save wrote (new files, which
        // no other checkpoint names) are removed again, so nothing is left of it.
        let before = store.writtenBlobs
        defer { if !store.hasManifest(key: key) { store.removeBlobs(store.writtenBlobs.subtracting(before)) } }
        do {
            let manifest = try manifest(after: n, key: key, executor: executor, dryRun: false)
            try store.save(manifest, key: key)
            if store.enforceBound(keep: key).contains(key) {
                return .skipped("it is larger than the cache may hold (LESSON_CACHE_MAX, \(store.maxBytes) bytes)")
            }
            return .saved
        } catch CheckpointError.unsupported(let reason) {
            store.markSkipped(key: key, reason: reason)
            return .skipped(reason)
        } catch {
            return .skipped("it could not be written: \(error)")
        }
    }

    private func manifest(after n: Int, key: String, executor: LessonExecutor, dryRun: Bool) throws -> JSONValue {
        let writer = CheckpointWriter(store: store, executor: executor, memo: memo, dryRun: dryRun)
        let current = executor.interpreter.globals
        for name in current.keys.sorted() where globalOrder[name] == nil { globalOrder[name] = globalOrder.count }
        var globals: [JSONValue] = []
        for name in current.keys.sorted(by: { (globalOrder[$0] ?? 0) < (globalOrder[$1] ?? 0) }) {
            guard let value = current[name] else { continue }
            writer.path = name
            globals.append(.array([.string(name), try writer.value(value)]))
        }
        if !dryRun { encodedObjects += writer.encodedObjects }
        var session: [String: JSONValue] = [:]
        for (name, handler) in executor.restorers.sessionStateHandlers { session[name] = handler.save(executor.context) }
        var objectChunks: [String] = [], globalChunks: [String] = []
        if !dryRun {
            let names = try writer.objects.indices.map { index -> JSONValue in
                if let known = writer.knownBlob(at: index), store.hasBlob(known) { return .string(known) }
                let name = try objectBlob(writer.objects[index])
                writer.stored(name, at: index)
                return .string(name)
            }
            objectChunks = try CheckpointChunks.put(names, in: store)
            globalChunks = try CheckpointChunks.put(globals, in: store)
        }
        return .object([
            "format": .number(Double(Self.formatVersion)),
            "key": .string(key),
            "cell": .number(Double(n)),
            "lesson": .string(lesson.path),
            "seed": .number(Double(seed)),
            "globals": .array(globalChunks.map(JSONValue.string)),
            "objects": .array(objectChunks.map(JSONValue.string)),
            "session": .object(session),
        ])
    }

    /// Stores one object's description as a blob (once: the same description has the same name).
    private func objectBlob(_ object: JSONValue) throws -> String {
        let data = Data(object.serialized(indent: 0).utf8)
        let name = CheckpointStore.hash(data)
        if storedObjects.contains(name), store.hasBlob(name) { return name }
        try store.putBlob(data, named: name)
        storedObjects.insert(name)
        return name
    }

    /// Puts the state after cell n into `executor` (fresh: no cell has run in it). Throws
    /// `CheckpointError` when there is no such checkpoint or it does not verify; then the
    /// executor may hold part of it and should be thrown away.
    func restore(after n: Int, into executor: LessonExecutor) throws {
        let key = key(after: n)
        guard let manifest = try store.load(key: key) else { throw CheckpointError.missing }
        guard manifest["format"]?.number == Double(Self.formatVersion), manifest["key"]?.string == key,
              manifest["cell"]?.number == Double(n), let globalChunks = manifest["globals"]?.array,
              let objectChunks = manifest["objects"]?.array, let session = manifest["session"]?.object else {
            throw CheckpointError.damaged("checkpoint \(key.prefix(12)) is not the checkpoint of cell \(n)")
        }
        var globals: [String: JSONValue] = [:]
        for entry in try CheckpointChunks.items(globalChunks, in: store) {
            guard let pair = entry.array, pair.count == 2, let name = pair[0].string else { throw CheckpointError.damaged("a global is not a name and a value") }
            globals[name] = pair[1]
        }
        let objects = try CheckpointChunks.items(objectChunks, in: store).map { json -> JSONValue in
            guard let name = json.string else { throw CheckpointError.damaged("checkpoint \(key.prefix(12)) names an object that is not a blob") }
            let data = try store.blob(name)
            guard let object = try? JSONValue.parse(data) else { throw CheckpointError.damaged("object blob \(name.prefix(12)) is not JSON") }
            return object
        }
        for (name, handler) in executor.restorers.sessionStateHandlers {
            if let state = session[name] { try handler.restore(state, executor.context) }
        }
        let reader = CheckpointReader(store: store, executor: executor, objects: objects)
        var restored: [String: Value] = [:]
        for (name, json) in globals.sorted(by: { $0.key < $1.key }) {
            guard !name.isEmpty else { throw CheckpointError.damaged("a global has no name") }
            restored[name] = try reader.value(json)
        }
        executor.interpreter.globals = restored
    }

    /// The latest cell before `cell` whose state a run could not keep, and why.
    func skipReason(before cell: Int) -> (cell: Int, reason: String)? {
        for n in stride(from: min(cell - 1, code.count), through: 1, by: -1) {
            if let reason = store.skipReason(key: key(after: n)) { return (n, reason) }
        }
        return nil
    }

    /// The state after the latest cell before `cell` that has a sound checkpoint, in a new
    /// executor from `make`. Returns that executor and the cell (0 when none was restored:
    /// the executor is fresh). A damaged checkpoint is reported, removed and passed over.
    func restoreLatest(before cell: Int, make: () throws -> LessonExecutor) throws -> (executor: LessonExecutor, cell: Int) {
        var n = min(cell - 1, code.count)
        while n >= 1 {
            defer { n -= 1 }
            let key = key(after: n)
            guard store.hasManifest(key: key) else { continue }
            let executor = try make()
            do {
                try restore(after: n, into: executor)
                return (executor, n)
            } catch CheckpointError.missing {
                continue
            } catch {
                store.remove(key: key)
                report("lesson: warning: the checkpoint after cell \(n) is damaged (\(error)); it is ignored and its cells run again\n")
            }
        }
        return (try make(), 0)
    }
}

/// What the cache holds for a lesson (`lesson cache info FILE`).
public enum CheckpointListing {
    /// The code cells of `lesson` after which `store` holds a checkpoint for this seed (default:
    /// the lesson's, else 42) and these `--set` overrides.
    public static func cells(of lesson: Lesson, seed: Int?, overrides: [String], store: CheckpointStore) throws -> [Int] {
        try SessionCheckpoints(store: store, lesson: lesson, seed: seed ?? lesson.frontMatter.seed ?? 42, overrides: overrides) { _ in }.available()
    }
}

/// Saves a checkpoint after each cell of a `Session` run while its state is that of cells
/// 1...N run in order (a skipped or failing cell ends that), passing everything on to the
/// observer it wraps.
final class CheckpointingObserver: SessionObserver {
    let inner: SessionObserver?
    let checkpoints: SessionCheckpoints
    let executor: LessonExecutor
    /// The state holds exactly what cells 1...ranThrough did; nil once it does not.
    var ranThrough: Int?
    /// Report (once) a cell whose state cannot be kept; otherwise the reason is only recorded
    /// in the cache, for `--from` to give.
    let reportSkips: Bool
    private var noted = false

    init(inner: SessionObserver?, checkpoints: SessionCheckpoints, executor: LessonExecutor, ranThrough: Int, reportSkips: Bool = false) {
        self.inner = inner
        self.checkpoints = checkpoints
        self.executor = executor
        self.ranThrough = ranThrough
        self.reportSkips = reportSkips
    }

    func willShowProse(_ prose: ProseCell) { inner?.willShowProse(prose) }
    func willRun(_ cell: CodeCell, output: CellOutput) { inner?.willRun(cell, output: output) }
    func skipped(_ cell: CodeCell, reason: String) {
        ranThrough = nil
        inner?.skipped(cell, reason: reason)
    }

    func didRun(_ cell: CodeCell, result: CellResult) {
        inner?.didRun(cell, result: result)
        guard let done = ranThrough, result.error == nil, cell.number == done + 1, !(executor.cancellation?.isCancelled ?? false) else {
            ranThrough = nil
            return
        }
        ranThrough = cell.number
        if case .skipped(let reason) = checkpoints.save(after: cell.number, executor: executor), reportSkips, !noted {
            noted = true
            checkpoints.report("lesson: note: no checkpoint after cell \(cell.number): \(reason)\n")
        }
    }
}
