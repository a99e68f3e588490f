import CGzip
import Foundation

/// Writes 8-bit grayscale or RGB images as PNG, compressed with zlib.
public enum PNGEncoder {
    /// `pixels` holds `width * height * channels` bytes, rows top to bottom; channels 1 or 3.
    public static func encode(width: Int, height: Int, channels: Int, pixels: [UInt8]) -> Data {
        precondition(channels == 1 || channels == 3, "PNGEncoder: 1 or 3 channels")
        var raw = [UInt8]()
        raw.reserveCapacity((width * channels + 1) * height)
        for row in 0..<height {
            raw.append(0) // filter: none
            raw.append(contentsOf: pixels[(row * width * channels)..<((row + 1) * width * channels)])
        }
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = Data()
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header.append(contentsOf: [8, channels == 1 ? 0 : 2, 0, 0, 0])
        png.appendChunk("IHDR", header)
        png.appendChunk("IDAT", deflate(raw))
        png.appendChunk("IEND", Data())
        return png
    }

    static func deflate(_ bytes: [UInt8]) -> Data {
        var length = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(length))
        let status = out.withUnsafeMutableBufferPointer { o in
            bytes.withUnsafeBufferPointer { i in compress2(o.baseAddress, &length, i.baseAddress, uLong(bytes.count), 6) }
        }
        precondition(status == Z_OK, "zlib compress2 failed")
        return Data(out.prefix(Int(length)))
    }

    static func crc(_ data: Data) -> UInt32 {
        data.withUnsafeBytes { UInt32(crc32(0, $0.bindMemory(to: UInt8.self).baseAddress, uInt($0.count))) }
    }
}

extension Data {
    mutating func appendBigEndian(_ value: UInt32) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }

    public mutating func appendChunk(_ type: String, _ body: Data) {
        appendBigEndian(UInt32(body.count))
        let typed = Data(type.utf8) + body
        append(typed)
        appendBigEndian(PNGEncoder.crc(typed))
    }
}
