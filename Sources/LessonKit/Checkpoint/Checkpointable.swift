import CNN
import Foundation
import KerasBindings
import NumPy
import Script

/// A host object whose state a checkpoint can keep. The bindings make their objects conform
/// (`NDArrayObject` here; the Keras model and History in the Keras bindings) and register a
/// restorer for the same kind in the run's `CheckpointRestorers` (`executor.restorers.register`).
///
/// ```swift
/// extension ModelObject: CheckpointableObject {
///     static var checkpointKind: String { "keras.Sequential" }
///     func checkpointState(_ writer: CheckpointWriter) throws -> JSONValue {
///         .object(["config": ..., "weights": try writer.tensors(model.weightTensors()),
///                  "optimizer": ...])
///     }
/// }
/// context.restorers.register("keras.Sequential") { state, reader, context in
///     let model = ...                       // rebuilt from state["config"]
///     try model.setWeights(try reader.tensors(state["weights"]))
///     return .object(ModelObject(model, context: context))
/// }
/// ```
///
/// A state that cannot be kept (a model mid-way through something) throws
/// `CheckpointError.unsupported(reason)`: that cell's checkpoint is skipped with a note.
/// A restorer that finds a description it cannot trust throws `CheckpointError.damaged`.
protocol CheckpointableObject: HostObject {
    /// A kind name, e.g. "ndarray", "keras.Sequential".
    static var checkpointKind: String { get }
    /// Writes large data as blobs through `writer` and returns a small JSON description.
    func checkpointState(_ writer: CheckpointWriter) throws -> JSONValue
}

/// Restorers by kind, one set per run (the run's `LessonExecutor` holds it); the Keras
/// objects' restorers are registered with the bindings (`KerasCheckpoints`).
final class CheckpointRestorers {
    typealias Restore = (JSONValue, CheckpointReader, BindingContext) throws -> Value
    /// State the bindings keep outside lesson values (counters, generators), saved with every
    /// checkpoint under `name` and put back before the values are restored.
    struct SessionState {
        var save: (BindingContext) -> JSONValue
        var restore: (JSONValue, BindingContext) throws -> Void
    }

    private var restorers: [String: Restore] = CheckpointRestorers.builtinRestorers()
    private var sessionStates: [String: SessionState] = CheckpointRestorers.builtinSessionStates()

    func register(_ kind: String, _ restore: @escaping Restore) {
        restorers[kind] = restore
    }

    func restorer(_ kind: String) -> Restore? {
        restorers[kind]
    }

    /// Keeps binding state that is not a lesson value, e.g. Keras's layer-name counters.
    func registerSessionState(_ name: String, save: @escaping (BindingContext) -> JSONValue,
                              restore: @escaping (JSONValue, BindingContext) throws -> Void) {
        sessionStates[name] = SessionState(save: save, restore: restore)
    }

    var sessionStateHandlers: [(String, SessionState)] {
        sessionStates.sorted { $0.key < $1.key }
    }

    private static func builtinRestorers() -> [String: Restore] {
        [NDArrayObject.checkpointKind: NDArrayObject.restore, DTypeObject.checkpointKind: DTypeObject.restore]
    }

    private static func builtinSessionStates() -> [String: SessionState] {
        func count(_ json: JSONValue?) throws -> Int {
            guard let n = json?.number, n >= 0, n < 1e12, n.rounded() == n else { throw CheckpointError.damaged("a session counter is not a count") }
            return Int(n)
        }
        return [
            // The fake addresses in reprs (`<History at 0x7f3a…>`) go on counting where they were.
            "bindings.objectCount": SessionState(save: { .number(Double($0.objectCount)) }, restore: { json, context in
                context.objectCount = try count(json)
            }),
            // Each model's seed comes from this count: a model made after a restore gets the seed it would have had.
            "bindings.modelCount": SessionState(save: { .number(Double($0.modelCount)) }, restore: { json, context in
                context.modelCount = try count(json)
            }),
            // The run's training budget goes on where it was: a restored run cannot train afresh.
            "bindings.trainingSteps": SessionState(save: { .number(Double($0.run.trainingStepsUsed)) }, restore: { json, context in
                context.run.trainingStepsUsed = try count(json)
            }),
            // Keras's names go on counting (`conv2d_2` after `conv2d_1`).
            "bindings.names": SessionState(save: { context in
                .object(context.scope.counts.mapValues { .number(Double($0)) })
            }, restore: { json, context in
                guard let object = json.object else { throw CheckpointError.damaged("the name counters are not an object") }
                context.scope.counts = try object.mapValues { try count($0) }
            }),
        ]
    }
}

