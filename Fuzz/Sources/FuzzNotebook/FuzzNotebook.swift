import FuzzDriver
import FuzzTargets

// libFuzzer's entry point for FuzzNotebook; the body is FuzzTargets.FuzzNotebook.fuzzOne.
@_cdecl("FuzzNotebook_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, FuzzNotebook.fuzzOne)
}
