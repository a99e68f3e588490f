import XCTest
@testable import CNN

/// Fit/evaluate/predict on uint8 rows through a table give the same floats as on their Float32 copy.
final class ByteRowsFitTests: XCTestCase {
    func model() throws -> Sequential {
        let s = NameScope()
        let m = try Sequential(layers: [
            Conv2D(filters: 2, kernelSize: (3, 3), activation: "relu", inputShape: [6, 6, 1], scope: s),
            MaxPooling2D(poolSize: (2, 2), scope: s), Flatten(scope: s),
            Dense(units: 3, activation: "softmax", scope: s),
        ], scope: s, threads: 1)
        try m.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
        return m
    }

    func testFitOnByteRowsEqualsFitOnTheFloatCopy() throws {
        var rng = SeededRNG(seed: 7)
        let n = 40, bytes = (0..<(n * 36)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let table = (0..<256).map { Float(Double($0) / 255.0) }
        let rows = try ByteRows(bytes: bytes, table: table, shape: [n, 6, 6])
        let copy = try Tensor(bytes.map { table[Int($0)] }, shape: [n, 6, 6])
        let y = try Tensor((0..<n).map { Float($0 % 3) }, shape: [n])
        let a = try model(), b = try model()
        let ha = try a.fit(x: rows, y: y, epochs: 2, batchSize: 8, validationSplit: 0.25)
        let hb = try b.fit(x: copy, y: y, epochs: 2, batchSize: 8, validationSplit: 0.25)
        XCTAssertEqual(ha.history, hb.history)
        XCTAssertEqual(a.parameters.map { $0.value.scalars }, b.parameters.map { $0.value.scalars })
        XCTAssertEqual(try a.evaluate(x: rows, y: y, batchSize: 16), try b.evaluate(x: copy, y: y, batchSize: 16))
        XCTAssertEqual(try a.predict(x: rows, batchSize: 16).scalars, try b.predict(x: copy, batchSize: 16).scalars)
    }

    func testByteRowsRejectsAWrongSizeOrTable() {
        XCTAssertThrowsError(try ByteRows(bytes: [1, 2, 3], shape: [2, 2]))
        XCTAssertThrowsError(try ByteRows(bytes: [1, 2], table: [0, 1], shape: [2, 1]))
    }
}
