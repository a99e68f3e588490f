import XCTest
@testable import CNN

/// evaluate and predict run slices of the caller's whole data set through the layers; a layer
/// that kept its last input for a backward pass kept the whole set alive (MNIST's Float32
/// copy, 188 MB, after `fit`). Training passes still keep it (the backward pass needs it).
final class InferenceKeepsNoInputTests: XCTestCase {
    func testPredictLeavesTheDataSetToTheCaller() throws {
        let s = NameScope()
        let m = try Sequential(layers: [
            Conv2D(filters: 2, kernelSize: 3, activation: "relu", inputShape: [6, 6, 1], scope: s),
            MaxPooling2D(poolSize: 2, scope: s), Flatten(scope: s), Dense(units: 3, scope: s),
        ], scope: s, threads: 2)
        var x = Tensor(zeros: [10, 6, 6, 1])
        for i in 0..<x.count { x.base[i] = Float(i % 7) / 7 }
        _ = try m.predict(x: x, batchSize: 4)
        XCTAssertTrue(isKnownUniquelyReferenced(&x.storage), "a layer still holds the input's storage after predict")
        _ = m.forward(x.slice(0..<4), training: true)
        XCTAssertFalse(isKnownUniquelyReferenced(&x.storage), "training must keep the input for the backward pass")
    }
}
