import Foundation

/// `functools`, `itertools`, `operator` and `os.path` (pure functions on strings).
extension Interpreter {
    func makeFunctoolsModule() -> ModuleValue {
        let m = ModuleValue(name: "functools")
        m.addFunction("reduce") { [unowned self] a in
            guard a.positional.count >= 2 else { throw ScriptError.typeError("reduce expected at least 2 arguments, got \(a.positional.count)") }
            let f = a.positional[0]
            let it = try self.iterate(a.positional[1])
            var acc: Value
            if a.positional.count > 2 { acc = a.positional[2] } else {
                guard let first = try it.next() else { throw ScriptError.typeError("reduce() of empty iterable with no initial value") }
                acc = first
            }
            while let x = try it.next() { acc = try self.call(f, positional: [acc, x]) }
            return acc
        }
        m.addFunction("partial") { [unowned self] a in
            guard let f = a.positional.first else { throw ScriptError.typeError("partial() missing required argument 'func'") }
            let bound = Array(a.positional.dropFirst()), boundKw = a.keywords
            return .function(BuiltinFunction("partial") { b in
                try self.call(f, positional: bound + b.positional, keywords: boundKw + b.keywords)
            })
        }
        // `@wraps(f)` changes no result; `@lru_cache`/`@cache` memoize on hashable positional arguments.
        m.addFunction("wraps") { _ in .function(BuiltinFunction("wraps") { b in b.positional.first ?? .none }) }
        // Held unowned: `memoize` is captured by the module's functions, and the interpreter keeps
        // the module, so a strong `self` here would keep every interpreter alive (LeakSanitizer).
        unowned let interpreter = self
        func memoize(_ f: Value) -> Value {
            let cache = DictStorage()
            return .function(BuiltinFunction("lru_cache") { b in
                let key = Value.tuple(b.positional)
                let cacheable = b.keywords.isEmpty && (try? HashKey(key)) != nil
                if cacheable, let hit = try cache.get(key) { return hit }
                let r = try interpreter.call(f, positional: b.positional, keywords: b.keywords)
                if cacheable {
                    try cache.set(key, r)
                    try interpreter.checkedLength(cache.count, "lru_cache")
                }
                return r
            })
        }
        for name in ["lru_cache", "cache"] {
            m.addFunction(name) { a in
                if let f = a.positional.first, !(f.intValue != nil || f.isNone) { return memoize(f) }
                return .function(BuiltinFunction(name) { b in memoize(b.positional.first ?? .none) })
            }
        }
        return m
    }

    func makeItertoolsModule() -> ModuleValue {
        let m = ModuleValue(name: "itertools")
        func lazy(_ name: String, _ it: ValueIterator) -> Value { .object(IteratorObject(name, it)) }
        m.addFunction("chain") { [unowned self] a in
            var its = try a.positional.map { try self.iterate($0) }[...]
            return lazy("chain", ValueIterator {
                while let it = its.first {
                    if let x = try it.next() { return x }
                    its = its.dropFirst()
                }
                return nil
            })
        }
        m.addFunction("count") { a in
            let k = try a.bind(["start", "step"], required: 0)
            var n = try k.int("start", default: 0)
            let step = try k.int("step", default: 1)
            return lazy("count", ValueIterator { defer { n &+= step }; return .int(n) })
        }
        m.addFunction("repeat") { [unowned self] a in
            let k = try a.bind(["object", "times"], required: 1)
            let v = k["object"] ?? .none
            var left = try k["times"].map { try self.toInt($0) } ?? Int.max
            return lazy("repeat", ValueIterator { if left <= 0 { return nil }; left -= 1; return v })
        }
        m.addFunction("islice") { [unowned self] a in
            guard a.positional.count >= 2 else { throw ScriptError.typeError("islice expected at least 2 arguments") }
            let it = try self.iterate(a.positional[0])
            let args = try a.positional.dropFirst().map { $0.isNone ? nil : try self.toInt($0) }
            let start = args.count > 1 ? (args[0] ?? 0) : 0
            let stop = args.count > 1 ? args[1] : args[0]
            let step = args.count > 2 ? (args[2] ?? 1) : 1
            var i = 0, next = start
            return lazy("islice", ValueIterator {
                while true {
                    if let s = stop, next >= s { return nil }
                    guard let x = try it.next() else { return nil }
                    defer { i += 1 }
                    if i == next { next += step; return x }
                }
            })
        }
        m.addFunction("accumulate") { [unowned self] a in
            let it = try self.iterate(a.positional.first ?? .none)
            let f = a.positional.count > 1 ? a.positional[1] : nil
            var acc: Value? = nil
            return lazy("accumulate", ValueIterator {
                guard let x = try it.next() else { return nil }
                if let p = acc { acc = try f.map { try self.call($0, positional: [p, x]) } ?? self.binary(.add, p, x) } else { acc = x }
                return acc
            })
        }
        m.addFunction("product") { [unowned self] a in
            let k = try Arguments(functionName: "product", positional: [], keywords: a.keywords).bind(["repeat"], required: 0)
            let pools0 = try a.positional.map { try self.materialize($0) }
            let r = try k.int("repeat", default: 1)
            var pools: [[Value]] = []
            for _ in 0..<max(0, r) { pools += pools0 }
            var result: [[Value]] = [[]]
            for pool in pools {
                var next: [[Value]] = []
                for x in result { for y in pool { next.append(x + [y]) } }
                try self.checkedLength(next.count, "product")
                result = next
            }
            return lazy("product", ValueIterator(result.map { .tuple($0) }))
        }
        func choose(_ name: String, _ repeats: Bool, _ ordered: Bool) {
            m.addFunction(name) { [unowned self] a in
                let pool = try self.materialize(a.positional.first ?? .none)
                let r = a.positional.count > 1 ? try self.toInt(a.positional[1]) : pool.count
                var out: [Value] = []
                var current: [Int] = []
                func rec(_ start: Int) throws {
                    if current.count == r { out.append(.tuple(current.map { pool[$0] })); try self.checkedLength(out.count, name); return }
                    for i in (ordered ? 0 : start)..<pool.count {
                        if !repeats && current.contains(i) { continue }
                        current.append(i)
                        try rec(repeats ? i : i + 1)
                        current.removeLast()
                    }
                }
                if r >= 0 && (repeats || r <= pool.count) { try rec(0) }
                return lazy(name, ValueIterator(out))
            }
        }
        choose("permutations", false, true)
        choose("combinations", false, false)
        choose("combinations_with_replacement", true, false)
        m.addFunction("zip_longest") { [unowned self] a in
            let k = try Arguments(functionName: "zip_longest", positional: [], keywords: a.keywords).bind(["fillvalue"], required: 0)
            let fill = k["fillvalue"] ?? .none
            let its = try a.positional.map { try self.iterate($0) }
            var done = [Bool](repeating: false, count: its.count)
            return lazy("zip_longest", ValueIterator {
                var row: [Value] = []
                for (i, it) in its.enumerated() {
                    if !done[i], let x = try it.next() { row.append(x) } else { done[i] = true; row.append(fill) }
                }
                return done.allSatisfy { $0 } ? nil : .tuple(row)
            })
        }
        return m
    }

