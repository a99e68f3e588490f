import FuzzDriver
import FuzzTargets

// libFuzzer's entry point for FuzzKerasIO; the body is FuzzTargets.FuzzKerasIO.fuzzOne.
@_cdecl("FuzzKerasIO_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, FuzzKerasIO.fuzzOne)
}
