import FuzzDriver
import FuzzTargets

// libFuzzer's entry point for FuzzComparer; the body is FuzzTargets.FuzzComparer.fuzzOne.
@_cdecl("FuzzComparer_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, FuzzComparer.fuzzOne)
}
