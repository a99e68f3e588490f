import CGzip
import Foundation

/// The pixels of a PNG as RGB bytes (alpha laid over white), for `lesson check --images`.
/// Reads 8-bit grayscale, gray+alpha, RGB and RGBA without interlacing, which is what
/// matplotlib and our figures write; anything else is nil, as is any malformed file.
struct PNGPixels: Equatable {
    var width: Int
    var height: Int
    var rgb: [UInt8]

    /// Images larger than this many pixels are not decoded.
    static let largest = 1 << 24

    init?(_ data: Data) {
        let bytes = [UInt8](data)
        guard bytes.count >= 8, Array(bytes[0..<8]) == PNGSize.signature else { return nil }
        var offset = 8
        var header: [UInt8] = []
        var compressed: [UInt8] = []
        while offset + 8 <= bytes.count {
            let length = bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let (end, overflow) = (offset + 8).addingReportingOverflow(length)
            guard !overflow, end + 4 <= bytes.count else { return nil }
            let body = bytes[(offset + 8)..<end]
            if type == "IHDR" { header = Array(body) }
            if type == "IDAT" { compressed += body }
            if type == "IEND" { break }
            offset = end + 4
        }
        guard header.count == 13 else { return nil }
        func word(_ at: Int) -> Int { header[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        let width = word(0), height = word(4)
        let depth = header[8], colorType = header[9], interlace = header[12]
        let channels: Int
        switch colorType { case 0: channels = 1; case 2: channels = 3; case 4: channels = 2; case 6: channels = 4; default: return nil }
        guard depth == 8, interlace == 0, width > 0, height > 0 else { return nil }
        let (pixels, o1) = width.multipliedReportingOverflow(by: height)
        guard !o1, pixels <= Self.largest else { return nil }
        let stride = width * channels
        let expected = (stride + 1) * height
        var raw = [UInt8](repeating: 0, count: expected)
        var length = uLong(expected)
        let status = raw.withUnsafeMutableBufferPointer { out in
            compressed.withUnsafeBufferPointer { input in uncompress(out.baseAddress, &length, input.baseAddress, uLong(input.count)) }
        }
        guard status == Z_OK, Int(length) == expected else { return nil }
        guard let rows = Self.unfilter(raw, stride: stride, height: height, bytesPerPixel: channels) else { return nil }
        var rgb = [UInt8](repeating: 0, count: pixels * 3)
        for index in 0..<pixels {
            let p = index * channels
            let (r, g, b): (Int, Int, Int) = channels <= 2 ? (Int(rows[p]), Int(rows[p]), Int(rows[p])) : (Int(rows[p]), Int(rows[p + 1]), Int(rows[p + 2]))
            let alpha = channels == 2 ? Int(rows[p + 1]) : channels == 4 ? Int(rows[p + 3]) : 255
            func over(_ c: Int) -> UInt8 { UInt8((c * alpha + 255 * (255 - alpha)) / 255) }
            rgb[index * 3] = over(r); rgb[index * 3 + 1] = over(g); rgb[index * 3 + 2] = over(b)
        }
        self.width = width
        self.height = height
        self.rgb = rgb
    }

    /// Undoes PNG's per-row filters (none, sub, up, average, Paeth).
    static func unfilter(_ raw: [UInt8], stride: Int, height: Int, bytesPerPixel bpp: Int) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: stride * height)
        for row in 0..<height {
            let filter = raw[row * (stride + 1)]
            let input = row * (stride + 1) + 1
            let base = row * stride
            for x in 0..<stride {
                let a = x >= bpp ? Int(out[base + x - bpp]) : 0
                let b = row > 0 ? Int(out[base - stride + x]) : 0
                let c = row > 0 && x >= bpp ? Int(out[base - stride + x - bpp]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: return nil
                }
                out[base + x] = UInt8((Int(raw[input + x]) + predictor) & 0xFF)
            }
        }
        return out
    }

    /// The mean absolute difference of two images of the same size, from 0 (same) to 1.
    func difference(from other: PNGPixels) -> Double? {
        guard width == other.width, height == other.height, !rgb.isEmpty else { return nil }
        var total = 0
        for index in rgb.indices { total += abs(Int(rgb[index]) - Int(other.rgb[index])) }
        return Double(total) / Double(rgb.count) / 255
    }
}
