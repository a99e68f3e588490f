import CGzip
import Foundation

/// Reads the entries of a ZIP archive (what a `.npz` is): stored and deflated entries, ZIP64
/// sizes, CRC-32 checked. Written for untrusted files: every offset and size is checked
/// against the archive before it is used, and inflating stops at the size an entry claims.
///
/// Reading does not go through ZIPFoundation: on Linux its inflate loop never ends on a
/// deflate stream cut short at the end of the file, and its in-memory archives leak and
/// trap on offsets past the end (found by fuzzing; see docs/hardening.md). ZIPFoundation
/// still writes `.npz` files.
struct ZIPReader {
    struct Entry {
        var path: String
        var method: Int
        var flags: Int
        var crc: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
        var isDirectory: Bool { path.hasSuffix("/") }
    }

    let data: Data
    let name: String
    private(set) var entries: [Entry] = []

    /// Largest entry accepted once inflated.
    static let maxEntryBytes = 1 << 31
    /// Deflate cannot expand data by more than about 1032:1; an entry claiming more is lying.
    static let maxDeflateRatio = 1032

    init(_ data: Data, name: String) throws {
        self.data = data
        self.name = name
        entries = try readCentralDirectory()
    }

    func fail(_ problem: String) -> CNNError { .file(path: name, problem: problem) }

    // MARK: Little-endian fields, bounds-checked

    /// Throws unless `count` bytes at `offset` lie inside the archive.
    func need(_ offset: Int, _ count: Int, _ what: String) throws {
        guard offset >= 0, count >= 0, offset <= data.count, count <= data.count - offset else {
            throw fail("is not a valid ZIP archive: \(what) lies outside the file (truncated or corrupt)")
        }
    }

    func byte(_ offset: Int) -> Int { Int(data[data.startIndex + offset]) }
    func u16(_ offset: Int) -> Int { byte(offset) | byte(offset + 1) << 8 }
    func u32(_ offset: Int) -> Int { u16(offset) | u16(offset + 2) << 16 }
    /// A 64-bit size or offset; values beyond Int.max are refused by the callers' checks as "outside the file".
    func u64(_ offset: Int) -> Int {
        let value = UInt64(u32(offset)) | UInt64(u32(offset + 4)) << 32
        return Int(clamping: value)
    }

    // MARK: Directory

    func readCentralDirectory() throws -> [Entry] {
        // The end record is 22 bytes plus a comment of up to 65535: search backwards for it.
        guard data.count >= 22 else { throw fail("is not a ZIP archive (\(data.count) bytes, too short)") }
        var end: Int?
        var at = data.count - 22
        while at >= max(0, data.count - 22 - 0xFFFF) {
            if u32(at) == 0x0605_4b50, at + 22 + u16(at + 20) == data.count { end = at; break }
            at -= 1
        }
        // Tolerate a comment length that does not match (some writers pad): take the last signature.
        if end == nil {
            at = data.count - 22
            while at >= max(0, data.count - 22 - 0xFFFF) {
                if u32(at) == 0x0605_4b50 { end = at; break }
                at -= 1
            }
        }
        guard let eocd = end else { throw fail("is not a ZIP archive (no end of central directory record)") }
        guard u16(eocd + 4) == 0, u16(eocd + 6) == 0 else { throw fail("is a multi-part ZIP archive, which is not supported") }
        var count = u16(eocd + 10), size = u32(eocd + 12), offset = u32(eocd + 16)
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            // ZIP64: a locator just before the end record points at the ZIP64 end record.
            let locator = eocd - 20
            try need(locator, 20, "the ZIP64 locator")
            guard u32(locator) == 0x0706_4b50 else { throw fail("is not a valid ZIP archive: ZIP64 sizes without a ZIP64 locator") }
            let record = u64(locator + 8)
            try need(record, 56, "the ZIP64 end record")
            guard u32(record) == 0x0606_4b50 else { throw fail("is not a valid ZIP archive: bad ZIP64 end record") }
            count = u64(record + 32); size = u64(record + 40); offset = u64(record + 48)
        }
        try need(offset, size, "the central directory")
        var entries: [Entry] = []
        var position = offset
        // The count is only trusted as far as the directory's bytes go (46 bytes an entry at least).
        for _ in 0..<min(count, size / 46 + 1) {
            try need(position, 46, "a central directory entry")
            guard u32(position) == 0x0201_4b50 else { throw fail("is not a valid ZIP archive: bad central directory entry at byte \(position)") }
            let nameLength = u16(position + 28), extraLength = u16(position + 30), commentLength = u16(position + 32)
            try need(position + 46, nameLength + extraLength, "an entry name")
            let nameBytes = data[(data.startIndex + position + 46)..<(data.startIndex + position + 46 + nameLength)]
            var entry = Entry(path: String(decoding: nameBytes, as: UTF8.self), method: u16(position + 10), flags: u16(position + 8),
                              crc: UInt32(u32(position + 16)), compressedSize: u32(position + 20), uncompressedSize: u32(position + 24),
                              localHeaderOffset: u32(position + 42))
            try readZIP64Extra(&entry, extra: position + 46 + nameLength, length: extraLength)
            entries.append(entry)
            position += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }

