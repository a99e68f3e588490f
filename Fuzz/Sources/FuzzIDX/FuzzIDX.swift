import CNN
import Foundation

/// IDX files (raw or gzip) as MNIST ships them.
func fuzzOne(_ data: Data) {
    guard let tensor = try? IDX.decode(data, name: "fuzz.idx") else { return }
    // The shape must describe exactly the bytes read.
    precondition(tensor.count == tensor.withUnsafeBufferPointer { $0.count })
}

// libFuzzer's driver, called from the executable's entry point (SwiftPM names it <target>_main).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("FuzzIDX_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { bytes, size in
        fuzzOne(bytes.map { Data(bytes: $0, count: size) } ?? Data())
        return 0
    }
}
