import LessonKit
import XCTest

final class CheckNormalizerTests: XCTestCase {
    func texts(_ output: String) -> [String] { OutputNormalizer.normalize(output).map(\.text) }

    func testKeras3Keras2AndVerbose2ProgressLinesBecomeTheSameSortedMetrics() {
        let keras3 = "1688/1688 ━━━━━━━━━━━━━━━━━━━━ 8s 4ms/step - accuracy: 0.9575 - loss: 0.1355 - val_accuracy: 0.9818 - val_loss: 0.0635"
        let keras2 = "1688/1688 [==============================] - 8s 4ms/step - loss: 0.1355 - accuracy: 0.9575 - val_loss: 0.0635 - val_accuracy: 0.9818"
        let verbose2 = "1688/1688 - 31s - 18ms/step - val_loss: 0.0635 - loss: 0.1355 - accuracy: 0.9575 - val_accuracy: 0.9818"
        let expected = ["1688/1688 - accuracy: 0.9575 - loss: 0.1355 - val_accuracy: 0.9818 - val_loss: 0.0635"]
        XCTAssertEqual(texts(keras3), expected)
        XCTAssertEqual(texts(keras2), expected)
        XCTAssertEqual(texts(verbose2), expected)
        XCTAssertEqual(OutputNormalizer.normalize(keras3).first?.metrics["val_loss"], "0.0635")
    }

    func testTimingsEtaBarsAddressesAndTrailingSpacesAreDropped() {
        XCTAssertEqual(texts("  32/1688 [>.............................] - ETA: 7s - loss: 0.5 - accuracy: 0.8"),
                       ["32/1688 - accuracy: 0.8 - loss: 0.5"])
        XCTAssertEqual(texts("  45/1688 ━━━━━━━━━━━━━━━━━━━━ 2:16 83ms/step - accuracy: 0.5"), ["45/1688 - accuracy: 0.5"])
        XCTAssertEqual(texts("<keras.src.callbacks.history.History at 0x209cf1b4830>   \n"),
                         texts("<keras.src.callbacks.history.History at 0x7f00aa>"))
        XCTAssertEqual(texts("313/313 ━━━━━━━━━━━━━━━━━━━━ 1s 2ms/step"), ["313/313"])
    }

    func testDownloadLinesAreDroppedButOrdinaryFractionsStay() {
        let output = """
        Downloading data from https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz
        11490434/11490434 ━━━━━━━━━━━━━━━━━━━━ 7s 1us/step
        (60000, 28, 28)
        Epoch 1/5
        3/5

        """
        XCTAssertEqual(texts(output), ["(60000, 28, 28)", "Epoch 1/5", "3/5"])
    }

    func testColourCodesAreDropped() {
        XCTAssertEqual(texts("\u{1B}[1m90/90\u{1B}[0m \u{1B}[32m━━━━━━━━━━━━━━━━━━━━\u{1B}[0m\u{1B}[37m\u{1B}[0m \u{1B}[1m3s\u{1B}[0m 18ms/step - accuracy: 0.7521"),
                       ["90/90 - accuracy: 0.7521"])
    }

    func testACarriageReturnKeepsTheLastDrawingOfTheBar() {
        XCTAssertEqual(texts("1/2 ━━━ 1s - loss: 0.9\r2/2 ━━━ 2s - loss: 0.5\n"), ["2/2 - loss: 0.5"])
    }
}
