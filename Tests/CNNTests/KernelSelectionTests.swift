import Foundation
import XCTest
@testable import CNN

/// The kernel library runs the kernels this CPU's features call for, and a core type the user
/// set is honoured. OpenBLAS reads OPENBLAS_CORETYPE once, when it loads, so the user's
/// setting is tried in a child process: this test binary, run again on one test.
final class KernelSelectionTests: XCTestCase {
    /// Cores whose sgemm uses AVX2+FMA or AVX-512 (OpenBLAS's names).
    static let avx2Cores: Set<String> = ["Haswell", "Zen", "SkylakeX", "Cooperlake", "SapphireRapids"]
    static let avx512Cores: Set<String> = ["SkylakeX", "Cooperlake", "SapphireRapids"]
    static let childMarker = "LESSON_TEST_REPORT_KERNELS"

    /// With no OPENBLAS_CORETYPE in the environment (a child without it, whatever this
    /// process has), OpenBLAS runs AVX-512 kernels on an AVX-512 CPU and AVX2 ones on an AVX2 CPU.
    func testKernelLibraryRunsTheKernelsThisCPUHas() throws {
        let (core, choice) = try childKernels(coreType: nil)
        XCTAssertNotEqual(core, "portable", "OpenBLAS (libopenblas0) did not load")
        let features = Set(KernelLibrary.features)
        if features.isSuperset(of: ["avx512f", "avx512bw", "avx512vl", "avx512dq", "fma"]) {
            XCTAssertTrue(Self.avx512Cores.contains(core), "AVX-512 CPU but OpenBLAS runs \(core)")
            XCTAssertEqual(choice, "cpuid")
        } else if features.isSuperset(of: ["avx2", "fma"]) {
            XCTAssertTrue(Self.avx2Cores.contains(core), "AVX2 CPU but OpenBLAS runs \(core)")
            XCTAssertEqual(choice, "cpuid")
        }
    }

    /// In this process (whatever its environment chose) the products are right.
    func testProductThroughTheChosenCore() {
        let a: [Float] = [1, 2, 3, 4, 5, 6], b: [Float] = [1, -1, 2, 0.5]
        var c = [Float](repeating: 0, count: 6)
        a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in c.withUnsafeMutableBufferPointer { cp in
            gemm(3, 2, 2, ap.baseAddress!, bp.baseAddress!, cp.baseAddress!)
        } } }
        XCTAssertEqual(c, [5, 0, 11, -1, 17, -2])
    }

    /// The choice follows the features, never a model number.
    func testCoreFollowsFeatures() {
        let features = Set(KernelLibrary.features)
        let expected: String? = features.isSuperset(of: ["avx512f", "avx512bw", "avx512vl", "avx512dq", "fma"]) ? "SkylakeX"
            : features.isSuperset(of: ["avx2", "fma"]) ? "Haswell" : nil
        XCTAssertEqual(KernelLibrary.coreForFeatures, expected)
        XCTAssertEqual(KernelLibrary.fmaLanes, expected == "SkylakeX" ? 16 : expected == "Haswell" ? 8 : 0)
    }

    func testUsersCoreTypeIsHonoured() throws {
        let (core, choice) = try childKernels(coreType: "Prescott")
        XCTAssertEqual(core, "Prescott")
        XCTAssertEqual(choice, "user")
    }

    /// Runs this test binary again on `testReportKernelsForParent`, with OPENBLAS_CORETYPE
    /// set to `coreType` (or removed), and reads back what its kernel library chose.
    private func childKernels(coreType: String?) throws -> (core: String, choice: String) {
        let fields = try childTestReport(test: "CNNTests.KernelSelectionTests/testReportKernelsForParent",
                                         environment: ["OPENBLAS_CORETYPE": coreType, Self.childMarker: "1"], tag: "KERNELS")
        return (fields["core"] ?? "", fields["choice"] ?? "")
    }

    /// Runs only as the child of the test above: prints what the kernel library chose.
    func testReportKernelsForParent() throws {
        guard ProcessInfo.processInfo.environment[Self.childMarker] != nil else {
            throw XCTSkip("runs only as the child of testUsersCoreTypeIsHonoured")
        }
        print("KERNELS core=\(KernelLibrary.blasCore) choice=\(KernelLibrary.blasChoice)")
    }
}
