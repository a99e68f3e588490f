import Foundation
import LessonKit

/// The output comparer and normaliser: the input is a documented output and a fresh one,
/// split at the first NUL byte (or in the middle); the first byte picks tolerance overrides.
public enum FuzzComparer {
    public static func fuzzOne(_ data: Data) throws {
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
        guard OutputComparer.compare(documented: documented, fresh: documented).matches else {
            throw FuzzFailure("FuzzComparer", "a text does not match itself")
        }
        _ = comparison.diff
        for mismatch in comparison.mismatches { _ = mismatch.rule }
        _ = OutputNormalizer.normalize(fresh)
    }
}
