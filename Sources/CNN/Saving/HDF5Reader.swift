import Foundation

/// Reads the HDF5 that h5py (Keras 3) and libhdf5 write by default — the "earliest" file format:
/// superblock 0/1, version 1 object headers, groups as B-trees of symbol-table nodes with a
/// local heap, contiguous or compact datasets of floats and integers, string attributes (fixed
/// or variable-length in a global heap). Everything else is refused by name. Pure Swift with
/// every offset checked against the bytes, because libhdf5 1.10 crashes (SIGSEGV) and hangs
/// on files with a few bytes changed; libhdf5 only writes (HDF5.swift).
struct HDF5Reader {
    let bytes: [UInt8]
    let name: String
    var budget: Int
    var offsetSize = 8, lengthSize = 8
    var objects = 0
    /// Object headers on the path being read: a group holding its ancestor would never end.
    var open: Set<Int> = []

    init(_ data: Data, name: String, budget: Int) { bytes = [UInt8](data); self.name = name; self.budget = budget }

    func fail(_ problem: String) -> CNNError { .file(path: name, problem: problem) }

    /// `n` bytes at `at`, little-endian.
    func uint(_ at: Int, _ n: Int) throws -> UInt64 {
        guard at >= 0, n >= 0, n <= 8, at <= bytes.count - n else { throw fail("is truncated or corrupt (a field at byte \(at) is past the end)") }
        var v: UInt64 = 0
        for i in (0..<n).reversed() { v = v << 8 | UInt64(bytes[at + i]) }
        return v
    }
    func int(_ at: Int, _ n: Int) throws -> Int {
        let v = try uint(at, n)
        guard v <= UInt64(Int.max) else { throw fail("is corrupt (a size of \(v) at byte \(at))") }
        return Int(v)
    }
    /// An address, which must point into the file; nil for HDF5's undefined address.
    func address(_ at: Int) throws -> Int? {
        let v = try uint(at, offsetSize)
        if offsetSize == 8 ? v == UInt64.max : v == (UInt64(1) << (8 * UInt64(offsetSize))) - 1 { return nil }
        guard v < UInt64(bytes.count) else { throw fail("is truncated or corrupt (an address \(v) past its \(bytes.count) bytes)") }
        return Int(v)
    }
    func tag(_ at: Int, _ expected: String) throws {
        guard at >= 0, at <= bytes.count - 4, String(decoding: bytes[at..<at + 4], as: UTF8.self) == expected else {
            throw fail("is corrupt (no \(expected) block at byte \(at))")
        }
    }

    mutating func read() throws -> H5Group {
        let version = try int(8, 1)
        guard version <= 1 else { throw fail("uses HDF5 superblock version \(version), which lesson does not read (Keras writes version 0)") }
        offsetSize = try int(13, 1); lengthSize = try int(14, 1)
        guard [4, 8].contains(offsetSize), [4, 8].contains(lengthSize) else { throw fail("is corrupt (offsets of \(offsetSize) bytes, lengths of \(lengthSize))") }
        var at = version == 0 ? 24 : 28
        let base = try uint(at, offsetSize)
        guard base == 0 else { throw fail("has a user block, which lesson does not read") }
        at += 2 * offsetSize
        let end = try uint(at, offsetSize)
        guard end <= UInt64(bytes.count) else { throw fail("is truncated: it has \(bytes.count) bytes, its superblock says \(end)") }
        at += 2 * offsetSize
        // The root group's symbol-table entry: its object header is the second field.
        guard let root = try address(at + offsetSize) else { throw fail("is corrupt (no root group)") }
        return try group(at: root, depth: 0)
    }

    // MARK: object headers

    struct Message { let type: Int, at: Int, size: Int }

