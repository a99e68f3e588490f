import XCTest
@testable import Script

/// Code in the style of Keras tutorials found in the wild parses, and the parts that do not
/// need Keras run.
final class WildTutorialTests: XCTestCase {
    let mnistConvnet = """
    %matplotlib inline
    import numpy as np
    import keras
    from keras import layers
    from tensorflow import keras as tfk

    # Model / data parameters
    num_classes = 10
    input_shape = (28, 28, 1)

    # Load the data and split it between train and test sets
    (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()

    # Scale images to the [0, 1] range
    x_train = x_train.astype("float32") / 255
    x_test = x_test.astype("float32") / 255
    # Make sure images have shape (28, 28, 1)
    x_train = np.expand_dims(x_train, -1)
    x_test = np.expand_dims(x_test, -1)
    print("x_train shape:", x_train.shape)
    print(x_train.shape[0], "train samples")

    # convert class vectors to binary class matrices
    y_train = keras.utils.to_categorical(y_train, num_classes)

    model = keras.Sequential(
        [
            keras.Input(shape=input_shape),
            layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
            layers.MaxPooling2D(pool_size=(2, 2)),
            layers.Flatten(),
            layers.Dropout(0.5),
            layers.Dense(num_classes, activation="softmax"),
        ]
    )
    model.summary()

    batch_size = 128
    epochs = 15
    model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    history = model.fit(x_train, y_train, batch_size=batch_size, epochs=epochs, validation_split=0.1, verbose=2)
    score = model.evaluate(x_test, y_test, verbose=0)
    print("Test loss:", score[0])
    print(f"Test accuracy: {score[1]:.4f}")
    predictions = model.predict(x_test[:5])
    print(np.argmax(predictions, axis=1), y_test[:5])
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    import matplotlib.pyplot as plt
    plt.figure(figsize=(10, 10))
    for i in range(9):
        ax = plt.subplot(3, 3, i + 1)
        plt.imshow(x_train[i].reshape(28, 28), cmap="gray")
        plt.title(int(y_train[i].argmax()))
        plt.axis("off")
    plt.plot(history.history['accuracy'], label='train')
    plt.plot(history.history["val_accuracy"], label="validation")
    plt.legend()
    plt.show()
    """

    func testTutorialParses() throws {
        let p = try Parser.parse(source: mnistConvnet, origin: SourceOrigin(file: "wild.md", lineOffset: 4))
        XCTAssertEqual(p.topLevelLiteralAssignments().map { $0.name }, ["num_classes", "input_shape", "batch_size", "epochs"])
        XCTAssertEqual(p.keywordArguments(named: "epochs").map { $0.nameRange.location.line }, [45])
        XCTAssertEqual(p.keywordArguments(named: "verbose").count, 2)
    }

    func testPlainPythonParts() throws {
        let out = try runScript("""
        history = {'accuracy': [0.91, 0.95], 'loss': [0.3, 0.1]}
        for epoch, (acc, loss) in enumerate(zip(history['accuracy'], history['loss']), start=1):
            print(f"epoch {epoch:>2}: acc={acc:.2%} loss={loss:.3f}")
        best = max(history['accuracy'])
        print("best:", best, "at epoch", history['accuracy'].index(best) + 1)
        print(sorted(history.keys()), len(history['loss']))
        score = [0.0377, 0.9884]
        print("Test loss:", score[0]); print("Test accuracy: %.2f%%" % (score[1] * 100))
        """)
        XCTAssertEqual(out, """
        epoch  1: acc=91.00% loss=0.300
        epoch  2: acc=95.00% loss=0.100
        best: 0.95 at epoch 2
        ['accuracy', 'loss'] 2
        Test loss: 0.0377
        Test accuracy: 98.84%

        """)
    }
}
