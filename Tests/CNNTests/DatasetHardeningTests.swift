import CGzip
import Foundation
import XCTest
import ZIPFoundation
@testable import CNN

/// Hostile and broken dataset files: every one is refused with the file's name and what is
/// wrong, before anything large is allocated.
final class DatasetHardeningTests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "cnn-hardening-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func write(_ bytes: [UInt8], _ name: String) -> String {
        let path = dir + "/" + name
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        return path
    }
    func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 255), UInt8(v >> 16 & 255), UInt8(v >> 8 & 255), UInt8(v & 255)] }
    func idx(_ shape: [Int], _ body: [UInt8]) -> [UInt8] { [0, 0, 8, UInt8(shape.count)] + shape.flatMap(be32) + body }

    /// gzip of `bytes` (zlib, level 9).
    func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        XCTAssertEqual(deflateInit2_(&stream, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size)), Z_OK)
        defer { deflateEnd(&stream) }
        var input = bytes
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
        let status = input.withUnsafeMutableBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target -> Int32 in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        XCTAssertEqual(status, Z_STREAM_END)
        return Array(out.prefix(Int(stream.total_out)))
    }

    func message(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "no error" } catch { return "\(error)" }
    }

    // MARK: IDX

    func testIDXFromDataMatchesTheFileAndGzip() throws {
        let bytes = idx([2, 3], [1, 2, 3, 4, 5, 6])
        let fromFile = try IDX.read(write(bytes, "a.idx"))
        let fromData = try IDX.decode(Data(bytes), name: "a.idx")
        let fromGzip = try IDX.decode(Data(try gzip(bytes)), name: "a.idx.gz")
        XCTAssertEqual(fromFile.shape, [2, 3])
        XCTAssertEqual(fromData.scalars, fromFile.scalars)
        XCTAssertEqual(fromGzip.scalars, [1, 2, 3, 4, 5, 6])
        // `cat a.gz b.gz` is one valid gzip file of both.
        let twoMembers = try gzip(Array(bytes.prefix(8))) + gzip(Array(bytes.dropFirst(8)))
        XCTAssertEqual(try IDX.decode(Data(twoMembers), name: "two.gz").scalars, [1, 2, 3, 4, 5, 6])
    }

    /// The example: a header claiming 2^31 images (200 GB at 28×28) in a small file.
    func testHugeHeaderIsRefusedWithoutAllocating() throws {
        let huge = idx([1 << 31 - 1, 28, 28], [0, 0, 0])
        let raw = message { try IDX.read(self.write(huge, "huge.idx")) }
        XCTAssertTrue(raw.contains("huge.idx") && raw.contains("larger than the file"), raw)
        let gz = message { try IDX.decode(Data(try self.gzip(huge)), name: "huge.idx.gz") }
        XCTAssertTrue(gz.contains("huge.idx.gz") && gz.contains("larger than the file"), gz)
        // Within the size limit but far more than the compressed bytes can hold.
        let lying = try gzip(idx([1_000_000, 28, 28], [1, 2, 3]))
        let lie = message { try IDX.decode(Data(lying), name: "lying.gz") }
        XCTAssertTrue(lie.contains("lying.gz: header claims 784000000 bytes of data but \(lying.count) compressed bytes cannot hold that many"), lie)
    }

    /// 16 MB of zeros after a header claiming 10 bytes: decompression stops at the claim.
    func testGzipBombStopsAtTheHeadersClaim() throws {
        let bomb = try gzip(idx([10], [UInt8](repeating: 0, count: 16 << 20)))
        XCTAssertLessThan(bomb.count, 100_000)
        let m = message { try IDX.decode(Data(bomb), name: "bomb.gz") }
        XCTAssertTrue(m.contains("bomb.gz: decompresses to more than the 18 bytes its IDX header claims"), m)
        // Not IDX at all: refused at the magic number, not after inflating all of it.
        let junk = try gzip([UInt8](repeating: 7, count: 16 << 20))
        let j = message { try IDX.decode(Data(junk), name: "junk.gz") }
        XCTAssertTrue(j.contains("junk.gz: bad magic number 0x07070707"), j)
    }

    func testTruncatedAndCorruptGzipSayWhatIsWrong() throws {
        let good = try gzip(idx([100], [UInt8](repeating: 3, count: 100)))
        let truncated = message { try IDX.decode(Data(good.prefix(good.count / 2)), name: "t.gz") }
        XCTAssertTrue(truncated.contains("t.gz: is a truncated gzip stream"), truncated)
        var corrupt = good
        corrupt[12] ^= 0xff
        corrupt[13] ^= 0x55
        let c = message { try IDX.decode(Data(corrupt), name: "c.gz") }
        XCTAssertTrue(c.hasPrefix("c.gz: "), c)
        XCTAssertNotEqual(c, "no error")
        let header = message { try IDX.decode(Data([0x1f, 0x8b, 8, 0, 1, 2]), name: "h.gz") }
        XCTAssertTrue(header.contains("h.gz: is a truncated gzip stream"), header)
    }

    func testFolderAndMissingFileAreClearErrors() {
        XCTAssertTrue(message { try IDX.read(self.dir) }.contains("is a folder, not an IDX file"))
        XCTAssertTrue(message { try IDX.read(self.dir + "/nothing") }.contains("nothing: cannot be opened (no such file)"))
    }

    /// A corrupt file found while loading MNIST names the file, not just "corrupt data".
    func testCorruptDatasetFileIsNamedWhenLoading() throws {
        let folder = dir + "/mnist"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/train-images-idx3-ubyte", contents: Data(idx([2, 28, 28], [UInt8](repeating: 0, count: 2 * 784)))))
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/train-labels-idx1-ubyte", contents: Data(idx([2], [1, 2]))))
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/t10k-images-idx3-ubyte", contents: Data(idx([2, 28, 28], [1, 2, 3]))))
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/t10k-labels-idx1-ubyte", contents: Data(idx([2], [1, 2]))))
        let m = message { try MNIST.load(folder: folder, environment: ["HOME": self.dir]) }
        XCTAssertTrue(m.contains(folder + "/t10k-images-idx3-ubyte: header claims shape (2, 28, 28) = 1568 bytes of data but the file holds 3"), m)
    }

    // MARK: NPY / NPZ

    func npy(_ header: String, _ body: [UInt8]) -> Data {
        Data([0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count), 0] + Array(header.utf8) + body)
    }

    func testNPYHeaderOddities() {
        // Found by reading: a shape that starts with `)` used to trap on a reversed range.
        let reversed = message { try NPY.parse(self.npy("{'descr': '|u1', 'fortran_order': False, 'shape': )(, }", []), name: "r.npy") }
        XCTAssertEqual(reversed, "r.npy: header has no shape")
        let big = message { try NPY.parse(self.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296), }", []), name: "b.npy") }
        XCTAssertEqual(big, "b.npy: shape is too large")
        let short = message { try NPY.parse(self.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1000000,), }", [0, 0, 0, 0]), name: "s.npy") }
        XCTAssertEqual(short, "s.npy: shape (1000000,) of <f4 needs 4000000 bytes but the array holds 4")
        XCTAssertEqual(try NPY.parse(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", [5, 6]), name: "ok.npy").shape, [2])
    }

    /// A ZIP whose directory claims `claimed` bytes for an entry that inflates to more.
    func lyingArchive(entryBytes: Int, claimed: UInt32) throws -> Data {
        let url = URL(fileURLWithPath: dir + "/lying-\(UUID().uuidString).npz")
        let archive = try Archive(url: url, accessMode: .create)
        let body = Data(repeating: 0, count: entryBytes)
        try archive.addEntry(with: "x.npy", type: .file, uncompressedSize: Int64(body.count), compressionMethod: .deflate) { position, size in
            body.subdata(in: Int(position)..<Int(position) + size)
        }
        var bytes = [UInt8](try Data(contentsOf: url))
        // Uncompressed size: offset 22 of the local header (PK\3\4), 24 of the central one (PK\1\2).
        for (signature, offset) in [([0x50, 0x4b, 3, 4] as [UInt8], 22), ([0x50, 0x4b, 1, 2], 24)] {
            guard let at = (0..<(bytes.count - 4)).first(where: { Array(bytes[$0..<$0 + 4]) == signature }) else { throw XCTSkip("no ZIP header") }
            for k in 0..<4 { bytes[at + offset + k] = UInt8(claimed >> (8 * UInt32(k)) & 0xff) }
        }
        return Data(bytes)
    }

    func testNPZEntryThatInflatesPastItsClaimIsStopped() throws {
        let bomb = try lyingArchive(entryBytes: 8 << 20, claimed: 100)
        XCTAssertLessThan(bomb.count, 100_000)
        let m = message { try NPY.readArchive(data: bomb, name: "bomb.npz") }
        XCTAssertTrue(m.contains("bomb.npz: entry x.npy inflates to more than the 100 bytes its header claims (corrupt)"), m)
    }

    func testNPZEntryClaimingMoreThanDeflateCanHoldIsRefused() throws {
        let lying = try lyingArchive(entryBytes: 1000, claimed: 1 << 30)
        let m = message { try NPY.readArchive(data: lying, name: "lying.npz") }
        XCTAssertTrue(m.contains("lying.npz: entry x.npy claims 1073741824 bytes from"), m)
    }

    func testNPZFromDataMatchesTheFile() throws {
        let t = try Tensor([1.5, -2, 0.25], shape: [3])
        try NPY.writeArchive([("w", .float32(t))], to: dir + "/w.npz")
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/w.npz"))
        XCTAssertEqual(try NPY.readArchive(data: data, name: "w.npz")["w"]?.floatTensor.scalars, [1.5, -2, 0.25])
        XCTAssertEqual(message { try NPY.readArchive(data: Data([1, 2, 3]), name: "junk.npz") }, "junk.npz: is not a ZIP archive (3 bytes, too short)")
    }
}
