import Foundation

// libFuzzer's driver (linked in by `-sanitize=fuzzer`).
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                                 _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// The target's function; libFuzzer's callback is a C function and cannot capture it.
private var currentTarget: ((Data) -> Void)?

/// Runs libFuzzer with the command line of the target's entry point (SwiftPM calls a
/// `@_cdecl("<target>_main")` function), feeding each input to `fuzzOne`.
public func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                      _ fuzzOne: @escaping (Data) -> Void) -> CInt {
    currentTarget = fuzzOne
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { bytes, size in
        currentTarget?(bytes.map { Data(bytes: $0, count: size) } ?? Data())
        return 0
    }
}