    /// The messages of a version 1 object header, continuation blocks followed once each.
    func messages(at header: Int) throws -> [Message] {
        guard try int(header, 1) == 1 else { throw fail("has an object header at byte \(header) of a version lesson does not read") }
        let count = try int(header + 2, 2), size = try int(header + 12 - 4, 4)
        var blocks = [(header + 16, size)], seen = Set([header + 16]), out: [Message] = []
        while let (start, length) = blocks.first, out.count < count {
            blocks.removeFirst()
            guard length >= 0, start <= bytes.count - length else { throw fail("is truncated or corrupt (an object header past the end)") }
            var p = start
            while p + 8 <= start + length, out.count < count {
                let type = try int(p, 2), size = try int(p + 2, 2), flags = try int(p + 4, 1)
                guard p + 8 + size <= start + length else { throw fail("is corrupt (a header message past its block at byte \(p))") }
                if flags & 0x02 != 0, [1, 3, 8, 12].contains(type) { throw fail("has a shared header message, which lesson does not read") }
                if type == 0x10 {
                    guard let next = try address(p + 8) else { throw fail("is corrupt (a continuation to nowhere)") }
                    let len = try int(p + 8 + offsetSize, lengthSize)
                    if seen.insert(next).inserted { blocks.append((next, len)) }
                }
                out.append(Message(type: type, at: p + 8, size: size))
                p += 8 + size
            }
            guard out.count <= 4096 else { throw fail("has an object header of more than 4096 messages") }
        }
        return out
    }

    mutating func group(at header: Int, depth: Int) throws -> H5Group {
        guard depth <= HDF5.maxDepth else { throw fail("nests groups more than \(HDF5.maxDepth) deep") }
        guard open.insert(header).inserted else { throw fail("has a group that holds itself") }
        defer { open.remove(header) }
        let ms = try messages(at: header)
        guard let table = ms.first(where: { $0.type == 0x11 }) else { throw fail("has a group at byte \(header) stored in a form lesson does not read (not a symbol table)") }
        guard let tree = try address(table.at), let heap = try address(table.at + offsetSize) else { throw fail("is corrupt (a group without its B-tree or heap)") }
        var out = H5Group(attributes: try attributes(ms))
        var nodes = 0
        for (key, object) in try entries(tree: tree, heap: heap, depth: 0, nodes: &nodes) {
            objects += 1
            guard objects <= HDF5.maxObjects else { throw fail("holds more than \(HDF5.maxObjects) objects") }
            let inner = try messages(at: object)
            if inner.contains(where: { $0.type == 0x11 }) { out.groups[key] = try group(at: object, depth: depth + 1) }
            else if inner.contains(where: { $0.type == 0x08 }) { out.datasets[key] = try dataset(inner, key) }
        }
        return out
    }

    /// A group's (name, object header) pairs from its B-tree's symbol-table nodes. Nodes are
    /// counted: a corrupt tree whose children all point at one node would otherwise never end.
    func entries(tree: Int, heap: Int, depth: Int, nodes: inout Int) throws -> [(String, Int)] {
        guard depth <= 16 else { throw fail("has a group B-tree more than 16 levels deep") }
        nodes += 1
        guard nodes <= HDF5.maxObjects else { throw fail("has a group B-tree of more than \(HDF5.maxObjects) nodes") }
        try tag(tree, "TREE")
        guard try int(tree + 4, 1) == 0 else { throw fail("has a group B-tree of another kind") }
        let level = try int(tree + 5, 1), used = try int(tree + 6, 2)
        var p = tree + 8 + 2 * offsetSize + lengthSize  // siblings, then the first key
        var out: [(String, Int)] = []
        for _ in 0..<used {
            guard let child = try address(p) else { throw fail("is corrupt (a B-tree child to nowhere)") }
            if level > 0 { out += try entries(tree: child, heap: heap, depth: depth + 1, nodes: &nodes) } else {
                nodes += 1
                guard nodes <= HDF5.maxObjects else { throw fail("has a group B-tree of more than \(HDF5.maxObjects) nodes") }
                out += try symbols(node: child, heap: heap)
            }
            p += offsetSize + lengthSize
            guard out.count <= HDF5.maxObjects else { throw fail("holds more than \(HDF5.maxObjects) objects") }
        }
        return out
    }

