import Foundation
import XCTest
@testable import CNN

/// Replays the inputs the fuzzers once crashed or hung on (Fuzz/Regressions/<target>/), through
/// the same calls as Fuzz/Sources/<target>: each must decode or throw a CNNError naming the input, in time.
final class FuzzDatasetRegressionTests: XCTestCase {
    static let regressions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Regressions")

    func inputs(_ target: String) throws -> [(String, Data)] {
        let folder = Self.regressions.appendingPathComponent(target)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        return try names.map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) }
    }

    /// Runs `body` on another thread and fails if it has not finished in `seconds` (a hang).
    func finishes(_ name: String, seconds: Double = 20, _ body: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread { body(); done.signal() }
        if done.wait(timeout: .now() + seconds) == .timedOut { XCTFail("\(name): still running after \(seconds) s") }
    }

    /// The error, if any, must be a CNNError that names the input (or an entry of it).
    func check(_ name: String, _ label: String, _ body: () throws -> Void) {
        do { try body() } catch let error as CNNError {
            XCTAssertTrue(error.description.hasPrefix(label), "\(name): \(error)")
        } catch {
            XCTFail("\(name): not a CNNError: \(error)")
        }
    }

    func testIDXRegressions() throws {
        for (name, data) in try inputs("FuzzIDX") {
            finishes(name) { self.check(name, "fuzz.idx") { _ = try IDX.decode(data, name: "fuzz.idx") } }
        }
    }

    func testNPZRegressions() throws {
        let found = try inputs("FuzzNPZ")
        XCTAssertFalse(found.isEmpty, "the regression inputs are missing")
        for (name, data) in found {
            finishes(name) {
                self.check(name, "fuzz.npy") { _ = try NPY.parse(data, name: "fuzz.npy").floatTensor.count }
                self.check(name, "fuzz.npz") { for (_, array) in try NPY.readArchive(data: data, name: "fuzz.npz") { _ = array.floatTensor.count } }
            }
        }
    }
}