// MARK: - Writing

/// Turns lesson values into a checkpoint's JSON and blobs. Objects reached twice (a list held
/// by two names, a model and its alias) are written once and come back shared; values that
/// cannot be kept throw `CheckpointError.unsupported` naming them.
final class CheckpointWriter {
    let store: CheckpointStore
    let executor: LessonExecutor
    let memo: BlobMemo
    /// Walks the values without writing blobs: finds what cannot be kept before anything is stored.
    let dryRun: Bool
    private(set) var objects: [JSONValue] = []
    private var objectIDs: [ObjectIdentifier: Int] = [:]
    /// Blob names of table entries taken from the memo, by index.
    private var knownBlobs: [Int: String] = [:]
    /// Entries that hold no reference (a list of numbers): memoised once their blob is known.
    private var leaves: [Int: (owner: AnyObject, version: Int)] = [:]
    /// Calls of `shared`: an encoding that made none holds no reference to the table.
    private var sharedCalls = 0
    /// Lists, dicts and host objects encoded by this writer (memo hits are not): the work.
    private(set) var encodedObjects = 0
    private lazy var members = ModuleMemberIndex(executor: executor)
    /// The global being written, for messages.
    var path = ""

    init(store: CheckpointStore, executor: LessonExecutor, memo: BlobMemo, dryRun: Bool = false) {
        self.store = store
        self.executor = executor
        self.memo = memo
        self.dryRun = dryRun
    }

    /// Stores bytes once (by SHA-256); returns the name to keep in the description.
    func blob(_ data: Data) throws -> String {
        if dryRun { return String(repeating: "0", count: 64) }
        let name = CheckpointStore.hash(data)
        try store.putBlob(data, named: name)
        return name
    }

    /// A blob for data that never changes while `owner` lives (an array's elements): made,
    /// hashed and stored once per run however many checkpoints keep it.
    func blob(for owner: AnyObject, part: String = "", _ make: () throws -> Data) throws -> String {
        if dryRun { return String(repeating: "0", count: 64) }
        if let name = memo.name(for: owner, part: part), store.hasBlob(name) { return name }
        let name = try blob(make())
        memo.remember(name, for: owner, part: part)
        return name
    }

    /// A CNN tensor: `{"shape": [...], "blob": name}` (Float32, little-endian).
    func tensor(_ tensor: Tensor) throws -> JSONValue {
        let data = tensor.withUnsafeBufferPointer { Data(buffer: $0) }
        return .object(["shape": .array(tensor.shape.map { .number(Double($0)) }), "blob": .string(try blob(data))])
    }

    /// Named tensors (weights, optimizer slots) as `{name: tensor}`.
    func tensors(_ named: [(name: String, tensor: Tensor)]) throws -> JSONValue {
        var object: [String: JSONValue] = [:]
        for (name, t) in named { object[name] = try tensor(t) }
        return .object(object)
    }

