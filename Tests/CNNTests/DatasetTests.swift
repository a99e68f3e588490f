import Foundation
import XCTest
@testable import CNN

final class DatasetTests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "cnn-data-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func write(_ bytes: [UInt8], _ name: String) -> String {
        let p = dir + "/" + name
        FileManager.default.createFile(atPath: p, contents: Data(bytes))
        return p
    }
    func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 255), UInt8(v >> 16 & 255), UInt8(v >> 8 & 255), UInt8(v & 255)] }

    func testIDXReadsAndRejectsCorruptFiles() throws {
        let good = write([0, 0, 8, 3] + be32(2) + be32(2) + be32(3) + Array(0..<12), "a.idx3-ubyte")
        let t = try IDX.read(good)
        XCTAssertEqual(t.shape, [2, 2, 3]); XCTAssertEqual(t.scalars, Array(0..<12))

        XCTAssertThrowsError(try IDX.read(write([0, 0, 9, 3] + be32(1), "magic"))) { e in
            XCTAssertTrue("\(e)".contains("bad magic number") && "\(e)".contains("magic"), "\(e)")
        }
        XCTAssertThrowsError(try IDX.read(write([0, 0, 8, 1] + be32(10) + [1, 2, 3], "short"))) { e in
            XCTAssertTrue("\(e)".contains("short") && "\(e)".contains("10 bytes of data but the file holds 3"), "\(e)")
        }
        // A header claiming 2^31 images must be refused before allocating anything.
        XCTAssertThrowsError(try IDX.read(write([0, 0, 8, 3] + be32(1 << 31) + be32(28) + be32(28) + [0], "huge"))) { e in
            XCTAssertTrue("\(e)".contains("huge"), "\(e)")
        }
        XCTAssertThrowsError(try IDX.read(write([0x1f, 0x8b, 8, 0, 1, 2], "bad.gz")))
        XCTAssertThrowsError(try IDX.read(dir + "/missing"))
        XCTAssertThrowsError(try IDX.read(write([], "empty")))
    }

    func testNPZRoundTripAndMNISTFromNPZ() throws {
        let x = try ByteTensor(Array(repeating: 7, count: 2 * 28 * 28), shape: [2, 28, 28])
        let y = try ByteTensor([3, 4], shape: [2])
        try NPY.writeArchive([("x_train", .uint8(x)), ("y_train", .uint8(y)), ("x_test", .uint8(x)), ("y_test", .uint8(y))], to: dir + "/mnist.npz")
        let r = try MNIST.load(folder: dir, environment: ["HOME": dir])
        XCTAssertEqual(r.train.x.shape, [2, 28, 28]); XCTAssertEqual(r.test.y.scalars, [3, 4])
        let f = try Tensor([1.5, -2, 0.25], shape: [3])
        try NPY.writeArchive([("w", .float32(f))], to: dir + "/w.npz")
        XCTAssertEqual(try NPY.readArchive(dir + "/w.npz")["w"]?.floatTensor.scalars, [1.5, -2, 0.25])
        XCTAssertThrowsError(try NPY.readArchive(write([1, 2, 3], "junk.npz")))
        XCTAssertThrowsError(try NPY.parse(Data([0x93] + Array("NUMPY".utf8) + [1, 0, 200, 0]), name: "t.npy"))
    }

    /// A deflated `.npz` as `np.savez_compressed` writes it, when NumPy is here.
    func testDeflatedNPZFromNumPy() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import numpy as np; np.savez_compressed('\(dir)/c.npz', a=np.arange(6, dtype=np.float64).reshape(2,3), b=np.array([1,2], dtype=np.uint8))"]
        p.standardError = Pipe()
        guard (try? p.run()) != nil else { throw XCTSkip("python3 not available") }
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw XCTSkip("numpy not available: deflated npz not checked") }
        let a = try NPY.readArchive(dir + "/c.npz")
        XCTAssertEqual(a["a"]?.shape, [2, 3]); XCTAssertEqual(a["a"]?.floatTensor.scalars, [0, 1, 2, 3, 4, 5])
        guard case .uint8(let b)? = a["b"] else { return XCTFail("b is not uint8") }
        XCTAssertEqual(b.scalars, [1, 2])
    }

    func testNotFoundErrorListsPlacesAndBootstrap() {
        XCTAssertThrowsError(try MNIST.load(environment: ["HOME": dir, "LESSON_DATA": dir + "/ld"])) { e in
            let m = "\(e)"
            XCTAssertTrue(m.contains(dir + "/ld/mnist") && m.contains(".keras/datasets/mnist.npz") && m.contains("lesson/datasets/mnist") && m.contains("scripts/bootstrap"), m)
        }
        XCTAssertEqual(FashionMNIST.searchPlaces(environment: ["HOME": "/h"]).last, "/usr/share/datasets/fashion-mnist")
        XCTAssertEqual(MNIST.searchPlaces(environment: ["HOME": "/h", "XDG_DATA_HOME": "/x"]), ["/h/.keras/datasets/mnist.npz", "/x/lesson/datasets/mnist"])
    }

    func testRealMNISTWhenInstalled() throws {
        // Other tests point LESSON_DATA at small synthetic data; this one wants the real set.
        var environment = ProcessInfo.processInfo.environment
        environment["LESSON_DATA"] = nil
        let dirs = MNIST.searchPlaces(environment: environment)
        guard dirs.contains(where: { FileManager.default.fileExists(atPath: $0) }) else { throw XCTSkip("MNIST not installed: run scripts/bootstrap") }
        let r = try MNIST.load(environment: environment)
        XCTAssertEqual(r.train.x.shape, [60000, 28, 28]); XCTAssertEqual(r.train.y.shape, [60000])
        XCTAssertEqual(r.test.x.shape, [10000, 28, 28])
        XCTAssertEqual(Array(r.test.y.scalars.prefix(10)), [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
    }

    func testRealFashionMNISTGzipWhenInstalled() throws {
        guard FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz") else {
            throw XCTSkip("Fashion-MNIST not installed")
        }
        let y = try IDX.read("/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz")
        XCTAssertEqual(y.shape, [10000])
        XCTAssertEqual(Array(y.scalars.prefix(5)), [9, 2, 1, 1, 6])
    }
}