    func symbols(node: Int, heap: Int) throws -> [(String, Int)] {
        try tag(node, "SNOD")
        let count = try int(node + 6, 2)
        try tag(heap, "HEAP")
        let segmentSize = try int(heap + 8, lengthSize)
        guard let segment = try address(heap + 8 + 2 * lengthSize), segmentSize <= bytes.count - segment else { throw fail("is corrupt (a local heap past the end)") }
        var out: [(String, Int)] = []
        let entrySize = 2 * offsetSize + 24
        for i in 0..<count {
            let e = node + 8 + i * entrySize
            let nameOffset = try int(e, offsetSize)
            guard let object = try address(e + offsetSize), nameOffset < segmentSize else { throw fail("is corrupt (a link name outside its heap)") }
            let start = segment + nameOffset, limit = segment + segmentSize
            guard let zero = bytes[start..<limit].firstIndex(of: 0) else { throw fail("is corrupt (an unterminated link name)") }
            out.append((String(decoding: bytes[start..<zero], as: UTF8.self), object))
        }
        return out
    }

    // MARK: datasets and attributes

    enum Kind { case float(Int), integer(Int, signed: Bool), string(Int), variableString }

    func datatype(_ at: Int) throws -> Kind {
        let head = try int(at, 1), bits = try int(at + 1, 1), size = try int(at + 4, 4)
        switch head & 0x0f {
        case 0:
            guard bits & 1 == 0, [1, 2, 4, 8].contains(size) else { throw fail("holds big-endian or odd-sized integers") }
            return .integer(size, signed: bits & 0x08 != 0)
        case 1:
            guard bits & 0x41 == 0, [4, 8].contains(size) else { throw fail("holds floats other than little-endian float32 or float64") }
            return .float(size)
        case 3: return .string(size)
        case 9 where bits & 0x0f == 1: return .variableString
        default: throw fail("holds values of HDF5 type class \(head & 0x0f), which lesson does not read")
        }
    }

    /// The shape; nil for a null dataspace (no elements).
    func dataspace(_ at: Int) throws -> [Int]? {
        let version = try int(at, 1), rank = try int(at + 1, 1)
        guard rank <= HDF5.maxRank else { throw fail("has a dataspace of rank \(rank)") }
        if version == 2, try int(at + 3, 1) == 2 { return nil }
        let first = version == 1 ? at + 8 : at + 4
        return try (0..<rank).map { try int(first + $0 * lengthSize, lengthSize) }
    }

    mutating func dataset(_ ms: [Message], _ key: String) throws -> H5Dataset {
        guard let space = ms.first(where: { $0.type == 1 }), let type = ms.first(where: { $0.type == 3 }), let layout = ms.first(where: { $0.type == 8 }) else {
            throw fail("has a dataset '\(key)' without its dataspace, type or layout")
        }
        let shape = try dataspace(space.at) ?? []
        var count = (try dataspace(space.at)) == nil ? 0 : 1
        for d in shape {
            guard case let (n, over) = count.multipliedReportingOverflow(by: d), !over else { throw fail("dataset '\(key)' is too large") }
            count = n
        }
        let kind = try datatype(type.at)
        let element: Int
        switch kind {
        case .float(let s), .integer(let s, _): element = s
        default: throw fail("dataset '\(key)' holds strings, not numbers")
        }
        let (bytesNeeded, over) = count.multipliedReportingOverflow(by: element)
        // Charged as the 4 or 8 bytes an element takes in memory, before it is read.
        let (charge, over2) = count.multipliedReportingOverflow(by: { if case .integer = kind { return 8 }; return 4 }())
        guard !over, !over2, charge <= budget else { throw fail("dataset '\(key)' is larger than the bytes a run may read") }
        budget -= charge
        guard try int(layout.at, 1) == 3 else { throw fail("dataset '\(key)' has a layout message of a version lesson does not read") }
        let data: Int?
        switch try int(layout.at + 1, 1) {
        case 0:
            guard try int(layout.at + 2, 2) >= bytesNeeded else { throw fail("dataset '\(key)' is shorter than its shape") }
            data = layout.at + 4
        case 1:
            data = try address(layout.at + 2)
            guard try int(layout.at + 2 + offsetSize, lengthSize) >= bytesNeeded || data == nil else { throw fail("dataset '\(key)' is shorter than its shape") }
        default: throw fail("dataset '\(key)' is stored in chunks, which lesson does not read (Keras writes contiguous datasets)")
        }
        if let data { guard data <= bytes.count - bytesNeeded else { throw fail("is truncated: dataset '\(key)' runs past the end") } }
        func raw(_ i: Int) throws -> UInt64 { try data.map { try uint($0 + i * element, element) } ?? 0 }
        switch kind {
        case .integer(let s, let signed):
            let values = try (0..<count).map { i -> Int64 in
                let v = try raw(i)
                if signed, s < 8, v & (UInt64(1) << UInt64(8 * s - 1)) != 0 { return Int64(bitPattern: v | ~((UInt64(1) << UInt64(8 * s)) - 1)) }
                return Int64(bitPattern: v)
            }
            return H5Dataset(shape: shape, values: .int64(values))
        case .float(4): return H5Dataset(shape: shape, values: .float32(try (0..<count).map { Float(bitPattern: UInt32(try raw($0))) }))
        default: return H5Dataset(shape: shape, values: .float32(try (0..<count).map { Float(Double(bitPattern: try raw($0))) }))
        }
    }

