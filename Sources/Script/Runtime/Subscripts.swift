import Foundation

extension Interpreter {

    /// `a + b + c` for sizes, refusing (MemoryError) an overflow.
    func checkedSum(_ a: Int, _ b: Int, _ c: Int = 0) throws -> Int {
        let (ab, o1) = a.addingReportingOverflow(b)
        let (abc, o2) = ab.addingReportingOverflow(c)
        if o1 || o2 { throw ScriptError.memoryError("size overflows; lessons are limited to \(limits.maxCollectionLength) elements") }
        return abc
    }

    func checkedLength(_ n: Int, _ what: String) throws {
        if n > limits.maxCollectionLength || n < 0 {
            throw ScriptError.memoryError("\(what) would have \(n) elements; lessons are limited to \(limits.maxCollectionLength)")
        }
    }

    static func normalizeIndex(_ i: Int, _ count: Int, _ what: String) throws -> Int {
        let j = i < 0 ? i &+ count : i
        guard j >= 0 && j < count else { throw ScriptError.indexError("\(what) index out of range") }
        return j
    }

    func indexInt(_ idx: Value, _ typeName: String) throws -> Int {
        if let i = idx.intValue { return i }
        if case .object(let o) = idx, let i = o.asInt() { return i }
        throw ScriptError.typeError("\(typeName) indices must be integers or slices, not \(idx.typeName)")
    }

    /// `obj[idx]`.
    public func getItem(_ obj: Value, _ idx: Value) throws -> Value {
        switch obj {
        case .list(let l):
            if case .slice(let s) = idx { return .list(ListStorage(try sliceArray(l.items, s))) }
            return l.items[try Interpreter.normalizeIndex(try indexInt(idx, "list"), l.items.count, "list")]
        case .tuple(let xs):
            if case .slice(let s) = idx { return .tuple(try sliceArray(xs, s)) }
            return xs[try Interpreter.normalizeIndex(try indexInt(idx, "tuple"), xs.count, "tuple")]
        case .str(let str):
            let chars = Array(str)
            if case .slice(let s) = idx { return .str(String(try sliceArray(chars, s))) }
            if idx.intValue == nil, case .object = idx {} else if idx.intValue == nil {
                throw ScriptError.typeError("string indices must be integers, not '\(idx.typeName)'")
            }
            return .str(String(chars[try Interpreter.normalizeIndex(try indexInt(idx, "string"), chars.count, "string")]))
        case .range(let r):
            if case .slice(let s) = idx {
                let ind = try s.indices(length: r.count)
                return .range(RangeValue(start: r.element(ind.start), stop: r.element(ind.start) &+ ind.count &* r.step &* ind.step, step: r.step &* ind.step))
            }
            return .int(r.element(try Interpreter.normalizeIndex(try indexInt(idx, "range"), r.count, "range object")))
        case .dict(let d):
            if let v = try d.get(idx) { return v }
            throw ScriptError.keyError(PythonFormat.repr(idx))
        case .object(let o):
            return try o.getItem(idx)
        default:
            throw ScriptError.typeError("'\(obj.typeName)' object is not subscriptable")
        }
    }

    func sliceArray<T>(_ a: [T], _ s: SliceValue) throws -> [T] {
        let ind = try s.indices(length: a.count)
        var out: [T] = []
        out.reserveCapacity(ind.count)
        var i = ind.start
        for _ in 0..<ind.count {
            if i >= 0 && i < a.count { out.append(a[i]) }
            i &+= ind.step
        }
        return out
    }

    /// `obj[idx] = v`.
    public func setItem(_ obj: Value, _ idx: Value, _ v: Value) throws {
        switch obj {
        case .list(let l):
            if case .slice(let s) = idx {
                let ind = try s.indices(length: l.items.count)
                let new = try materialize(v)
                if ind.step == 1 {
                    let lo = ind.start, hi = max(ind.start, ind.stop)
                    l.items.replaceSubrange(lo..<hi, with: new)
                } else {
                    guard new.count == ind.count else {
                        throw ScriptError.valueError("attempt to assign sequence of size \(new.count) to extended slice of size \(ind.count)")
                    }
                    var i = ind.start
                    for x in new {
                        if i >= 0 && i < l.items.count { l.items[i] = x }
                        i &+= ind.step
                    }
                }
                return
            }
            l.items[try Interpreter.normalizeIndex(try indexInt(idx, "list"), l.items.count, "list assignment")] = v
        case .dict(let d): try d.set(idx, v)
        case .object(let o): try o.setItem(idx, v)
        default: throw ScriptError.typeError("'\(obj.typeName)' object does not support item assignment")
        }
    }
}