    /// A lesson value inside an object's state (a History's dict): written like a global.
    func value(_ value: Value) throws -> JSONValue {
        switch value {
        case .none: return .object(["t": .string("none")])
        case .bool(let b): return .object(["t": .string("bool"), "v": .bool(b)])
        case .int(let i): return .object(["t": .string("int"), "v": .string(String(i))])
        case .float(let d): return .object(["t": .string("float"), "v": .string(d.description)])
        case .str(let s): return .object(["t": .string("str"), "v": .string(s)])
        case .ellipsis: return .object(["t": .string("ellipsis")])
        case .tuple(let items): return .object(["t": .string("tuple"), "items": .array(try items.map(self.value))])
        case .slice(let s):
            return .object(["t": .string("slice"), "start": Self.optional(s.start), "stop": Self.optional(s.stop), "step": Self.optional(s.step)])
        case .range(let r):
            return .object(["t": .string("range"), "start": .string(String(r.start)), "stop": .string(String(r.stop)), "step": .string(String(r.step))])
        case .module(let m): return .object(["t": .string("module"), "name": .string(m.name)])
        case .list(let list):
            return try shared(list, version: list.version) { .object(["t": .string("list"), "items": .array(try list.items.map(self.value))]) }
        case .dict(let dict):
            return try shared(dict, version: dict.version) {
                .object(["t": .string("dict"), "pairs": .array(try dict.pairs.map { .array([try self.value($0.0), try self.value($0.1)]) })])
            }
        case .function(let f):
            if let found = members.builtin(f) { return .object(["t": .string("builtin"), "name": .string(found)]) }
            if f.isMethod { throw CheckpointError.unsupported("\(describe(value)) is a bound method") }
            if let (module, name) = members.find(f) { return Self.member(module, name) }
            throw CheckpointError.unsupported("\(describe(value)) is not a function of a module the lesson can import")
        case .object(let object):
            if let keepable = object as? CheckpointableObject {
                let kind = type(of: keepable).checkpointKind
                return try shared(object) { .object(["t": .string("object"), "kind": .string(kind), "state": try keepable.checkpointState(self)]) }
            }
            if let (module, name) = members.find(object) { return Self.member(module, name) }
            throw CheckpointError.unsupported("\(describe(value)) cannot be kept in a checkpoint")
        }
    }

    func describe(_ value: Value) -> String {
        "`\(path)` (\(value.typeName))"
    }

    static func optional(_ i: Int?) -> JSONValue { i.map { .string(String($0)) } ?? .null }

    static func member(_ module: String, _ name: String) -> JSONValue {
        .object(["t": .string("member"), "module": .string(module), "name": .string(name)])
    }

    /// Writes an object once into the table; later references point at it. A list or dict
    /// (with its mutation `version`) that holds no reference and has not changed since an
    /// earlier checkpoint of this run is taken from the memo, not encoded again: checkpoint
    /// time stays linear in the cells.
    private func shared(_ object: AnyObject, version: Int? = nil, _ encode: () throws -> JSONValue) throws -> JSONValue {
        sharedCalls += 1
        let id = ObjectIdentifier(object)
        if let index = objectIDs[id] { return Self.reference(index) }
        let index = objects.count
        objectIDs[id] = index
        if let version, let hit = memo.encoding(of: object, version: version) {
            objects.append(hit.json)
            if let name = hit.blob { knownBlobs[index] = name }
            return Self.reference(index)
        }
        objects.append(.null) // filled below; a cycle back to it is a reference
        let callsBefore = sharedCalls
        encodedObjects += 1
        let json = try encode()
        objects[index] = json
        if let version, sharedCalls == callsBefore {
            leaves[index] = (object, version)
            memo.rememberEncoding(json, blob: nil, of: object, version: version)
        }
        return Self.reference(index)
    }

    /// The blob name of table entry `index` when the memo knew it.
    func knownBlob(at index: Int) -> String? { knownBlobs[index] }

    /// Tells the memo the blob name of table entry `index`, once stored.
    func stored(_ name: String, at index: Int) {
        guard let leaf = leaves[index] else { return }
        memo.rememberEncoding(objects[index], blob: name, of: leaf.owner, version: leaf.version)
    }

    static func reference(_ index: Int) -> JSONValue { .object(["t": .string("ref"), "id": .number(Double(index))]) }
}

/// Blob names of unchanging data, by the object owning it (held weakly): the arrays a
/// lesson keeps across cells are hashed once per run, not once per checkpoint.
final class BlobMemo {
    private struct Entry { weak var owner: AnyObject?; var name: String }
    private var entries: [String: Entry] = [:]

    func name(for owner: AnyObject, part: String) -> String? {
        guard let entry = entries[Self.key(owner, part)], entry.owner === owner else { return nil }
        return entry.name
    }

