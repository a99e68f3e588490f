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

/// The one file that calls libhdf5 (Debian's `libhdf5-dev`). Reading takes the file's bytes
/// (bounded before they are read) and opens them as an image in memory; libhdf5's own error
/// printing is off, and its innermost message goes into a `CNNError.file` naming the file.
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
        chdf5_silence()
        return try data.withUnsafeBytes { raw -> H5Group in
            guard let base = raw.baseAddress else { throw CNNError.file(path: name, problem: "is empty") }
            let fapl = chdf5_image_access(base, raw.count)
            guard fapl >= 0 else { throw failure(name, "cannot be opened") }
            defer { H5Pclose(fapl) }
            let file = H5Fopen("image", chdf5_acc_rdonly(), fapl)
            guard file >= 0 else { throw failure(name, "cannot be opened as HDF5") }
            defer { H5Fclose(file) }
            var reader = Reader(name: name, budget: maxBytes)
            return try reader.group(file, depth: 0)
        }
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

    /// Walks an open file, charging every dataset to the byte budget before reading it.
    struct Reader {
        let name: String
        var budget: Int
        var objects = 0

        mutating func group(_ loc: hid_t, depth: Int) throws -> H5Group {
            guard depth <= HDF5.maxDepth else { throw CNNError.file(path: name, problem: "nests groups more than \(HDF5.maxDepth) deep") }
            var out = H5Group()
            var info = H5G_info_t()
            guard H5Gget_info(loc, &info) >= 0 else { throw HDF5.failure(name, "has an unreadable group") }
            for i in 0..<info.nlinks {
                objects += 1
                guard objects <= HDF5.maxObjects else { throw CNNError.file(path: name, problem: "holds more than \(HDF5.maxObjects) objects") }
                let key = try linkName(loc, i)
                guard chdf5_is_hard_link(loc, key) == 1 else { continue }  // never follow soft or external links
                let object = H5Oopen(loc, key, chdf5_default())
                guard object >= 0 else { throw HDF5.failure(name, "cannot open '\(key)'") }
                defer { H5Oclose(object) }
                switch H5Iget_type(object) {
                case H5I_GROUP: out.groups[key] = try group(object, depth: depth + 1)
                case H5I_DATASET: out.datasets[key] = try dataset(object, key)
                default: continue
                }
            }
            out.attributes = try attributes(loc)
            return out
        }

        func linkName(_ loc: hid_t, _ i: hsize_t) throws -> String {
            let length = H5Lget_name_by_idx(loc, ".", H5_INDEX_NAME, H5_ITER_INC, i, nil, 0, chdf5_default())
            guard length >= 0, length < 4096 else { throw HDF5.failure(name, "has an unreadable link name") }
            var buffer = [CChar](repeating: 0, count: Int(length) + 1)
            guard H5Lget_name_by_idx(loc, ".", H5_INDEX_NAME, H5_ITER_INC, i, &buffer, buffer.count, chdf5_default()) >= 0 else {
                throw HDF5.failure(name, "has an unreadable link name")
            }
            return String(cString: buffer)
        }

        /// The string attributes (Keras writes only `name`); others are skipped.
        func attributes(_ loc: hid_t) throws -> [String: String] {
            var out: [String: String] = [:]
            var info = H5O_info_t()
            guard H5Oget_info2(loc, &info, UInt32(H5O_INFO_NUM_ATTRS)) >= 0 else { throw HDF5.failure(name, "has unreadable attributes") }
            guard info.num_attrs <= 1024 else { throw CNNError.file(path: name, problem: "has \(info.num_attrs) attributes on one object") }
            for i in 0..<info.num_attrs {
                let a = H5Aopen_by_idx(loc, ".", H5_INDEX_NAME, H5_ITER_INC, i, chdf5_default(), chdf5_default())
                guard a >= 0 else { throw HDF5.failure(name, "has an unreadable attribute") }
                defer { H5Aclose(a) }
                let length = H5Aget_name(a, 0, nil)
                guard length >= 0, length < 4096 else { continue }
                var buffer = [CChar](repeating: 0, count: length + 1)
                H5Aget_name(a, buffer.count, &buffer)
                if let value = try string(a) { out[String(cString: buffer)] = value }
            }
            return out
        }

        /// A scalar string attribute, variable-length or fixed; nil for any other kind.
        func string(_ a: hid_t) throws -> String? {
            let type = H5Aget_type(a), space = H5Aget_space(a)
            defer { H5Tclose(type); H5Sclose(space) }
            guard H5Tget_class(type) == H5T_STRING, H5Sget_simple_extent_type(space) == H5S_SCALAR else { return nil }
            if H5Tis_variable_str(type) > 0 {
                let memory = H5Tcopy(chdf5_c_s1())
                defer { H5Tclose(memory) }
                H5Tset_size(memory, Int(bitPattern: UInt(bitPattern: -1)))
                H5Tset_cset(memory, H5Tget_cset(type))
                var pointer: UnsafeMutablePointer<CChar>? = nil
                guard H5Aread(a, memory, &pointer) >= 0 else { throw HDF5.failure(name, "has an unreadable string attribute") }
                guard let pointer else { return "" }
                defer { H5free_memory(pointer) }
                return String(cString: pointer)
            }
            let size = H5Tget_size(type)
            guard size > 0, size <= 65536 else { return nil }
            var buffer = [CChar](repeating: 0, count: size + 1)
            guard H5Aread(a, type, &buffer) >= 0 else { throw HDF5.failure(name, "has an unreadable string attribute") }
            return String(cString: buffer)
        }

        mutating func dataset(_ d: hid_t, _ key: String) throws -> H5Dataset {
            let space = H5Dget_space(d), type = H5Dget_type(d)
            defer { H5Sclose(space); H5Tclose(type) }
            guard space >= 0, type >= 0 else { throw HDF5.failure(name, "has an unreadable dataset '\(key)'") }
            let rank = H5Sget_simple_extent_ndims(space)
            guard rank >= 0, rank <= HDF5.maxRank else { throw CNNError.file(path: name, problem: "dataset '\(key)' has an unreadable shape") }
            var dims = [hsize_t](repeating: 0, count: Int(rank))
            if rank > 0 { guard H5Sget_simple_extent_dims(space, &dims, nil) == rank else { throw HDF5.failure(name, "dataset '\(key)' has an unreadable shape") } }
            // A null dataspace holds nothing at all.
            var count = H5Sget_simple_extent_type(space) == H5S_NULL ? 0 : 1
            var shape: [Int] = []
            for dim in dims {
                guard dim <= UInt64(Int.max), case let (n, over) = count.multipliedReportingOverflow(by: Int(dim)), !over else {
                    throw CNNError.file(path: name, problem: "dataset '\(key)' is too large")
                }
                count = n; shape.append(Int(dim))
            }
            let integer = H5Tget_class(type) == H5T_INTEGER
            guard integer || H5Tget_class(type) == H5T_FLOAT else {
                throw CNNError.file(path: name, problem: "dataset '\(key)' holds neither numbers nor floats")
            }
            // 8 bytes an element at most (int64), charged before the read.
            let (bytes, over) = count.multipliedReportingOverflow(by: integer ? 8 : 4)
            guard !over, bytes <= budget else { throw CNNError.file(path: name, problem: "dataset '\(key)' is larger than the bytes a run may read") }
            budget -= bytes
            if integer {
                var values = [Int64](repeating: 0, count: count)
                guard count == 0 || values.withUnsafeMutableBytes({ H5Dread(d, chdf5_native_int64(), chdf5_all(), chdf5_all(), chdf5_default(), $0.baseAddress) }) >= 0 else {
                    throw HDF5.failure(name, "cannot read dataset '\(key)'")
                }
                return H5Dataset(shape: shape, values: .int64(values))
            }
            var values = [Float](repeating: 0, count: count)
            guard count == 0 || values.withUnsafeMutableBytes({ H5Dread(d, chdf5_native_float(), chdf5_all(), chdf5_all(), chdf5_default(), $0.baseAddress) }) >= 0 else {
                throw HDF5.failure(name, "cannot read dataset '\(key)'")
            }
            return H5Dataset(shape: shape, values: .float32(values))
        }
    }
}
