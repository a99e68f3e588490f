import CGzip
import Foundation

/// Reads the IDX format of MNIST (`train-images.idx3-ubyte`, raw or gzipped).
public enum IDX {
    /// Largest file accepted after decompression: guards against gzip bombs.
    static let maxBytes = 1 << 30

    /// Reads a whole file, gunzipping when it is gzip (zlib's gzread passes plain files through).
    static func readMaybeGzip(_ path: String) throws -> [UInt8] {
        guard let f = gzopen(path, "rb") else { throw CNNError.file(path: path, problem: "cannot be opened") }
        defer { gzclose(f) }
        var out: [UInt8] = [], chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { gzread(f, $0.baseAddress, UInt32($0.count)) }
            if n < 0 { throw CNNError.file(path: path, problem: "is not a valid gzip stream (corrupt or truncated)") }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<Int(n)])
            if out.count > maxBytes { throw CNNError.file(path: path, problem: "is larger than \(maxBytes) bytes once decompressed") }
        }
        return out
    }

    /// An unsigned-byte IDX array: shape from the header, sizes checked before allocating.
    public static func read(_ path: String) throws -> ByteTensor {
        let bytes = try readMaybeGzip(path)
        return try parse(bytes, path: path)
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
            let o = 4 + 4 * d
            let v = Int(bytes[o]) << 24 | Int(bytes[o + 1]) << 16 | Int(bytes[o + 2]) << 8 | Int(bytes[o + 3])
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
        return bytes.withUnsafeBufferPointer { b in
            ByteTensor(shape: shape, storage: TensorStorage(copying: b.baseAddress! + headerLen, count: expected), offset: 0)
        }
    }
}
