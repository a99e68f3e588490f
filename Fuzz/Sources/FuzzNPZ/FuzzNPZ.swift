import FuzzDriver
import FuzzTargets

// libFuzzer's entry point for FuzzNPZ; the body is FuzzTargets.FuzzNPZ.fuzzOne.
@_cdecl("FuzzNPZ_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, FuzzNPZ.fuzzOne)
}
