import Foundation
import FuzzDriver
import LessonKit

/// The output comparer and normaliser: the input is a documented output and a fresh one,
/// split at the first NUL byte (or in the middle); the first byte picks tolerance overrides.
func fuzzOne(_ data: Data) {
    let bytes = [UInt8](data)
    let split = bytes.firstIndex(of: 0) ?? bytes.count / 2
    let documented = String(decoding: bytes[..<split], as: UTF8.self)
    let fresh = String(decoding: bytes[min(split + 1, bytes.count)...], as: UTF8.self)
    let pick = bytes.first ?? 0
    var overrides = ToleranceOverrides()
    if pick & 1 != 0 { overrides.run.absolute = 0.005 }
    if pick & 2 != 0 { overrides.block.relative = 0.1 }
    if pick & 4 != 0 { overrides.lesson = (1e-300, .infinity) }
    let comparison = OutputComparer.compare(documented: documented, fresh: fresh, overrides: overrides)
    // Comparing a text with itself always matches.
    precondition(OutputComparer.compare(documented: documented, fresh: documented).matches, "self-comparison failed")
    _ = comparison.diff
    for mismatch in comparison.mismatches { _ = mismatch.rule }
    _ = OutputNormalizer.normalize(fresh)
}

@_cdecl("FuzzComparer_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzOne)
}
