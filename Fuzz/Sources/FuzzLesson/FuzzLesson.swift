import FuzzDriver
import FuzzTargets

// libFuzzer's entry point for FuzzLesson; the body is FuzzTargets.FuzzLesson.fuzzOne.
@_cdecl("FuzzLesson_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, FuzzLesson.fuzzOne)
}
