import CNN
import Foundation

/// `.npy` arrays and `.npz` archives (ZIP), as Keras's mnist.npz and saved weights are.
func fuzzOne(_ data: Data) {
    if let array = try? NPY.parse(data, name: "fuzz.npy") { _ = array.floatTensor.count }
    if let arrays = try? NPY.readArchive(data: data, name: "fuzz.npz") {
        for (_, array) in arrays { _ = array.floatTensor.count }
    }
}

// libFuzzer's driver, called from the executable's entry point (SwiftPM names it <target>_main).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("FuzzNPZ_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { bytes, size in
        fuzzOne(bytes.map { Data(bytes: $0, count: size) } ?? Data())
        return 0
    }
}
