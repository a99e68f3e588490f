import CNN
import Script
import XCTest
import KerasBindings
@testable import LessonKit

/// A host object of the bindings' kind (a trained CNN model with a lesson value inside) kept
/// by a checkpoint through `CheckpointableObject` and a registered restorer: the pattern the
/// Keras bindings follow.
final class CheckpointObjectTests: XCTestCase {
    final class TinyModel: HostObject, CheckpointableObject {
        let model: Sequential
        let notes: Value
        init(model: Sequential, notes: Value) { self.model = model; self.notes = notes }
        var typeName: String { "TinyModel" }

        static func make(seed: UInt64) throws -> Sequential {
            let scope = NameScope()
            return try Sequential(layers: [try Input(shape: [2, 2, 1], scope: scope), Flatten(scope: scope), Dense(units: 2, activation: "softmax", scope: scope)],
                                  seed: seed, scope: scope)
        }

        static var checkpointKind: String { "test.TinyModel" }

        func checkpointState(_ writer: CheckpointWriter) throws -> JSONValue {
            guard let state = model.optimizerState() else { throw CheckpointError.unsupported("the model is not compiled") }
            return .object([
                "weights": try writer.tensors(model.weightTensors()),
                "iterations": .number(Double(state.iterations)),
                "slots": try writer.tensors(state.slots.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }),
                "notes": try writer.value(notes),
            ])
        }

        static func restore(_ state: JSONValue, _ reader: CheckpointReader, _ context: BindingContext) throws -> Value {
            let model = try make(seed: 1)
            try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy")
            try model.setWeights(try reader.tensors(state["weights"]))
            guard let iterations = state["iterations"]?.number else { throw CheckpointError.damaged("no iterations") }
            try model.restoreOptimizerState(OptimizerState(iterations: Int(iterations), slots: try reader.tensors(state["slots"])))
            return .object(TinyModel(model: model, notes: try reader.value(state["notes"])))
        }
    }

    func testAHostObjectWithWeightsAndOptimizerStateComesBack() throws {
        let folder = try TestPaths.temporaryFolder()
        let lesson = try LessonParser.parse(text: "```python\nx = 1\n```\n", path: folder.appendingPathComponent("tiny.md").path)
        let checkpoints = try SessionCheckpoints(store: CheckpointStore(folder: folder.appendingPathComponent("cache")),
                                                 lesson: lesson, seed: 42, overrides: []) { XCTFail($0) }
        // Each run has its own restorers: this test's kind is added to every executor it makes.
        let make = { () throws -> LessonExecutor in
            let executor = try LessonExecutor(lesson: lesson, seed: 42, overrides: [])
            executor.restorers.register(TinyModel.checkpointKind, TinyModel.restore)
            return executor
        }
        let executor = try make()
        try executor.run(lesson.codeCells[0], in: lesson, output: CellOutput(echo: nil))

        let model = try TinyModel.make(seed: 7)
        try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy")
        let x = try Tensor((0..<32).map { Float($0 % 5) / 5 }, shape: [8, 2, 2, 1]), y = try Tensor((0..<8).map { Float($0 % 2) }, shape: [8])
        _ = try model.fit(x: x, y: y, epochs: 2, batchSize: 4, seed: 1)
        let notes = Value.list([.str("trained"), .int(2)])
        let object = TinyModel(model: model, notes: notes)
        executor.interpreter.globals["model"] = .object(object)
        executor.interpreter.globals["same"] = .object(object)
        XCTAssertEqual(checkpoints.save(after: 1, executor: executor), .saved)

        let (restored, cell) = try checkpoints.restoreLatest(before: 2, make: make)
        XCTAssertEqual(cell, 1)
        let back = try XCTUnwrap(restored.interpreter.globals["model"]?.object(as: TinyModel.self))
        XCTAssertTrue(back === restored.interpreter.globals["same"]?.object(as: TinyModel.self), "one object, two names")
        XCTAssertEqual(back.model.weightTensors().map(\.tensor.scalars), model.weightTensors().map(\.tensor.scalars))
        XCTAssertEqual(back.model.optimizerState(), model.optimizerState())
        XCTAssertEqual(back.notes.repr, "['trained', 2]")
        XCTAssertEqual(try back.model.evaluate(x: x, y: y), try model.evaluate(x: x, y: y))

        // An object that says it cannot be kept skips the checkpoint with its reason.
        executor.interpreter.globals["raw"] = .object(TinyModel(model: try TinyModel.make(seed: 2), notes: .none))
        let other = try SessionCheckpoints(store: CheckpointStore(folder: folder.appendingPathComponent("other")), lesson: lesson, seed: 1, overrides: []) { _ in }
        XCTAssertEqual(other.save(after: 1, executor: executor), .skipped("the model is not compiled"))
    }
}
