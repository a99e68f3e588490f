import FuzzDriver
import FuzzTargets

// libFuzzer's entry point for FuzzQuarto; the body is FuzzTargets.FuzzQuarto.fuzzOne.
@_cdecl("FuzzQuarto_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, FuzzQuarto.fuzzOne)
}
