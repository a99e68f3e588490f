import Foundation
import XCTest
import FuzzTargets

/// Replays the inputs the fuzzers once crashed or hung on (Fuzz/Regressions/<target>/), through
/// the fuzz targets' own bodies (FuzzTargets): each must decode or throw a CNNError naming the input, in time.
final class FuzzDatasetRegressionTests: XCTestCase {
    static let regressions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Regressions")

    func inputs(_ target: String) throws -> [(String, Data)] {
        let folder = Self.regressions.appendingPathComponent(target)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        return try names.map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) }
    }

    /// Runs the target's body on another thread; a thrown failure or a hang fails the test.
    func replay(_ target: String, _ body: @escaping @Sendable (Data) throws -> Void) throws {
        let found = try inputs(target)
        XCTAssertFalse(found.isEmpty, "\(target): the regression inputs are missing")
        for (name, data) in found {
            let done = DispatchSemaphore(value: 0)
            let failure = DatasetFailureBox()
            Thread.detachNewThread {
                do { try body(data) } catch { failure.set("\(error)") }
                done.signal()
            }
            if done.wait(timeout: .now() + 20) == .timedOut { XCTFail("\(target)/\(name): still running after 20 s"); continue }
            if let message = failure.message { XCTFail("\(target)/\(name): \(message)") }
        }
    }

    /// Each must decode or throw a CNNError naming the input (FuzzTargets checks both).
    func testIDXRegressions() throws { try replay("FuzzIDX", FuzzIDX.fuzzOne) }

    func testNPZRegressions() throws { try replay("FuzzNPZ", FuzzNPZ.fuzzOne) }

    func testWeightsH5Regressions() throws { try replay("FuzzWeightsH5", FuzzWeightsH5.fuzzOne) }
}

/// A failure message handed from the replay thread to the test.
final class DatasetFailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var text: String?
    func set(_ message: String) { lock.lock(); text = message; lock.unlock() }
    var message: String? { lock.lock(); defer { lock.unlock() }; return text }
}
