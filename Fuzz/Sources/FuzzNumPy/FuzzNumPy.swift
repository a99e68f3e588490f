import FuzzDriver
import FuzzTargets

// libFuzzer's entry point for FuzzNumPy; the body is FuzzTargets.FuzzNumPy.fuzzOne.
@_cdecl("FuzzNumPy_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, FuzzNumPy.fuzzOne)
}
