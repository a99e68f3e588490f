import FuzzDriver
import FuzzTargets

// libFuzzer's entry point for FuzzPercent; the body is FuzzTargets.FuzzPercent.fuzzOne.
@_cdecl("FuzzPercent_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, FuzzPercent.fuzzOne)
}
