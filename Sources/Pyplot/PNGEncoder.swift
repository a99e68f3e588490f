import CGzip
import CPNG
import Foundation
import Script

/// 8-bit grayscale or RGB images as PNG, written (and read back) by Debian's libpng
/// through its simplified `png_image` API.
public enum PNGEncoder {
    /// `pixels` holds `width * height * channels` bytes, rows top to bottom; channels 1 or 3.
    /// An image libpng refuses (no pixels, sizes that do not match) gives empty data.
    public static func encode(width: Int, height: Int, channels: Int, pixels: [UInt8]) -> Data {
        guard channels == 1 || channels == 3, width > 0, height > 0, width <= 1 << 20, height <= 1 << 20,
              let count = RunContext.product([width, height, channels]), pixels.count == count else { return Data() }
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(width)
        image.height = UInt32(height)
        image.format = channels == 1 ? UInt32(PNG_FORMAT_GRAY) : UInt32(PNG_FORMAT_RGB)
        var size: png_alloc_size_t = 0
        // The first call measures, the second writes.
        guard png_image_write_to_memory(&image, nil, &size, 0, pixels, 0, nil) != 0, size > 0 else { png_image_free(&image); return Data() }
        var out = [UInt8](repeating: 0, count: Int(size))
        let written = out.withUnsafeMutableBytes { png_image_write_to_memory(&image, $0.baseAddress, &size, 0, pixels, 0, nil) }
        png_image_free(&image)
        return written != 0 ? Data(out.prefix(Int(size))) : Data()
    }

    /// A PNG read back as 8-bit pixels (1 channel gray, or 3 RGB), for tests and checks;
    /// nil when libpng cannot read it or it is larger than `maxPixels`.
    public static func decode(_ data: Data, channels: Int, maxPixels: Int = 1 << 26) -> (width: Int, height: Int, pixels: [UInt8])? {
        guard channels == 1 || channels == 3 else { return nil }
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        let begun = data.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard begun != 0 else { png_image_free(&image); return nil }
        let width = Int(image.width), height = Int(image.height)
        guard let count = RunContext.product([width, height, channels]), width * height <= maxPixels else { png_image_free(&image); return nil }
        image.format = channels == 1 ? UInt32(PNG_FORMAT_GRAY) : UInt32(PNG_FORMAT_RGB)
        var pixels = [UInt8](repeating: 0, count: count)
        let finished = pixels.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
        png_image_free(&image)
        return finished != 0 ? (width, height, pixels) : nil
    }

    static func crc(_ data: Data) -> UInt32 {
        data.withUnsafeBytes { UInt32(crc32(0, $0.bindMemory(to: UInt8.self).baseAddress, uInt($0.count))) }
    }
}

extension Data {
    mutating func appendBigEndian(_ value: UInt32) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }

    /// Appends a PNG chunk (length, type, body, CRC): tests build hostile PNGs with it.
    public mutating func appendChunk(_ type: String, _ body: Data) {
        appendBigEndian(UInt32(truncatingIfNeeded: body.count))
        let typed = Data(type.utf8) + body
        append(typed)
        appendBigEndian(PNGEncoder.crc(typed))
    }
}
