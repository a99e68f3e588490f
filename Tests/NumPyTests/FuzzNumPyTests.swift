import Foundation
import FuzzTargets
import XCTest

/// FuzzNumPy's body on the inputs kept in Fuzz/Regressions/FuzzNumPy/ and on a fixed spread
/// of generated programs: each runs or ends in a ScriptError, without a crash.
final class FuzzNumPyTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Regressions/FuzzNumPy")

    func testRegressionInputs() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertFalse(names.isEmpty, "no regression inputs in \(Self.folder.path)")
        for name in names {
            XCTAssertNoThrow(try FuzzNumPy.fuzzOne(try Data(contentsOf: Self.folder.appendingPathComponent(name))), name)
        }
    }

    func testGeneratedProgramsEndInScriptErrorsAtWorst() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for n in 0..<200 {
            let bytes = (0..<64).map { _ -> UInt8 in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 56)
            }
            let data = Data([1] + bytes)
            XCTAssertTrue(FuzzNumPy.program(from: data).hasPrefix("import numpy as np\n"))
            XCTAssertNoThrow(try FuzzNumPy.fuzzOne(data), "generated program \(n)")
        }
    }
}