    /// The string attributes of an object (Keras writes `name`); others are skipped.
    func attributes(_ ms: [Message]) throws -> [String: String] {
        var out: [String: String] = [:]
        for m in ms where m.type == 0x0c {
            let version = try int(m.at, 1)
            guard (1...3).contains(version) else { throw fail("has an attribute message of version \(version)") }
            let nameSize = try int(m.at + 2, 2), typeSize = try int(m.at + 4, 2), spaceSize = try int(m.at + 6, 2)
            func pad(_ n: Int) -> Int { version == 1 ? (n + 7) / 8 * 8 : n }
            let nameAt = m.at + (version == 3 ? 9 : 8)
            let typeAt = nameAt + pad(nameSize), spaceAt = typeAt + pad(typeSize), dataAt = spaceAt + pad(spaceSize)
            guard nameSize > 0, dataAt <= m.at + m.size, nameAt + nameSize <= bytes.count else { throw fail("is corrupt (an attribute larger than its message)") }
            let key = String(decoding: bytes[nameAt..<nameAt + nameSize - 1], as: UTF8.self)
            guard let shape = try dataspace(spaceAt), shape.isEmpty else { continue }
            switch try datatype(typeAt) {
            case .string(let size):
                guard size <= m.at + m.size - dataAt else { throw fail("is corrupt (an attribute string past its message)") }
                let text = bytes[dataAt..<dataAt + size]
                out[key] = String(decoding: text.prefix { $0 != 0 }, as: UTF8.self)
            case .variableString:
                out[key] = try globalHeapString(length: try int(dataAt, 4), collection: try address(dataAt + 4), index: try int(dataAt + 4 + offsetSize, 4))
            default: continue
            }
        }
        return out
    }

    /// One object of a global heap collection (where h5py keeps a `str` attribute's text).
    func globalHeapString(length: Int, collection: Int?, index: Int) throws -> String {
        guard let collection else { return "" }
        try tag(collection, "GCOL")
        let size = try int(collection + 8, lengthSize)
        guard size <= bytes.count - collection else { throw fail("is truncated (a global heap past the end)") }
        var p = collection + 8 + lengthSize
        while p + 8 + lengthSize <= collection + size {
            let i = try int(p, 2), objectSize = try int(p + 8, lengthSize)
            if i == 0 { break }
            let start = p + 8 + lengthSize
            guard objectSize <= collection + size - start else { throw fail("is corrupt (a global heap object past its collection)") }
            if i == index {
                guard length <= objectSize else { throw fail("is corrupt (a string longer than its heap object)") }
                return String(decoding: bytes[start..<start + length], as: UTF8.self)
            }
            p = start + (objectSize + 7) / 8 * 8
        }
        throw fail("is corrupt (a string missing from its global heap)")
    }
}
