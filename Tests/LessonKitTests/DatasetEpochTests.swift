import XCTest
@testable import LessonKit

/// `fit(dataset)` of Sequential, functional and subclassed models beyond the per-epoch passes that
/// Fixtures/tf-differential/dataset-epochs.py checks against Keras: what Keras refuses.
final class DatasetEpochTests: XCTestCase {
    override func setUp() { SmallData.install() }

    func testValidationSplitOfADatasetIsRefusedAsKerasRefusesIt() throws {
        for (build, tail, cls) in [("keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])", ".batch(4)", "batch_op._BatchDataset"),
                                   ("keras.Model(i, keras.layers.Dense(1)(i))", ".batch(4).shuffle(2)", "shuffle_op._ShuffleDataset"),
                                   ("S()", ".shuffle(8).batch(4)", "batch_op._BatchDataset")] {
            let outcome = try runLesson(cell("""
                import numpy as np
                import tensorflow as tf
                import keras
                i = keras.Input(shape=(2,))
                class S(keras.Model):
                    def __init__(self):
                        super().__init__()
                        self.d = keras.layers.Dense(1)
                    def call(self, x):
                        return self.d(x)
                m = \(build)
                m.compile(optimizer="sgd", loss="mse")
                ds = tf.data.Dataset.from_tensor_slices((np.zeros((8, 2), dtype="float32"), np.zeros((8, 1), dtype="float32")))\(tail)
                m.fit(ds, validation_split=0.0, epochs=2, verbose=0)
                print("trained")
                m.fit(ds, validation_split=0.2, verbose=0)
                """))
            let result = try XCTUnwrap(outcome.results.first)
            XCTAssertEqual(result.stdout, "trained\n", build)
            let error = try XCTUnwrap(result.error, build)
            XCTAssertTrue("\(error)".contains("ValueError: Argument `validation_split` is only supported for tensors or NumPy arrays.Found incompatible type in the input: [<class 'tensorflow.python.data.ops.\(cls)'>]"), "\(error)")
        }
    }
}
