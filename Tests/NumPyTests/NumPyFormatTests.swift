import Foundation
import XCTest
@testable import NumPy

final class NumPyFormatTests: XCTestCase {
    func array(_ values: [Double], _ shape: [Int], _ dtype: DType) -> NDArray { NDArray(doubles: values, shape: shape, dtype: dtype) }

    /// The prints of shared/reference/keras-3-outputs.md.
    func testReferencePrints() throws {
        XCTAssertEqual(NumPyFormat.string(array([7, 2, 1, 0, 4, 1, 4, 9, 5, 9], [10], .uint8)), "[7 2 1 0 4 1 4 9 5 9]")
        XCTAssertEqual(NumPyFormat.string(array([0.5, 0.25], [2], .float64)), "[0.5  0.25]")
        XCTAssertEqual(NumPyFormat.string(array([0, 0, 0, 0, 0, 0], [2, 3], .float64)), "[[0. 0. 0.]\n [0. 0. 0.]]")
        XCTAssertEqual(NumPyFormat.string(try array((0..<12).map(Double.init), [12], .int64).reshaped([3, 4])),
                       "[[ 0  1  2  3]\n [ 4  5  6  7]\n [ 8  9 10 11]]")
        // X_train / 255.0, then X_train[0, 10:12, 10:14, 0] (the bytes of MNIST's first image there).
        let bytes = NDArray(shape: [2, 4], dtype: .uint8, storage: .uint8([1, 154, 253, 90, 0, 139, 253, 190]))
        let scaled = try bytes.combined(.divide, .scalar(255.0, dtype: .float64), otherIsPythonScalar: true)
        XCTAssertEqual(scaled.dtype, .float64)
        XCTAssertEqual(NumPyFormat.string(scaled), "[[0.00392157 0.60392157 0.99215686 0.35294118]\n [0.         0.54509804 0.99215686 0.74509804]]")
        XCTAssertEqual(PythonRepr.float(0.1 + 0.2), "0.30000000000000004")
        XCTAssertEqual(PythonRepr.float(Double(Float(0.9884))), "0.9883999824523926")
    }

    func testLayoutRules() throws {
        XCTAssertEqual(NumPyFormat.string(array((0..<30).map(Double.init), [30], .int64)),
                       "[ 0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23\n 24 25 26 27 28 29]")
        XCTAssertEqual(NumPyFormat.string(array((0..<2000).map(Double.init), [2000], .int64)), "[   0    1    2 ... 1997 1998 1999]")
        XCTAssertEqual(NumPyFormat.string(array([1e-5, 1], [2], .float64)), "[1.e-05 1.e+00]")
        XCTAssertEqual(NumPyFormat.string(array([-1.5, 2.25, .nan], [3], .float64)), "[-1.5   2.25   nan]")
        XCTAssertEqual(NumPyFormat.string(array([1, 0], [2], .bool)), "[ True False]")
        XCTAssertEqual(NumPyFormat.string(array([1.0 / 3, 1.0 / 3, 1.0 / 3], [3], .float32)), "[0.33333334 0.33333334 0.33333334]")
        XCTAssertEqual(NumPyFormat.string(array([123456789.0, 1], [2], .float64)), "[1.23456789e+08 1.00000000e+00]")
        XCTAssertEqual(PythonRepr.float(1e-5), "1e-05")
        XCTAssertEqual(PythonRepr.float(1e16), "1e+16")
        XCTAssertEqual(PythonRepr.float(100), "100.0")
        XCTAssertEqual(PythonRepr.float(-0.0), "-0.0")
        XCTAssertEqual(PythonRepr.float(123456.789), "123456.789")
    }

