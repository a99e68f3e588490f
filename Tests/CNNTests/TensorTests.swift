import XCTest
@testable import CNN

final class TensorTests: XCTestCase {
    func testReshapeSliceAndCopyOnWrite() throws {
        let t = try Tensor((0..<12).map(Float.init), shape: [3, 4])
        let r = try t.reshaped([-1, 2, 2])
        XCTAssertEqual(r.shape, [3, 2, 2])
        XCTAssertTrue(r.storage === t.storage, "reshape must not copy")
        let s = t.slice(1..<3)
        XCTAssertEqual(s.shape, [2, 4]); XCTAssertEqual(s.scalars, (4..<12).map(Float.init))
        XCTAssertTrue(s.storage === t.storage, "first-axis slice must not copy")
        var m = s
        m.withUnsafeMutableBufferPointer { $0[0] = 100 }
        XCTAssertEqual(m[flat: 0], 100); XCTAssertEqual(t[flat: 4], 4, "writing a view copies first")
        XCTAssertEqual(t.gather([2, 0]).scalars, [8, 9, 10, 11, 0, 1, 2, 3])
        XCTAssertThrowsError(try t.reshaped([5, -1]))
        XCTAssertThrowsError(try t.reshaped([-1, -1]))
        XCTAssertEqual(formatShape([60000]), "(60000,)"); XCTAssertEqual(formatShape([60000, 28, 28]), "(60000, 28, 28)")
        let b = try ByteTensor([0, 255], shape: [2])
        XCTAssertEqual(b.toFloat(scale: 1 / 255).scalars, [0, 1])
    }

    func testSummaryHelpers() {
        XCTAssertEqual(grouped(225034), "225,034"); XCTAssertEqual(grouped(0), "0"); XCTAssertEqual(grouped(1000), "1,000")
        XCTAssertEqual(byteSize(900136), "879.04 KB"); XCTAssertEqual(byteSize(0), "0.00 B"); XCTAssertEqual(byteSize(5 << 20), "5.00 MB")
    }

    func testSeededRNGIsReproducible() {
        var a = SeededRNG(seed: 1), b = SeededRNG(seed: 1)
        XCTAssertEqual(a.permutation(10), b.permutation(10))
        XCTAssertEqual(Set(a.permutation(50)), Set(0..<50))
    }
}
