import CNN
import Foundation
import FuzzDriver

/// IDX files (raw or gzip) as MNIST ships them.
func fuzzOne(_ data: Data) {
    guard let tensor = try? IDX.decode(data, name: "fuzz.idx") else { return }
    // The shape must describe exactly the bytes read.
    precondition(tensor.count == tensor.withUnsafeBufferPointer { $0.count })
}

@_cdecl("FuzzIDX_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzOne)
}
