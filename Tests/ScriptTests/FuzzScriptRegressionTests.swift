import Foundation
import FuzzTargets
import XCTest

/// Replays the inputs kept in Fuzz/Regressions/FuzzScript/ (the deep chains that once
/// overflowed the stack, deep nesting of each kind, bad bytes) through FuzzScript's own body:
/// each must run or throw a located ScriptError, in time. The folder must hold inputs.
final class FuzzScriptRegressionTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Regressions/FuzzScript")

    func testScriptRegressions() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertFalse(names.isEmpty, "no regression inputs in \(Self.folder.path)")
        for name in names {
            let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
            let done = DispatchSemaphore(value: 0)
            let failure = ScriptFailureBox()
            Thread.detachNewThread {
                do { try FuzzScript.fuzzOne(data) } catch { failure.set("\(error)") }
                done.signal()
            }
            if done.wait(timeout: .now() + 20) == .timedOut { XCTFail("\(name): still running after 20 s"); continue }
            if let message = failure.message { XCTFail("\(name): \(message)") }
        }
    }
}

/// A failure message handed from the replay thread to the test.
final class ScriptFailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var text: String?
    func set(_ message: String) { lock.lock(); text = message; lock.unlock() }
    var message: String? { lock.lock(); defer { lock.unlock() }; return text }
}