    func makeOperatorModule() -> ModuleValue {
        let m = ModuleValue(name: "operator")
        let ops: [(String, BinaryOperator)] = [("add", .add), ("sub", .subtract), ("mul", .multiply), ("truediv", .divide),
                                              ("floordiv", .floorDivide), ("mod", .modulo), ("pow", .power)]
        for (name, op) in ops {
            m.addFunction(name) { [unowned self] a in try self.binary(op, a.positional.first ?? .none, a.positional.count > 1 ? a.positional[1] : .none) }
        }
        m.addFunction("itemgetter") { [unowned self] a in
            let keys = a.positional
            return .function(BuiltinFunction("itemgetter") { b in
                let obj = b.positional.first ?? .none
                if keys.count == 1 { return try self.getItem(obj, keys[0]) }
                return .tuple(try keys.map { try self.getItem(obj, $0) })
            })
        }
        m.addFunction("attrgetter") { [unowned self] a in
            let names = a.positional.compactMap { $0.stringValue }
            return .function(BuiltinFunction("attrgetter") { b in
                let obj = b.positional.first ?? .none
                if names.count == 1 { return try self.getAttribute(obj, names[0]) }
                return .tuple(try names.map { try self.getAttribute(obj, $0) })
            })
        }
        return m
    }

    func makeOSPathModule() -> ModuleValue {
        let m = ModuleValue(name: "os.path", members: ["sep": .str("/")])
        func strings(_ a: Arguments) throws -> [String] {
            try a.positional.map { v in
                guard case .str(let s) = v else { throw ScriptError.typeError("expected str, bytes or os.PathLike object, not \(v.typeName)") }
                return s
            }
        }
        m.addFunction("join") { a in
            var out = ""
            for p in try strings(a) {
                if p.hasPrefix("/") { out = p } else if out.isEmpty || out.hasSuffix("/") { out += p } else { out += "/" + p }
            }
            return .str(out)
        }
        func split(_ p: String) -> (String, String) {
            guard let i = p.lastIndex(of: "/") else { return ("", p) }
            var head = String(p[..<i])
            if head.isEmpty || head.allSatisfy({ $0 == "/" }) { head = String(p[...i]) }
            return (head, String(p[p.index(after: i)...]))
        }
        m.addFunction("split") { a in let (h, t) = split(try strings(a).first ?? ""); return .tuple([.str(h), .str(t)]) }
        m.addFunction("basename") { a in .str(split(try strings(a).first ?? "").1) }
        m.addFunction("dirname") { a in .str(split(try strings(a).first ?? "").0) }
        m.addFunction("splitext") { a in
            let p = try strings(a).first ?? ""
            let (_, tail) = split(p)
            let stripped = tail.drop(while: { $0 == "." })
            guard let dot = stripped.lastIndex(of: ".") else { return .tuple([.str(p), .str("")]) }
            let ext = String(stripped[dot...])
            return .tuple([.str(String(p.dropLast(ext.count))), .str(ext)])
        }
        m.addFunction("isabs") { a in .bool((try strings(a).first ?? "").hasPrefix("/")) }
        return m
    }
}
