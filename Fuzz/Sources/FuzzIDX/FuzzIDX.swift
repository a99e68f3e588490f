import FuzzDriver
import FuzzTargets

// libFuzzer's entry point for FuzzIDX; the body is FuzzTargets.FuzzIDX.fuzzOne.
@_cdecl("FuzzIDX_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, FuzzIDX.fuzzOne)
}
