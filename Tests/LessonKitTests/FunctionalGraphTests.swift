import Foundation
import XCTest
@testable import LessonKit

/// Functional graphs beyond one input and one output list: dicts of inputs and outputs
/// (keras.io's functional-API guide), a nested model of two inputs, Keras's built-in callbacks
/// on a graph's `fit`. Each program and what Keras 3 prints for it are fixtures written by
/// `scripts/functional-dicts-callbacks.py` with TensorFlow's Keras.
final class FunctionalGraphTests: XCTestCase {
    override func setUp() { SmallData.install() }

    /// Runs `functional/<name>.py` as one cell; its stdout must be Keras's, `functional/<name>.txt`.
    func assertPrintsAsKeras(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let program = try String(contentsOfFile: TestPaths.fixture("functional/\(name).py"), encoding: .utf8)
        let expected = try String(contentsOfFile: TestPaths.fixture("functional/\(name).txt"), encoding: .utf8)
        let outcome = try runLesson(cell(program))
        let result = try XCTUnwrap(outcome.results.first, file: file, line: line)
        XCTAssertNil(result.error, "\(result.error.map { "\($0)" } ?? "")", file: file, line: line)
        XCTAssertEqual(result.stdout, expected, file: file, line: line)
    }

    func testDictsOfInputsAndOutputsAsTheGuide() throws { try assertPrintsAsKeras("dict_io") }

    func testNestedModelOfTwoInputs() throws { try assertPrintsAsKeras("nested_two_inputs") }

    func testBuiltInCallbacksOnAGraph() throws { try assertPrintsAsKeras("graph_callbacks") }

    func testEmbeddingAndGlobalPooling1D() throws { try assertPrintsAsKeras("embedding_text") }

    /// An index outside the table is a located error, on a graph and in a Sequential model.
    func testEmbeddingRefusesIndicesOutsideItsTable() throws {
        for build in ["keras.Model(i, layers.Embedding(10, 2)(i))", "keras.Sequential([i, layers.Embedding(10, 2)])"] {
            let outcome = try runLesson(cell("""
                import numpy as np
                import keras
                from keras import layers
                i = keras.Input(shape=(3,))
                m = \(build)
                print(m.predict(np.array([[0, 9, 9]]), verbose=0).shape)
                m.predict(np.array([[1, 10, 2]]), verbose=0)
                """))
            let result = try XCTUnwrap(outcome.results.first)
            XCTAssertEqual(result.stdout, "(1, 3, 2)\n", build)
            let error = try XCTUnwrap(result.error, build)
            XCTAssertTrue("\(error)".contains("indices[0,1] = 10 is not in [0, 10)"), "\(error)")
        }
    }
}
