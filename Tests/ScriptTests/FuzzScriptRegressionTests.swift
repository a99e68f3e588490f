import Foundation
import XCTest
@testable import Script

/// Replays the inputs FuzzScript once crashed or hung on (Fuzz/Regressions/FuzzScript/), through
/// the same calls as Fuzz/Sources/FuzzScript: each must run or throw a located ScriptError, in time.
final class FuzzScriptRegressionTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Regressions/FuzzScript")

    func testScriptRegressions() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { !$0.hasPrefix(".") }.sorted()
        for name in names {
            let source = String(decoding: try Data(contentsOf: Self.folder.appendingPathComponent(name)), as: UTF8.self)
            let done = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                defer { done.signal() }
                do {
                    let program = try Parser.parse(source: source, origin: SourceOrigin(file: "fuzz.md", lineOffset: 3))
                    _ = program.topLevelLiteralAssignments()
                    _ = program.keywordArguments(named: "epochs")
                    let interpreter = Interpreter(output: CapturedOutput(),
                                                  limits: ExecutionLimits(maxSteps: 5_000, maxCollectionLength: 100_000, maxAllocationBytes: 1 << 24))
                    if let shown = try interpreter.run(program) { _ = interpreter.displayText(shown) }
                } catch let error as ScriptError {
                    _ = error.description
                } catch {
                    XCTFail("\(name): not a ScriptError: \(error)")
                }
            }
            if done.wait(timeout: .now() + 20) == .timedOut { XCTFail("\(name): still running after 20 s") }
        }
    }
}