    func remember(_ name: String, for owner: AnyObject, part: String) {
        if entries.count > 4096 { entries = entries.filter { $0.value.owner != nil } }
        entries[Self.key(owner, part)] = Entry(owner: owner, name: name)
    }

    private static func key(_ owner: AnyObject, _ part: String) -> String { "\(ObjectIdentifier(owner).hashValue)/\(part)" }

    // Encodings of lists and dicts that hold no reference, by identity and mutation version.
    private struct Encoding { weak var owner: AnyObject?; var version: Int; var json: JSONValue; var blob: String? }
    private var encodings: [ObjectIdentifier: Encoding] = [:]
    private var encodingsAfterSweep = 0

    func encoding(of owner: AnyObject, version: Int) -> (json: JSONValue, blob: String?)? {
        guard let entry = encodings[ObjectIdentifier(owner)], entry.owner === owner, entry.version == version else { return nil }
        return (entry.json, entry.blob)
    }

    func rememberEncoding(_ json: JSONValue, blob: String?, of owner: AnyObject, version: Int) {
        // Dead owners go when the memo has doubled since the last sweep: amortised O(1).
        if encodings.count > 4096, encodings.count > 2 * encodingsAfterSweep {
            encodings = encodings.filter { $0.value.owner != nil }
            encodingsAfterSweep = encodings.count
        }
        encodings[ObjectIdentifier(owner)] = Encoding(owner: owner, version: version, json: json, blob: blob)
    }
}

/// Where a function or class object a lesson holds came from: `interpreter.builtins` or a
/// module's member, found by identity (or, for a module function made afresh on each
/// access, by its name in exactly one module).
struct ModuleMemberIndex {
    let executor: LessonExecutor
    private var swept = false
    private var modules: [ModuleValue] = []

    init(executor: LessonExecutor) {
        self.executor = executor
        var seen = Set<ObjectIdentifier>()
        func visit(_ value: Value, depth: Int) {
            guard case .module(let m) = value, depth < 6, seen.insert(ObjectIdentifier(m)).inserted else { return }
            modules.append(m)
            for (_, member) in m.members.sorted(by: { $0.key < $1.key }) { visit(member, depth: depth + 1) }
        }
        for (_, value) in executor.interpreter.globals.sorted(by: { $0.key < $1.key }) { visit(value, depth: 0) }
    }

    func builtin(_ f: BuiltinFunction) -> String? {
        executor.interpreter.builtins.first { if case .function(let g) = $0.value { return g === f } else { return false } }?.key
    }

    mutating func find(_ f: BuiltinFunction) -> (String, String)? {
        if let found = find(where: { if case .function(let g) = $0 { return g === f } else { return false } }) { return found }
        // A function made on each access (a module's `dynamicAttribute`): its name, in one module only.
        let candidates = modules.filter { m in
            guard let v = (m.members[f.name] ?? (try? m.dynamicAttribute?(f.name)) ?? nil), case .function(let g) = v else { return false }
            return g.name == f.name && !g.isMethod
        }
        return candidates.count == 1 ? (candidates[0].name, f.name) : nil
    }

    mutating func find(_ object: HostObject) -> (String, String)? {
        find(where: { if case .object(let o) = $0 { return o === object } else { return false } })
    }

    private mutating func find(where matches: (Value) -> Bool) -> (String, String)? {
        for pass in 0..<2 {
            if pass == 1 { sweep() }
            for m in modules {
                for (name, member) in m.members.sorted(by: { $0.key < $1.key }) where matches(member) { return (m.name, name) }
            }
        }
        return nil
    }

    /// Every module the lesson could import, imported (they are cached, as the lesson's own imports are).
    private mutating func sweep() {
        guard !swept else { return }
        swept = true
        var seen = Set(modules.map { ObjectIdentifier($0) })
        for name in executor.registry.supportedModules {
            if let m = try? executor.registry.importModule(named: name), seen.insert(ObjectIdentifier(m)).inserted { modules.append(m) }
        }
    }
}

// MARK: - Reading

