import FuzzDriver
import FuzzTargets

// libFuzzer's entry point for FuzzWeightsH5; the body is FuzzTargets.FuzzWeightsH5.fuzzOne.
@_cdecl("FuzzWeightsH5_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, FuzzWeightsH5.fuzzOne)
}
