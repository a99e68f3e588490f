import Foundation

/// `random`, on CPython's Mersenne Twister: the same sequence for the same seed. Each
/// interpreter imports its own generator (no state shared between runs).
final class RandomState {
    var mt = MersenneTwister(seed: 0)
}

extension Interpreter {
    func makeRandomModule() -> ModuleValue {
        let m = ModuleValue(name: "random")
        let st = RandomState()
        m.addFunction("seed") { [unowned self] a in
            let k = try a.bind(["a", "version"], required: 0)
            let v = k["a"] ?? .none
            if v.isNone { st.mt.seed(0); return .none }
            if case .str(let text) = v {
                // CPython's version 2: int.from_bytes(a + sha512(a).digest(), 'big').
                let bytes = Array(text.utf8)
                st.mt.seed(key: MersenneTwister.key(bigEndian: bytes + SHA512.digest(bytes)))
                return .none
            }
            if let big = v.object(as: BigIntObject.self) {
                // CPython seeds with abs(a)'s 32-bit words, least significant first.
                st.mt.seed(key: big.value.limbs.isEmpty ? [0] : big.value.limbs)
                return .none
            }
            guard let i = v.intValue ?? v.object(as: HostObject.self)?.asInt() else {
                throw ScriptError.notSupported("random.seed() takes an int in lessons")
            }
            _ = self
            st.mt.seed(UInt64(i.magnitude))
            return .none
        }
        m.addFunction("random") { _ in .float(st.mt.random()) }
        m.addFunction("getrandbits") { [unowned self] a in
            let k = try self.toInt(try a.bind(["k"])["k"] ?? .none)
            if k < 0 { throw ScriptError.valueError("number of bits must be non-negative") }
            if k > 63 { throw ScriptError.overflow("getrandbits() above 63 bits is not supported in lessons") }
            return .int(Int(st.mt.bits(k)))
        }
        func randrange(_ start: Int, _ stop: Int?, _ step: Int) throws -> Int {
            guard let stop = stop else {
                if start > 0 { return st.mt.below(start) }
                throw ScriptError.valueError("empty range for randrange()")
            }
            let (width, o) = stop.subtractingReportingOverflow(start)
            if o { throw Interpreter.overflow() }
            if step == 1 {
                if width > 0 { return start + st.mt.below(width) }
                throw ScriptError.valueError("empty range for randrange() (\(start), \(stop), \(width))")
            }
            if step == 0 { throw ScriptError.valueError("zero step for randrange()") }
            let n = step > 0 ? (width + step - 1) / step : (width + step + 1) / step
            if n <= 0 { throw ScriptError.valueError("empty range for randrange()") }
            return start + step * st.mt.below(n)
        }
        m.addFunction("randrange") { [unowned self] a in
            let k = try a.bind(["start", "stop", "step"], required: 1)
            let start = try self.toInt(k["start"] ?? .none)
            let stop = try k["stop"].flatMap { $0.isNone ? nil : try self.toInt($0) }
            return .int(try randrange(start, stop, try k.int("step", default: 1)))
        }
        m.addFunction("randint") { [unowned self] a in
            let k = try a.bind(["a", "b"])
            let lo = try self.toInt(k["a"] ?? .none), hi = try self.toInt(k["b"] ?? .none)
            let (stop, o) = hi.addingReportingOverflow(1)
            if o { throw Interpreter.overflow() }
            return .int(try randrange(lo, stop, 1))
        }
        m.addFunction("choice") { [unowned self] a in
            let items = try self.materialize(try a.bind(["seq"])["seq"] ?? .none)
            if items.isEmpty { throw ScriptError.indexError("Cannot choose from an empty sequence") }
            return items[st.mt.below(items.count)]
        }
        m.addFunction("shuffle") { a in
            guard case .list(let l)? = try a.bind(["x"])["x"] else { throw ScriptError.typeError("shuffle() needs a list in lessons") }
            var i = l.items.count - 1
            while i >= 1 {
                let j = st.mt.below(i + 1)
                l.items.swapAt(i, j)
                i -= 1
            }
            return .none
        }
        m.addFunction("sample") { [unowned self] a in
            let k0 = try a.bind(["population", "k"])
            let pool0 = try self.materialize(k0["population"] ?? .none)
            let k = try self.toInt(k0["k"] ?? .none)
            let n = pool0.count
            if k < 0 || k > n { throw ScriptError.valueError("Sample larger than population or is negative") }
            var result: [Value] = []
            var setsize = 21
            if k > 5 { setsize += Int(pow(4.0, ceil(Foundation.log(Double(k * 3)) / Foundation.log(4.0)))) }
            if n <= setsize {
                var pool = pool0
                for i in 0..<k {
                    let j = st.mt.below(n - i)
                    result.append(pool[j])
                    pool[j] = pool[n - i - 1]
                }
            } else {
                var selected = Set<Int>()
                for _ in 0..<k {
                    var j = st.mt.below(n)
                    while selected.contains(j) { j = st.mt.below(n) }
                    selected.insert(j)
                    result.append(pool0[j])
                }
            }
            return .list(ListStorage(result))
        }
        m.addFunction("uniform") { a in
            let k = try a.bind(["a", "b"])
            let lo = try k.double("a"), hi = try k.double("b")
            return .float(lo + (hi - lo) * st.mt.random())
        }
        m.addFunction("gauss") { a in
            let k = try a.bind(["mu", "sigma"], required: 0)
            return .float(st.mt.gauss(try k.double("mu", default: 0), try k.double("sigma", default: 1)))
        }
        return m
    }
}