    /// The ZIP64 extra field (id 1) holds, in order, the sizes and offset whose 32-bit fields are all ones.
    func readZIP64Extra(_ entry: inout Entry, extra start: Int, length: Int) throws {
        var at = start
        while at + 4 <= start + length {
            let id = u16(at), size = u16(at + 2)
            guard at + 4 + size <= start + length else { break }
            if id == 1 {
                var field = at + 4
                func next() throws -> Int {
                    guard field + 8 <= at + 4 + size else { throw fail("is not a valid ZIP archive: short ZIP64 field for \(entry.path)") }
                    defer { field += 8 }
                    return u64(field)
                }
                if entry.uncompressedSize == 0xFFFF_FFFF { entry.uncompressedSize = try next() }
                if entry.compressedSize == 0xFFFF_FFFF { entry.compressedSize = try next() }
                if entry.localHeaderOffset == 0xFFFF_FFFF { entry.localHeaderOffset = try next() }
            }
            at += 4 + size
        }
    }

    // MARK: Contents

    /// The entry's bytes, inflated and CRC-checked.
    func contents(of entry: Entry) throws -> Data {
        func bad(_ problem: String) -> CNNError { fail("entry \(entry.path) \(problem)") }
        guard entry.flags & 1 == 0 else { throw bad("is encrypted, which is not supported") }
        guard entry.uncompressedSize <= Self.maxEntryBytes else { throw bad("is too large (\(entry.uncompressedSize) bytes)") }
        let header = entry.localHeaderOffset
        try need(header, 30, "the local header of \(entry.path)")
        guard u32(header) == 0x0403_4b50 else { throw bad("has no local header where the directory says (corrupt)") }
        let start = header + 30 + u16(header + 26) + u16(header + 28)
        try need(start, entry.compressedSize, "the data of \(entry.path)")
        let body = data[(data.startIndex + start)..<(data.startIndex + start + entry.compressedSize)]
        let output: Data
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else { throw bad("is stored with two different sizes (corrupt)") }
            output = Data(body)
        case 8:
            // Sizes are checked before anything is allocated.
            let (bound, overflow) = entry.compressedSize.multipliedReportingOverflow(by: Self.maxDeflateRatio)
            if !overflow, entry.uncompressedSize > bound + 1024 {
                throw bad("claims \(entry.uncompressedSize) bytes from \(entry.compressedSize) compressed bytes (corrupt)")
            }
            output = try inflate(body, size: entry.uncompressedSize, bad)
        default:
            throw bad("uses compression method \(entry.method); only stored (0) and deflate (8) are supported")
        }
        let crc = output.withUnsafeBytes { raw -> UInt32 in
            var crc: uLong = 0
            var offset = 0
            // zlib takes 32-bit lengths: feed large entries in pieces.
            while offset < raw.count, let base = raw.baseAddress {
                let piece = min(raw.count - offset, 1 << 30)
                crc = crc32(crc, base.assumingMemoryBound(to: UInt8.self) + offset, uInt(piece))
                offset += piece
            }
            return UInt32(truncatingIfNeeded: crc)
        }
        guard crc == entry.crc else { throw bad("is corrupt (CRC-32 \(String(crc, radix: 16)), expected \(String(entry.crc, radix: 16)))") }
        return output
    }

    /// Raw deflate of `body` into exactly `size` bytes: more or fewer is an error.
    func inflate(_ body: Data, size: Int, _ bad: (String) -> CNNError) throws -> Data {
        var stream = z_stream()
        // -15: raw deflate (no zlib or gzip wrapper), the largest window.
        guard inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw bad("cannot be inflated (zlib failed to start)")
        }
        defer { inflateEnd(&stream) }
        var output = Data(count: size)
        var spare = [UInt8](repeating: 0, count: 1)
        var status: Int32 = Z_OK
        try body.withUnsafeBytes { input in
            try output.withUnsafeMutableBytes { out in
                var consumed = 0, produced = 0
                while true {
                    let inputLeft = input.count - consumed
                    stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) + consumed })
                    stream.avail_in = UInt32(clamping: inputLeft)
                    let fedIn = Int(stream.avail_in)
                    let room = out.count - produced
                    let outFed: Int
                    if room > 0, let base = out.baseAddress {
                        stream.next_out = base.assumingMemoryBound(to: UInt8.self) + produced
                        stream.avail_out = UInt32(clamping: room)
                        outFed = Int(stream.avail_out)
                        status = CGzip.inflate(&stream, Z_NO_FLUSH)
                        produced += outFed - Int(stream.avail_out)
                    } else {
                        // The claimed size is reached: one more byte out means the entry lied.
                        outFed = spare.count
                        status = spare.withUnsafeMutableBufferPointer { s in
                            stream.next_out = s.baseAddress
                            stream.avail_out = UInt32(s.count)
                            return CGzip.inflate(&stream, Z_NO_FLUSH)
                        }
                        if Int(stream.avail_out) < outFed { throw bad("inflates to more than the \(size) bytes its header claims (corrupt)") }
                    }
                    consumed += fedIn - Int(stream.avail_in)
                    switch status {
                    case Z_STREAM_END:
                        guard produced == size else { throw bad("inflates to \(produced) bytes but its header claims \(size) (corrupt)") }
                        return
                    case Z_OK, Z_BUF_ERROR:
                        // No progress either way: the data ends before the deflate stream does.
                        if fedIn == Int(stream.avail_in), room <= 0 || outFed == Int(stream.avail_out) {
                            throw bad("is truncated (its deflate stream ends early)")
                        }
                    default:
                        let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                        throw bad("is corrupt (\(reason))")
                    }
                }
            }
        }
        return output
    }
}
