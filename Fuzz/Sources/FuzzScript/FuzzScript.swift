import FuzzDriver
import FuzzTargets

// libFuzzer's entry point for FuzzScript; the body is FuzzTargets.FuzzScript.fuzzOne.
@_cdecl("FuzzScript_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, FuzzScript.fuzzOne)
}