/// Turns a checkpoint's JSON and blobs back into lesson values, verifying as it goes:
/// anything that does not add up throws `CheckpointError.damaged`.
final class CheckpointReader {
    let store: CheckpointStore
    let executor: LessonExecutor
    private let objects: [JSONValue]
    private var restored: [Int: Value] = [:]
    private var restoring: Set<Int> = []

    init(store: CheckpointStore, executor: LessonExecutor, objects: [JSONValue]) {
        self.store = store
        self.executor = executor
        self.objects = objects
    }

    var context: BindingContext { executor.context }

    /// The bytes named `name`, verified against their hash.
    func blob(_ name: String) throws -> Data { try store.blob(name) }

    /// A blob of `count` elements of `T` (little-endian), checked for its size.
    func elements<T>(_ name: String, count: Int, as: T.Type) throws -> [T] {
        let data = try blob(name)
        guard count >= 0, data.count == count * MemoryLayout<T>.stride else {
            throw CheckpointError.damaged("blob \(name.prefix(12)) holds \(data.count) bytes, not \(count) elements of \(T.self)")
        }
        return data.withUnsafeBytes { raw in Array(raw.bindMemory(to: T.self)) }
    }

    func tensor(_ json: JSONValue?) throws -> Tensor {
        guard let json, let shape = Self.shape(json["shape"]), let name = json["blob"]?.string else {
            throw CheckpointError.damaged("a tensor's description is incomplete")
        }
        let count = shape.reduce(1, *)
        return try Tensor(try elements(name, count: count, as: Float.self), shape: shape)
    }

    func tensors(_ json: JSONValue?) throws -> [String: Tensor] {
        guard let object = json?.object else { throw CheckpointError.damaged("named tensors are not an object") }
        return try object.mapValues { try tensor($0) }
    }

    /// A shape: non-negative integers whose product is sane.
    static func shape(_ json: JSONValue?) -> [Int]? {
        guard let items = json?.array else { return nil }
        var shape: [Int] = []
        var product = 1
        for item in items {
            guard let n = item.number, n >= 0, n.rounded() == n, n < 1e12 else { return nil }
            shape.append(Int(n))
            let (p, overflow) = product.multipliedReportingOverflow(by: Int(n))
            guard !overflow, p < 1 << 40 else { return nil }
            product = p
        }
        return shape
    }

    func value(_ json: JSONValue?) throws -> Value {
        guard let json, let tag = json["t"]?.string else { throw CheckpointError.damaged("a value has no type") }
        func int(_ key: String) throws -> Int {
            guard let text = json[key]?.string, let i = Int(text) else { throw CheckpointError.damaged("a \(tag) has no integer \(key)") }
            return i
        }
        func optionalInt(_ key: String) throws -> Int? {
            if json[key] == nil || json[key] == .null { return nil }
            return try int(key)
        }
        switch tag {
        case "none": return .none
        case "ellipsis": return .ellipsis
        case "bool":
            guard case .bool(let b)? = json["v"] else { throw CheckpointError.damaged("a bool has no value") }
            return .bool(b)
        case "int": return .int(try int("v"))
        case "float":
            guard let text = json["v"]?.string, let d = Double(text) else { throw CheckpointError.damaged("a float has no value") }
            return .float(d)
        case "str":
            guard let s = json["v"]?.string else { throw CheckpointError.damaged("a str has no value") }
            return .str(s)
        case "tuple":
            guard let items = json["items"]?.array else { throw CheckpointError.damaged("a tuple has no items") }
            return .tuple(try items.map { try value($0) })
        case "slice": return .slice(SliceValue(start: try optionalInt("start"), stop: try optionalInt("stop"), step: try optionalInt("step")))
        case "range":
            let step = try int("step")
            guard step != 0 else { throw CheckpointError.damaged("a range has step 0") }
            return .range(RangeValue(start: try int("start"), stop: try int("stop"), step: step))
        case "module":
            guard let name = json["name"]?.string else { throw CheckpointError.damaged("a module has no name") }
            return .module(try module(name))
        case "builtin":
            guard let name = json["name"]?.string, let f = executor.interpreter.builtins[name] else {
                throw CheckpointError.damaged("a builtin is not one the interpreter has")
            }
            return f
        case "member":
            guard let moduleName = json["module"]?.string, let name = json["name"]?.string else { throw CheckpointError.damaged("a module member has no name") }
            let m = try module(moduleName)
            guard let member = m.members[name] ?? ((try? m.dynamicAttribute?(name)) ?? nil) else {
                throw CheckpointError.damaged("module '\(moduleName)' has no member '\(name)' any more")
            }
            return member
        case "ref":
            guard let n = json["id"]?.number, n >= 0, n < Double(objects.count), n.rounded() == n else {
                throw CheckpointError.damaged("a reference points nowhere")
            }
            return try object(Int(n))
        default:
            throw CheckpointError.damaged("unknown value type '\(tag.prefix(40))'")
        }
    }

