import Foundation

// libFuzzer's driver (linked in by `-sanitize=fuzzer`).
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                                 _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// The target's function; libFuzzer's callback is a C function and cannot capture it. Set
/// once, before libFuzzer starts, in a process that runs one target.
private var currentTarget: ((Data) throws -> Void)?

/// Runs libFuzzer with the command line of the target's entry point (SwiftPM calls a
/// `@_cdecl("<target>_main")` function), feeding each input to `fuzzOne`. A thrown
/// `FuzzFailure` is a crash to libFuzzer, so the input is kept in Fuzz/Crashes/.
public func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                      _ fuzzOne: @escaping (Data) throws -> Void) -> CInt {
    currentTarget = fuzzOne
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { bytes, size in
        do {
            try currentTarget?(bytes.map { Data(bytes: $0, count: size) } ?? Data())
        } catch {
            fatalError("fuzz property failed: \(error)")
        }
        return 0
    }
}
