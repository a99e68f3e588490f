import FuzzDriver
import FuzzTargets

// libFuzzer's entry point for FuzzMyST; the body is FuzzTargets.FuzzMyST.fuzzOne.
@_cdecl("FuzzMyST_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, FuzzMyST.fuzzOne)
}