    private func object(_ index: Int) throws -> Value {
        if let done = restored[index] { return done }
        guard restoring.insert(index).inserted else { throw CheckpointError.damaged("an object contains itself through a host object") }
        defer { restoring.remove(index) }
        let json = objects[index]
        switch json["t"]?.string {
        case "list":
            guard let items = json["items"]?.array else { throw CheckpointError.damaged("a list has no items") }
            let list = ListStorage()
            restored[index] = .list(list) // before the items: a list may contain itself
            list.items = try items.map { try value($0) }
            return .list(list)
        case "dict":
            guard let pairs = json["pairs"]?.array else { throw CheckpointError.damaged("a dict has no pairs") }
            let dict = DictStorage()
            restored[index] = .dict(dict)
            for pair in pairs {
                guard let kv = pair.array, kv.count == 2 else { throw CheckpointError.damaged("a dict pair is not a pair") }
                do { try dict.set(try value(kv[0]), try value(kv[1])) } catch let error as CheckpointError { throw error } catch {
                    throw CheckpointError.damaged("a dict key cannot be a key: \(error)")
                }
            }
            return .dict(dict)
        case "object":
            guard let kind = json["kind"]?.string, let state = json["state"] else { throw CheckpointError.damaged("an object has no kind") }
            guard let restore = executor.restorers.restorer(kind) else {
                throw CheckpointError.damaged("no restorer for objects of kind '\(kind.prefix(40))' in this version of lesson")
            }
            let value: Value
            do { value = try restore(state, self, context) } catch let error as CheckpointError { throw error } catch {
                throw CheckpointError.damaged("a '\(kind.prefix(40))' could not be restored: \(error)")
            }
            restored[index] = value
            return value
        default:
            throw CheckpointError.damaged("an object entry has no type")
        }
    }

    /// The module the lesson would get from `import NAME`: the same object, through the
    /// interpreter's own import (so namespace parents and `sys` work as in a cell). A module
    /// that is only an attribute of another (`numpy.random`) is found through its parent.
    private func module(_ name: String) throws -> ModuleValue {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !$0.hasPrefix("__") }) else {
            throw CheckpointError.damaged("'\(name.prefix(60))' is not a module name")
        }
        for length in stride(from: parts.count, through: 1, by: -1) {
            guard var module = imported(parts.prefix(length).joined(separator: ".")) else { continue }
            for part in parts.dropFirst(length) {
                guard case .module(let child)? = module.members[part] ?? ((try? module.dynamicAttribute?(part)) ?? nil) else {
                    throw CheckpointError.damaged("module '\(name)' cannot be imported any more")
                }
                module = child
            }
            guard module.name == name else { throw CheckpointError.damaged("module '\(name)' is now '\(module.name)'") }
            return module
        }
        throw CheckpointError.damaged("module '\(name)' cannot be imported any more")
    }

    private func imported(_ name: String) -> ModuleValue? {
        let temporary = "_lesson_checkpoint_module"
        let interpreter = executor.interpreter
        let saved = interpreter.globals[temporary]
        defer { interpreter.globals[temporary] = saved }
        do { try interpreter.run(source: "import \(name) as \(temporary)") } catch { return nil }
        guard case .module(let m)? = interpreter.globals[temporary] else { return nil }
        return m
    }
}
