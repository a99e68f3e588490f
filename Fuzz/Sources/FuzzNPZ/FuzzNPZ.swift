import CNN
import Foundation
import FuzzDriver

/// `.npy` arrays and `.npz` archives (ZIP), as Keras's mnist.npz and saved weights are.
func fuzzOne(_ data: Data) {
    if let array = try? NPY.parse(data, name: "fuzz.npy") { _ = array.floatTensor.count }
    if let arrays = try? NPY.readArchive(data: data, name: "fuzz.npz") {
        for (_, array) in arrays { _ = array.floatTensor.count }
    }
}

@_cdecl("FuzzNPZ_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzOne)
}
