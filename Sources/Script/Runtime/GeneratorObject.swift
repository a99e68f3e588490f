import Foundation

/// A generator (of a `def` with `yield`, or a generator expression): lazy as in CPython, its
/// body runs only when `next()`/`send()` asks, up to the next `yield`. The suspended state is
/// the explicit block stack in `blocks` (see `GeneratorBlock`), so no thread is involved.
final class GeneratorObject: HostObject {
    let name: String
    unowned let interpreter: Interpreter
    /// The generator function (nil for a generator expression): its call frame while running.
    let function: FunctionObject?
    let firstArgument: Value?
    let scopes: [Scope]
    var blocks: [GeneratorBlock]
    var awaiting: GeneratorAwaiting = .start
    var running = false
    /// The value of the body's `return`, kept for `StopIteration.value` and `yield from`.
    var returnValue: Value = .none

    init(name: String, interpreter: Interpreter, function: FunctionObject?, firstArgument: Value?,
         scopes: [Scope], blocks: [GeneratorBlock]) {
        self.name = name
        self.interpreter = interpreter
        self.function = function
        self.firstArgument = firstArgument
        self.scopes = scopes
        self.blocks = blocks
    }

    var typeName: String { "generator" }
    func repr() -> String { "<generator object \(function?.qualifiedName ?? name) at \(objectAddress(self))>" }

    /// The next value, or nil when the generator is exhausted.
    func next() throws -> Value? { try resume(sending: .none) }

    func iterate() throws -> ValueIterator? { ValueIterator { [self] in try self.next() } }

    /// The `return` value once, as CPython hands it to the first StopIteration only.
    func takeReturnValue() -> Value {
        defer { returnValue = .none }
        return returnValue
    }

    func getAttribute(_ name: String) throws -> Value? {
        let interp = interpreter
        switch name {
        case "__next__":
            return .function(BuiltinFunction("__next__") { [self] _ in
                if let v = try self.next() { return v }
                throw interp.stopIteration(self.takeReturnValue())
            })
        case "__iter__": return .function(BuiltinFunction("__iter__") { [self] _ in .object(self) })
        case "send":
            return .function(BuiltinFunction("send") { [self] a in
                guard a.positional.count == 1 else { throw ScriptError.typeError("generator.send() takes exactly one argument (\(a.positional.count) given)") }
                if let v = try self.resume(sending: a.positional[0]) { return v }
                throw interp.stopIteration(self.takeReturnValue())
            })
        case "throw":
            return .function(BuiltinFunction("throw") { [self] a in
                guard let t = a.positional.first else { throw ScriptError.typeError("throw expected at least 1 argument, got 0") }
                let error = try interp.raiseError(a.positional.count > 1 ? a.positional[1] : t, cause: nil)
                if let v = try self.resume(sending: .none, throwing: error) { return v }
                throw interp.stopIteration(self.takeReturnValue())
            })
        case "close": return .function(BuiltinFunction("close") { [self] _ in try self.close(); return .none })
        case "__name__", "__qualname__": return .str(name == "__name__" ? self.name : function?.qualifiedName ?? self.name)
        case "gi_running": return .bool(running)
        default: return nil
        }
    }

    /// `close()`: raises GeneratorExit at the suspended `yield` so `finally` blocks run.
    func close() throws {
        switch awaiting {
        case .start, .finished:
            awaiting = .finished
            blocks = []
            return
        default: break
        }
        do {
            if try resume(sending: .none, throwing: ScriptError(ScriptError.Kind(rawValue: "GeneratorExit"), "")) != nil {
                throw ScriptError.runtimeError("generator ignored GeneratorExit")
            }
        } catch let e as ScriptError where e.kind.rawValue == "GeneratorExit" || e.kind == .stopIteration {
            return
        }
    }

    /// Runs to the next `yield`: the value yielded, or nil when the body finished.
    func resume(sending sent: Value, throwing thrown: ScriptError? = nil) throws -> Value? {
        let interp = interpreter
        if running { throw ScriptError.valueError("generator already executing") }
        if case .finished = awaiting {
            if let t = thrown { throw t }
            return nil
        }
        if interp.runtime.frames.count >= interp.limits.maxRecursionDepth || StackGuard.isNearLimit(interp.runtime.stackLimit) {
            throw ScriptError(.recursionError, "maximum recursion depth exceeded")
        }
        running = true
        let savedScopes = interp.localScopes
        let callSite = interp.currentLocation
        let handlingBase = interp.runtime.handling.count
        interp.localScopes = scopes
        if let f = function { interp.runtime.frames.append(CallFrame(function: f, firstArgument: firstArgument)) }
        for b in blocks { if case .handler(_, let e, _) = b.kind { interp.runtime.handling.append(e) } }
        defer {
            running = false
            interp.localScopes = savedScopes
            if function != nil { interp.runtime.frames.removeLast() }
            if interp.runtime.handling.count > handlingBase { interp.runtime.handling.removeSubrange(handlingBase...) }
            interp.currentLocation = callSite
        }
        do {
            return try step(sent, thrown)
        } catch var e as ScriptError {
            finish(.none)
            // PEP 479: a StopIteration escaping the body becomes a RuntimeError.
            if e.kind == .stopIteration { e = ScriptError.runtimeError("generator raised StopIteration").located(e.location) }
            if let site = callSite, let f = function, e.frames.count < 20 {
                e.frames.append(TracebackFrame(function: f.qualifiedName, location: site))
            }
            throw e
        }
    }

    func finish(_ value: Value) {
        awaiting = .finished
        blocks = []
        returnValue = value
    }

    /// Delivers what `send`/`throw` brought to the suspended `yield`, then runs on.
    private func step(_ sent: Value, _ thrown: ScriptError?) throws -> Value? {
        var error = thrown
        switch awaiting {
        case .start:
            if thrown == nil, !sent.isNone { throw ScriptError.typeError("can't send non-None value to a just-started generator") }
        case .value(let targets):
            if thrown == nil {
                do { for t in targets { try interpreter.assign(t, sent) } } catch let e as ScriptError { error = e }
            }
        case .delegate(let it, let sub, let targets):
            do {
                if let v = try delegateStep(it, sub, sent, thrown) { return v }
                error = nil
                let result = sub?.takeReturnValue() ?? .none
                for t in targets { try interpreter.assign(t, result) }
            } catch let e as ScriptError {
                guard e.isCatchable else { throw e }
                error = e
            }
        case .finished:
            return nil
        }
        awaiting = .value(targets: [])
        return try runBlocks(error)
    }

    /// `yield from`: the delegate's next value (nil when it is exhausted).
    func delegateStep(_ it: ValueIterator, _ sub: GeneratorObject?, _ sent: Value, _ thrown: ScriptError?) throws -> Value? {
        if let g = sub {
            if let t = thrown { return try g.resume(sending: .none, throwing: t) }
            return try g.resume(sending: sent)
        }
        if let t = thrown { throw t }
        return try it.next()
    }
}

extension Interpreter {
    /// `StopIteration(value)`, or a bare StopIteration for `None`.
    func stopIteration(_ value: Value) -> ScriptError {
        guard !value.isNone, let cls = runtime.exceptionClasses["StopIteration"] else { return ScriptError(.stopIteration, "") }
        let i = InstanceObject(cls)
        i.attributes["args"] = .tuple([value])
        i.attributes["value"] = value
        var e = ScriptError(.stopIteration, PythonFormat.str(value))
        e.exception = ExceptionBox(i)
        return e
    }
}
