import Foundation
import ZIPFoundation

/// An array read from `.npy`: float32 (other float/int types are converted) or uint8.
public enum NPYArray {
    case float32(Tensor)
    case uint8(ByteTensor)
    public var shape: [Int] { switch self { case .float32(let t): return t.shape; case .uint8(let t): return t.shape } }
    /// As Float32 (bytes converted).
    public var floatTensor: Tensor { switch self { case .float32(let t): return t; case .uint8(let t): return t.toFloat() } }
}

/// NumPy's `.npy` (format 1.0–3.0, C order, little-endian) and `.npz` (a ZIP of `.npy`).
public enum NPY {
    static let maxBytes = 1 << 31

    /// Parses one `.npy` image. `name` is used in errors.
    public static func parse(_ data: Data, name: String) throws -> NPYArray {
        let b = [UInt8](data)
        func fail(_ m: String) -> CNNError { .file(path: name, problem: m) }
        guard b.count >= 10, b[0] == 0x93, Array(b[1...5]) == Array("NUMPY".utf8) else { throw fail("bad magic number (not a .npy array)") }
        let major = b[6]
        let lenBytes = major == 1 ? 2 : 4, start = 8 + lenBytes
        guard b.count >= start else { throw fail("header is truncated") }
        var hlen = 0
        for i in 0..<lenBytes { hlen |= Int(b[8 + i]) << (8 * i) }
        guard b.count >= start + hlen, let header = String(bytes: b[start..<start + hlen], encoding: .utf8) else { throw fail("header is truncated") }
        func field(_ key: String) -> String? {
            guard let r = header.range(of: "'\(key)':") else { return nil }
            return String(header[r.upperBound...]).trimmingCharacters(in: .whitespaces)
        }
        guard let d = field("descr"), let q1 = d.dropFirst().firstIndex(of: "'") else { throw fail("header has no descr") }
        let descr = String(d[d.index(after: d.startIndex)..<q1])
        if let f = field("fortran_order"), f.hasPrefix("True") { throw fail("Fortran-ordered arrays are not supported") }
        // `(` first, so the `)` found is after it.
        guard let s = field("shape"), s.first == "(", let close = s.firstIndex(of: ")") else { throw fail("header has no shape") }
        let dims = s[s.index(after: s.startIndex)..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var shape: [Int] = [], count = 1
        for dim in dims {
            guard let v = Int(dim), v >= 0 else { throw fail("bad shape entry '\(dim)'") }
            let (p, o) = count.multipliedReportingOverflow(by: v)
            guard !o, p <= maxBytes else { throw fail("shape is too large") }
            shape.append(v); count = p
        }
        let itemSize: Int
        switch descr { case "|u1", "<u1", "|i1": itemSize = 1; case "<f4", "<i4": itemSize = 4; case "<f8", "<i8": itemSize = 8
        default: throw fail("unsupported dtype '\(descr)' (supported: uint8, float32, float64, int32, int64)") }
        let body = start + hlen
        guard b.count - body == count * itemSize else {
            throw fail("shape \(formatShape(shape)) of \(descr) needs \(count * itemSize) bytes but the array holds \(b.count - body)")
        }
        return b.withUnsafeBytes { raw -> NPYArray in
            let p = raw.baseAddress! + body
            if descr.hasSuffix("u1") {
                return .uint8(ByteTensor(shape: shape, storage: TensorStorage(copying: p.assumingMemoryBound(to: UInt8.self), count: count), offset: 0))
            }
            let t = Tensor(zeros: shape), dst = t.base
            for i in 0..<count {
                let q = p + i * itemSize
                switch descr {
                case "<f4": dst[i] = q.loadUnaligned(as: Float.self)
                case "|i1": dst[i] = Float(q.loadUnaligned(as: Int8.self))
                case "<i4": dst[i] = Float(q.loadUnaligned(as: Int32.self))
                case "<f8": dst[i] = Float(q.loadUnaligned(as: Double.self))
                default: dst[i] = Float(q.loadUnaligned(as: Int64.self))
                }
            }
            return .float32(t)
        }
    }

    /// `.npy` bytes for a float32 or uint8 array (format 1.0).
    static func encode(_ array: NPYArray) -> Data {
        let descr: String
        switch array { case .float32: descr = "<f4"; case .uint8: descr = "|u1" }
        let s = array.shape
        let shapeText = s.count == 1 ? "(\(s[0]),)" : "(" + s.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shapeText), }"
        // Pad with spaces so magic + length + header + "\n" is a multiple of 64.
        let total = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - total % 64) % 64) + "\n"
        var d = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let n = header.utf8.count
        d.append(contentsOf: [UInt8(n & 0xff), UInt8(n >> 8)])
        d.append(contentsOf: Array(header.utf8))
        switch array {
        case .float32(let t): t.withUnsafeBufferPointer { d.append(UnsafeBufferPointer(start: $0.baseAddress, count: $0.count)) }
        case .uint8(let t): t.withUnsafeBufferPointer { d.append(UnsafeBufferPointer(start: $0.baseAddress, count: $0.count)) }
        }
        return d
    }

    /// Reads every array of a `.npz` (stored or deflated entries), keyed without `.npy`.
    public static func readArchive(_ path: String) throws -> [String: NPYArray] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CNNError.file(path: path, problem: "cannot be opened (no such file)")
        }
        guard !isDirectory.boolValue else { throw CNNError.file(path: path, problem: "is a folder, not a .npz file") }
        // The size is checked before the file is read.
        if let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, size > maxArchiveBytes {
            throw CNNError.file(path: path, problem: "is \(size) bytes, larger than the \(maxArchiveBytes)-byte limit")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CNNError.file(path: path, problem: "cannot be read: \(error.localizedDescription)")
        }
        return try readArchive(data: data, name: path)
    }

    /// Largest `.npz` file read.
    static let maxArchiveBytes = 1 << 32

    /// Reads every array of a `.npz` held in memory; `name` is used in errors.
    public static func readArchive(data: Data, name: String) throws -> [String: NPYArray] {
        let archive = try ZIPReader(data, name: name)
        var out: [String: NPYArray] = [:]
        for entry in archive.entries where !entry.isDirectory {
            let data = try archive.contents(of: entry)
            let key = entry.path.hasSuffix(".npy") ? String(entry.path.dropLast(4)) : entry.path
            out[key] = try parse(data, name: "\(name)[\(entry.path)]")
        }
        return out
    }

    /// Writes named arrays as an uncompressed `.npz` (what `np.savez` makes), atomically.
    public static func writeArchive(_ arrays: [(String, NPYArray)], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        try? FileManager.default.removeItem(at: tmp)
        do {
            let archive = try Archive(url: tmp, accessMode: .create)
            for (name, array) in arrays {
                let data = encode(array)
                try archive.addEntry(with: name + ".npy", type: .file, uncompressedSize: Int64(data.count), compressionMethod: .none) { pos, size in
                    data.subdata(in: Int(pos)..<Int(pos) + size)
                }
            }
            if FileManager.default.fileExists(atPath: path) { _ = try FileManager.default.replaceItemAt(url, withItemAt: tmp) }
            else { try FileManager.default.moveItem(at: tmp, to: url) }
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw CNNError.file(path: path, problem: "cannot be written: \(error)")
        }
    }
}
