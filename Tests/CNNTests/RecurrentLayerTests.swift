import XCTest
@testable import CNN

/// Keras's LSTM, GRU and SimpleRNN: backward through time against central finite differences,
/// for the last output and for whole sequences, stacked on the tape; Keras's initial weights.
final class RecurrentLayerTests: XCTestCase {
    func testGradientsOfTheLastOutput() throws {
        try checkLayerGradients(try LSTM(units: 3, scope: NameScope()), input: [4, 2], batch: 3, seed: 11, file: #filePath, line: #line)
    }

    func testGradientsOfTheWholeSequence() throws {
        try checkLayerGradients(try LSTM(units: 2, returnSequences: true, scope: NameScope()), input: [5, 3], batch: 2, seed: 12, file: #filePath, line: #line)
    }

    func testGRUGradients() throws {
        try checkLayerGradients(try GRU(units: 3, scope: NameScope()), input: [4, 2], batch: 3, seed: 13, file: #filePath, line: #line)
        try checkLayerGradients(try GRU(units: 2, returnSequences: true, scope: NameScope()), input: [3, 3], batch: 2, seed: 14, file: #filePath, line: #line)
    }

    func testSimpleRNNGradients() throws {
        try checkLayerGradients(try SimpleRNN(units: 3, scope: NameScope()), input: [4, 2], batch: 3, seed: 15, file: #filePath, line: #line)
        try checkLayerGradients(try SimpleRNN(units: 2, returnSequences: true, scope: NameScope()), input: [3, 3], batch: 2, seed: 16, file: #filePath, line: #line)
    }

    /// GRU's bias is (2, 3u), the input's then the recurrent one; weights count as Keras's.
    func testGRUAndSimpleRNNWeights() throws {
        var rng = SeededRNG(seed: 8)
        let gru = try GRU(units: 4, scope: NameScope()), rnn = try SimpleRNN(units: 4, scope: NameScope())
        try gru.build(inputShape: [3, 5], rng: &rng)
        try rnn.build(inputShape: [3, 5], rng: &rng)
        XCTAssertEqual(gru.parameters.map(\.value.shape), [[5, 12], [4, 12], [2, 12]])
        XCTAssertEqual(gru.parameterCount, 3 * 4 * (5 + 4 + 2))
        XCTAssertEqual(rnn.parameters.map(\.value.shape), [[5, 4], [4, 4], [4]])
        XCTAssertEqual([gru.name, rnn.name], ["gru", "simple_rnn"])
    }

    /// Two LSTMs stacked, the first's sequence read by the second and by a pooling (fan-out).
    func testStackedOnTheTapeWithFanOut() throws {
        let s = NameScope()
        var rng = SeededRNG(seed: 5)
        let first = try LSTM(units: 3, returnSequences: true, scope: s), second = try LSTM(units: 2, scope: s)
        try first.build(inputShape: [4, 2], rng: &rng)
        try second.build(inputShape: [4, 3], rng: &rng)
        let pool = GlobalPooling2D(.average, rank: 1, scope: s)
        try pool.build(inputShape: [4, 3], rng: &rng)
        XCTAssertEqual([first.name, second.name], ["lstm", "lstm_1"])
        XCTAssertEqual(second.outputShape, [2])
        let x = randomTensor([2, 4, 2], &rng), r1 = randomTensor([2, 2], &rng), r2 = randomTensor([2, 3], &rng)
        func loss(_ tape: Tape?) throws -> Variable {
            let h = try Ops.apply(first, Variable(constant: x), training: false, tape: tape)
            let a = try Ops.apply(second, h, training: false, tape: tape), b = try Ops.apply(pool, h, training: false, tape: tape)
            return try Ops.add([Ops.sum(try Ops.multiply([a, Variable(constant: r1)], tape: tape), tape: tape),
                                Ops.sum(try Ops.multiply([b, Variable(constant: r2)], tape: tape), tape: tape)], tape: tape)
        }
        try checkTapeGradients(first.parameters + second.parameters, loss: loss)
    }

    /// recurrent_kernel (u, 4u) is orthogonal's transposed Q: its rows are orthonormal; the
    /// forget gate's bias starts at 1 (unit_forget_bias), the others at 0.
    func testInitialWeightsAreKerasDefaults() throws {
        var rng = SeededRNG(seed: 3)
        let lstm = try LSTM(units: 5, scope: NameScope())
        try lstm.build(inputShape: [2, 7], rng: &rng)
        XCTAssertEqual(lstm.parameters.map(\.name), ["kernel", "recurrent_kernel", "bias"])
        XCTAssertEqual(lstm.parameters.map(\.value.shape), [[7, 20], [5, 20], [20]])
        XCTAssertEqual(lstm.parameterCount, 4 * 5 * (7 + 5 + 1))
        let u = try XCTUnwrap(lstm.recurrentKernel).value
        for a in 0..<5 { for b in 0..<5 {
            let dot = (0..<20).reduce(0.0) { $0 + Double(u.base[a * 20 + $1]) * Double(u.base[b * 20 + $1]) }
            XCTAssertEqual(dot, a == b ? 1 : 0, accuracy: 1e-5, "row \(a) · row \(b)")
        } }
        XCTAssertEqual(try XCTUnwrap(lstm.bias).value.scalars, [Float](repeating: 0, count: 5) + [Float](repeating: 1, count: 5) + [Float](repeating: 0, count: 10))
        XCTAssertThrowsError(try LSTM(units: 0, scope: NameScope()))
        XCTAssertThrowsError(try LSTM(units: 2, scope: NameScope()).build(inputShape: [7], rng: &rng))
    }
}
