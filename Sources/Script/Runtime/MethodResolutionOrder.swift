import Foundation

/// C3 linearization, as CPython computes `__mro__` for `class C(A, B)`.
extension ClassObject {
    /// The MRO of a class with these bases, without the class itself: the C3 merge of the bases'
    /// MROs and the list of bases. Throws CPython's TypeErrors for a duplicate or inconsistent base.
    static func linearize(bases: [ClassObject]) throws -> [ClassObject] {
        for (i, b) in bases.enumerated() where bases[..<i].contains(where: { $0 === b }) {
            throw ScriptError.typeError("duplicate base class \(b.name)")
        }
        var lists: [ArraySlice<ClassObject>] = bases.map { $0.mro[...] } + [bases[...]]
        var result: [ClassObject] = []
        while lists.contains(where: { !$0.isEmpty }) {
            // The first head that is in no other list's tail.
            let head = lists.lazy.compactMap { $0.first }.first { h in
                !lists.contains { $0.dropFirst().contains { $0 === h } }
            }
            guard let next = head else {
                var names: [String] = []
                for l in lists { if let h = l.first, !names.contains(h.name) { names.append(h.name) } }
                throw ScriptError.typeError("Cannot create a consistent method resolution\norder (MRO) for bases \(names.joined(separator: ", "))")
            }
            result.append(next)
            for i in lists.indices where lists[i].first === next { lists[i] = lists[i].dropFirst() }
        }
        return result
    }

    /// `C.__mro__` as values; a host base sits before `object`, where CPython puts it.
    var mroValues: [Value] {
        var out: [Value] = mro.filter { !($0.isBuiltin && $0.name == "object") }.map { .object($0) }
        if let h = hostBase { out.append(.object(h)) }
        if let object = mro.last, object.isBuiltin, object.name == "object" { out.append(.object(object)) }
        return out
    }
}
