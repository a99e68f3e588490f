import CGzip
import Foundation

/// Reads the IDX format of MNIST (`train-images.idx3-ubyte`, raw or gzipped).
public enum IDX {
    /// Largest array accepted (header product, and bytes once decompressed): guards against
    /// lying headers and gzip bombs.
    static let maxBytes = 1 << 30
    /// Deflate cannot expand data by more than about 1032:1; a gzip file whose header claims
    /// more than this many bytes per compressed byte is lying (or a bomb).
    static let maxDeflateRatio = 1032

    /// An unsigned-byte IDX array from a file: shape from the header, sizes checked before allocating.
    public static func read(_ path: String) throws -> ByteTensor {
        try decode(readFile(path), name: path)
    }

    /// An IDX array from the bytes of a file (raw or gzip); `name` is used in errors.
    public static func decode(_ data: Data, name: String) throws -> ByteTensor {
        let bytes = [UInt8](data)
        if bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b {
            return try parse(gunzip(bytes, name: name), path: name)
        }
        return try parse(bytes, path: name)
    }

    /// The file's bytes; its size is checked before reading, so a huge file is refused, not read.
    static func readFile(_ path: String) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CNNError.file(path: path, problem: "cannot be opened (no such file)")
        }
        guard !isDirectory.boolValue else { throw CNNError.file(path: path, problem: "is a folder, not an IDX file") }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        if let size, size > maxBytes + 64 { throw CNNError.file(path: path, problem: "is \(size) bytes, larger than the \(maxBytes)-byte limit") }
        do { return try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe) } catch {
            throw CNNError.file(path: path, problem: "cannot be read: \(error.localizedDescription)")
        }
    }

    /// Decompresses a gzip file (one or more members). The IDX header is read as soon as it is
    /// out, and the output may not outgrow what it claims, so a bomb stops early.
    static func gunzip(_ input: [UInt8], name: String) throws -> [UInt8] {
        func fail(_ problem: String) -> CNNError { .file(path: name, problem: problem) }
        var stream = z_stream()
        // 15 + 16: a gzip wrapper, the largest window.
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw fail("cannot be decompressed (zlib failed to start)")
        }
        defer { inflateEnd(&stream) }
        var out: [UInt8] = []
        var limit = maxBytes, headerRead = false
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        return try input.withUnsafeBufferPointer { source -> [UInt8] in
            var consumed = 0
            while true {
                let remaining = source.count - consumed
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress.map { $0 + consumed })
                stream.avail_in = UInt32(clamping: remaining)
                let fedIn = Int(stream.avail_in)
                let status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                consumed += fedIn - Int(stream.avail_in)
                let produced = chunk.count - Int(stream.avail_out)
                if out.count + produced > limit {
                    throw fail(headerRead ? "decompresses to more than the \(limit) bytes its IDX header claims (corrupt)" : "decompresses to more than \(limit) bytes (a gzip bomb?)")
                }
                out.append(contentsOf: chunk[0..<produced])
                if !headerRead {
                    switch header(of: out) {
                    case .incomplete: break
                    // Not IDX, or absurd: stop decompressing; parse says what is wrong.
                    case .invalid: return out
                    case .claims(let claimed):
                        // Header + data: the output must end exactly there (parse checks that).
                        guard claimed <= input.count * maxDeflateRatio else {
                            throw fail("header claims \(claimed - 4 - 4 * Int(out[3])) bytes of data but \(input.count) compressed bytes cannot hold that many (truncated or corrupt)")
                        }
                        limit = claimed
                        headerRead = true
                        guard out.count <= limit else {
                            throw fail("decompresses to more than the \(limit) bytes its IDX header claims (corrupt)")
                        }
                        out.reserveCapacity(claimed)
                    }
                }
                switch status {
                case Z_STREAM_END:
                    // Another member may follow (as `cat a.gz b.gz` makes); anything else is ignored, as gzip does.
                    let rest = source.count - consumed
                    guard rest >= 2, source[consumed] == 0x1f, source[consumed + 1] == 0x8b else { return out }
                    guard inflateReset(&stream) == Z_OK else { throw fail("is not a valid gzip stream (corrupt)") }
                case Z_OK, Z_BUF_ERROR:
                    // No progress: the input ended early, or zlib is stuck on it.
                    if produced == 0, fedIn == Int(stream.avail_in) {
                        throw fail(consumed == source.count ? "is a truncated gzip stream (it ends before the data does)"
                                                            : "is not a valid gzip stream (no progress)")
                    }
                default:
                    let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    throw fail("is not a valid gzip stream (\(reason))")
                }
            }
        }
    }

    enum Header { case incomplete, invalid, claims(Int) }

    /// Header plus data size an IDX header claims, once its bytes are there; `.invalid` for a
    /// bad magic number or a product too large (`parse` then says what is wrong).
    static func header(of bytes: [UInt8]) -> Header {
        guard bytes.count >= 4 else { return .incomplete }
        guard bytes[0] == 0, bytes[1] == 0, bytes[2] == 0x08, (1...4).contains(bytes[3]) else { return .invalid }
        let rank = Int(bytes[3]), headerLength = 4 + 4 * rank
        guard bytes.count >= headerLength else { return .incomplete }
        var total = 1
        for d in 0..<rank {
            let (p, overflow) = total.multipliedReportingOverflow(by: dimension(bytes, d))
            guard !overflow, p <= maxBytes else { return .invalid }
            total = p
        }
        return .claims(headerLength + total)
    }

    /// Dimension `d` of the header: a big-endian 32-bit count.
    static func dimension(_ bytes: [UInt8], _ d: Int) -> Int {
        let o = 4 + 4 * d
        return Int(bytes[o]) << 24 | Int(bytes[o + 1]) << 16 | Int(bytes[o + 2]) << 8 | Int(bytes[o + 3])
    }

    static func parse(_ bytes: [UInt8], path: String) throws -> ByteTensor {
        guard bytes.count >= 4 else { throw CNNError.file(path: path, problem: "is too short to be an IDX file (\(bytes.count) bytes)") }
        guard bytes[0] == 0, bytes[1] == 0, bytes[2] == 0x08, (1...4).contains(bytes[3]) else {
            let magic = bytes[0..<4].map { String(format: "%02x", $0) }.joined()
            throw CNNError.file(path: path, problem: "bad magic number 0x\(magic) (expected 0x0000080N: unsigned bytes, N dimensions)")
        }
        let rank = Int(bytes[3]), headerLen = 4 + 4 * rank
        guard bytes.count >= headerLen else { throw CNNError.file(path: path, problem: "header is truncated") }
        var shape: [Int] = [], expected = 1
        for d in 0..<rank {
            let v = dimension(bytes, d)
            shape.append(v)
            // Multiply with overflow check: a header may claim absurd sizes.
            let (p, overflow) = expected.multipliedReportingOverflow(by: v)
            guard !overflow, p <= maxBytes else { throw CNNError.file(path: path, problem: "header claims shape \(formatShape(shape)), larger than the file") }
            expected = p
        }
        let available = bytes.count - headerLen
        guard available == expected else {
            throw CNNError.file(path: path, problem: "header claims shape \(formatShape(shape)) = \(expected) bytes of data but the file holds \(available) (truncated or corrupt)")
        }
        return try bytes.withUnsafeBufferPointer { b in
            // Never nil: the header alone is at least 8 bytes.
            guard let base = b.baseAddress else { throw CNNError.file(path: path, problem: "is empty") }
            return ByteTensor(shape: shape, storage: TensorStorage(copying: base + headerLen, count: expected), offset: 0)
        }
    }
}
