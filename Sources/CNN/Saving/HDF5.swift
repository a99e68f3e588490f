import CHDF5
import Foundation

/// One HDF5 group read whole into memory, or to be written whole: string attributes, child
/// groups and float32 / int64 datasets — what Keras 3's `.weights.h5` holds.
public struct H5Group: Equatable, Sendable {
    public var attributes: [String: String] = [:]
    public var groups: [String: H5Group] = [:]
    public var datasets: [String: H5Dataset] = [:]
    public init(attributes: [String: String] = [:], groups: [String: H5Group] = [:], datasets: [String: H5Dataset] = [:]) {
        self.attributes = attributes; self.groups = groups; self.datasets = datasets
    }

    /// The group at a `/`-separated path ("layers/dense/vars"), if there is one.
    public func group(at path: String) -> H5Group? {
        var g = self
        for part in path.split(separator: "/") {
            guard let next = g.groups[String(part)] else { return nil }
            g = next
        }
        return g
    }
}

public struct H5Dataset: Equatable, Sendable {
    public enum Values: Equatable, Sendable { case float32([Float]), int64([Int64]) }
    public var shape: [Int]
    public var values: Values
    public init(shape: [Int], values: Values) { self.shape = shape; self.values = values }
    public var dtype: String { if case .int64 = values { return "int64" }; return "float32" }
}

/// HDF5 files: written by libhdf5 (Debian's `libhdf5-dev`; this is the one file that calls it,
/// with its error printing off and its innermost message in a `CNNError.file` naming the file),
/// read by our own bounded reader (HDF5Reader.swift), because libhdf5 1.10 crashes and hangs
/// on damaged files. The file's bytes are bounded before they are read.
public enum HDF5 {
    /// Nesting and object counts a weights file never comes near; hard links can form cycles.
    static let maxDepth = 32, maxObjects = 100_000, maxRank = 32

    /// Reads the file at `path`; errors name it `name` (the path as the lesson gave it).
    public static func read(_ path: String, name: String? = nil, maxBytes: Int) throws -> H5Group {
        let shown = name ?? path
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        guard let size else { throw CNNError.file(path: shown, problem: "No such file or directory") }
        guard size <= maxBytes else { throw CNNError.file(path: shown, problem: "is \(size) bytes, more than the \(maxBytes) bytes a value may take") }
        guard let data = FileManager.default.contents(atPath: path) else { throw CNNError.file(path: shown, problem: "cannot be read") }
        return try read(data: data, name: shown, maxBytes: maxBytes)
    }

    public static func read(data: Data, name: String, maxBytes: Int) throws -> H5Group {
        // Keras's file has its superblock at 0; h5py's "file signature not found" otherwise.
        let signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]
        guard data.count >= 8, Array(data.prefix(8)) == signature else {
            throw CNNError.file(path: name, problem: "is not an HDF5 file (file signature not found)")
        }
        var reader = HDF5Reader(data, name: name, budget: maxBytes)
        return try reader.read()
    }

    /// Writes `root` as a new file at `path` (a temporary the caller renames into place).
    public static func write(_ root: H5Group, to path: String) throws {
        chdf5_silence()
        let file = H5Fcreate(path, chdf5_acc_trunc(), chdf5_default(), chdf5_default())
        guard file >= 0 else { throw failure(path, "cannot be created") }
        var closed = false
        defer { if !closed { H5Fclose(file) } }
        try write(root, into: file, path)
        closed = true
        guard H5Fclose(file) >= 0 else { throw failure(path, "cannot be written") }
    }

    private static func write(_ group: H5Group, into loc: hid_t, _ path: String) throws {
        for (key, value) in group.attributes.sorted(by: { $0.key < $1.key }) { try writeString(key, value, on: loc, path) }
        for (key, dataset) in group.datasets.sorted(by: { $0.key < $1.key }) { try write(dataset, named: key, into: loc, path) }
        for (key, child) in group.groups.sorted(by: { $0.key < $1.key }) {
            let g = H5Gcreate2(loc, key, chdf5_default(), chdf5_default(), chdf5_default())
            guard g >= 0 else { throw failure(path, "cannot create group '\(key)'") }
            defer { H5Gclose(g) }
            try write(child, into: g, path)
        }
    }

    /// As h5py writes a Python `str` attribute: a scalar, variable-length UTF-8 string.
    private static func writeString(_ key: String, _ value: String, on loc: hid_t, _ path: String) throws {
        let type = H5Tcopy(chdf5_c_s1())
        defer { H5Tclose(type) }
        H5Tset_size(type, Int(bitPattern: UInt(bitPattern: -1)))  // H5T_VARIABLE
        H5Tset_cset(type, H5T_CSET_UTF8)
        let space = H5Screate(H5S_SCALAR)
        defer { H5Sclose(space) }
        let attribute = H5Acreate2(loc, key, type, space, chdf5_default(), chdf5_default())
        guard attribute >= 0 else { throw failure(path, "cannot create attribute '\(key)'") }
        defer { H5Aclose(attribute) }
        let status = value.withCString { c -> herr_t in
            var pointer: UnsafePointer<CChar>? = c
            return H5Awrite(attribute, type, &pointer)
        }
        guard status >= 0 else { throw failure(path, "cannot write attribute '\(key)'") }
    }

    private static func write(_ dataset: H5Dataset, named key: String, into loc: hid_t, _ path: String) throws {
        let dims = dataset.shape.map { hsize_t($0) }
        let space = dims.isEmpty ? H5Screate(H5S_SCALAR) : H5Screate_simple(Int32(dims.count), dims, nil)
        guard space >= 0 else { throw failure(path, "cannot describe dataset '\(key)'") }
        defer { H5Sclose(space) }
        let (fileType, memoryType) = dataset.dtype == "int64" ? (chdf5_std_i64le(), chdf5_native_int64()) : (chdf5_ieee_f32le(), chdf5_native_float())
        let d = H5Dcreate2(loc, key, fileType, space, chdf5_default(), chdf5_default(), chdf5_default())
        guard d >= 0 else { throw failure(path, "cannot create dataset '\(key)'") }
        defer { H5Dclose(d) }
        let status: herr_t
        switch dataset.values {
        case .float32(let v): status = v.withUnsafeBytes { H5Dwrite(d, memoryType, chdf5_all(), chdf5_all(), chdf5_default(), $0.baseAddress) }
        case .int64(let v): status = v.withUnsafeBytes { H5Dwrite(d, memoryType, chdf5_all(), chdf5_all(), chdf5_default(), $0.baseAddress) }
        }
        guard status >= 0 else { throw failure(path, "cannot write dataset '\(key)'") }
    }

    /// A file error with libhdf5's innermost message ("truncated file: eof = …").
    static func failure(_ path: String, _ what: String) -> CNNError {
        var buffer = [CChar](repeating: 0, count: 256)
        chdf5_last_error(&buffer)
        let detail = String(cString: buffer)
        return CNNError.file(path: path, problem: detail.isEmpty ? what : "\(what) (\(detail))")
    }
}