    /// Where NumPy is installed, our text equals NumPy's for a battery of arrays.
    func testAgainstRealNumPy() throws {
        let cases: [(String, NDArray)] = [
            ("np.linspace(0, 1, 7)", array((0..<7).map { Double($0) / 6 }, [7], .float64)),
            ("np.arange(24).reshape(2, 3, 4)", try array((0..<24).map(Double.init), [24], .int64).reshaped([2, 3, 4])),
            ("np.arange(3000.).reshape(1000, 3) / 7", try array((0..<3000).map { Double($0) / 7 }, [3000], .float64).reshaped([1000, 3])),
            ("np.arange(40.).reshape(2, 20) * 1.5 - 7", try array((0..<40).map { Double($0) * 1.5 - 7 }, [40], .float64).reshaped([2, 20])),
            ("np.arange(50, dtype=np.uint8).reshape(5, 10)", try array((0..<50).map(Double.init), [50], .uint8).reshaped([5, 10])),
            ("(np.arange(28.) / 255.0).reshape(1, 28)", try array((0..<28).map { Double($0) / 255 }, [28], .float64).reshaped([1, 28])),
            ("np.arange(30, dtype=np.uint8)", array((0..<30).map(Double.init), [30], .uint8)),
            ("np.arange(2000)", array((0..<2000).map(Double.init), [2000], .int64)),
            ("np.array([], dtype=np.float32)", array([], [0], .float32)),
            ("np.array([0.5, 0.25], dtype=np.float32)", array([0.5, 0.25], [2], .float32)),
            ("np.arange(24, dtype=np.uint8).reshape(2, 3, 4)", try array((0..<24).map(Double.init), [24], .uint8).reshaped([2, 3, 4])),
        ]
        let script = "import numpy as np\n" + cases.map { "print(repr(str(\($0.0))))\nprint(repr(repr(\($0.0))))" }.joined(separator: "\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw XCTSkip("NumPy is not installed") }
        let expected = output.split(separator: "\n").map { line -> String in
            // Python's repr of a str: undo the quotes and the \n escapes.
            String(line.dropFirst().dropLast()).replacingOccurrences(of: "\\n", with: "\n")
        }
        XCTAssertEqual(expected.count, 2 * cases.count)
        for (index, (name, array)) in cases.enumerated() where 2 * index + 1 < expected.count {
            XCTAssertEqual(NumPyFormat.string(array), expected[2 * index], name)
            XCTAssertEqual(NumPyFormat.repr(array), expected[2 * index + 1], "repr of " + name)
        }
    }
}

final class NDArrayTests: XCTestCase {
    func testIndexingAndSlicing() throws {
        let a = try NDArray(doubles: (0..<24).map(Double.init), shape: [24], dtype: .int64).reshaped([2, 3, 4])
        XCTAssertEqual(try a.subscripted([.int(1), .slice(start: 1, stop: nil, step: nil), .int(-1)]).doubles, [19, 23])
        XCTAssertEqual(try a.subscripted([.slice(start: nil, stop: 1, step: nil)]).shape, [1, 3, 4])
        XCTAssertEqual(try a.subscripted([.ellipsis, .int(0)]).doubles, [0, 4, 8, 12, 16, 20])
        XCTAssertEqual(try a.subscripted([.int(0), .int(0), .slice(start: nil, stop: nil, step: -1)]).doubles, [3, 2, 1, 0])
        XCTAssertEqual(try a.subscripted([.newAxis, .int(0)]).shape, [1, 3, 4])
        XCTAssertThrowsError(try a.subscripted([.int(2)])) { XCTAssertEqual(($0 as? NumPyError)?.kind, "IndexError") }
        XCTAssertThrowsError(try a.subscripted([.int(0), .int(0), .int(0), .int(0)]))
    }

    func testBroadcastingReshapeAndReductions() throws {
        let m = try NDArray(doubles: [1, 2, 3, 4, 5, 6], shape: [6], dtype: .float64).reshaped([2, -1])
        XCTAssertEqual(m.shape, [2, 3])
        let row = NDArray(doubles: [10, 20, 30], shape: [3])
        XCTAssertEqual(try m.combined(.add, row).doubles, [11, 22, 33, 14, 25, 36])
        XCTAssertThrowsError(try m.combined(.add, NDArray(doubles: [1, 2], shape: [2])))
        XCTAssertThrowsError(try m.reshaped([4, -1])) { XCTAssertEqual(($0 as? NumPyError)?.message, "cannot reshape array of size 6 into shape (4,newaxis)") } // NumPy 2.4's words
        XCTAssertEqual(try m.reduced(.argmax, axis: 1).doubles, [2, 2])
        XCTAssertEqual(try m.reduced(.sum, axis: 0).doubles, [5, 7, 9])
        XCTAssertEqual(try m.reduced(.mean, axis: nil).doubles, [3.5])
        XCTAssertEqual(try m.expandedDims(-1).shape, [2, 3, 1])
    }

    func testByteImagesStayBytesButReadAsFloat64() throws {
        let bytes = NDArray(shape: [2, 2], dtype: .uint8, storage: .uint8([0, 51, 128, 255]))
        let scaled = try bytes.combined(.divide, .scalar(255, dtype: .float64), otherIsPythonScalar: true)
        guard case .byteTable = scaled.storage else { return XCTFail("X / 255.0 should stay bytes") }
        XCTAssertEqual(scaled.doubles, [0, 51.0 / 255, 128.0 / 255, 1])
        XCTAssertEqual(scaled.floats, [0, Float(51.0 / 255), Float(128.0 / 255), 1])
        let f32 = try bytes.astype(.float32).combined(.divide, .scalar(255, dtype: .int64), otherIsPythonScalar: true)
        XCTAssertEqual(f32.dtype, .float32)
        XCTAssertEqual(f32.doubles[1], Double(Float(51) / Float(255)))
        let doubled = try bytes.combined(.multiply, .scalar(2, dtype: .int64), otherIsPythonScalar: true)
        XCTAssertEqual(doubled.dtype, .uint8)
        XCTAssertEqual(doubled.doubles, [0, 102, 0, 254]) // uint8 wraps around, as in NumPy
    }
}
