import Foundation
import FuzzTargets
@testable import LessonKit
import XCTest

/// Replays the inputs kept in Fuzz/Regressions/<target>/ (crashes, hangs and each reader
/// finding) through the fuzz targets' own bodies (`FuzzTargets`): lessons, notebooks and the
/// output comparer. Each folder must hold inputs: an empty one would test nothing.
final class FuzzDocumentRegressionTests: XCTestCase {
    static let regressions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Regressions")

    func replay(_ target: String, _ body: @escaping @Sendable (Data) throws -> Void) throws {
        let folder = Self.regressions.appendingPathComponent(target)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertFalse(names.isEmpty, "\(target): no regression inputs in \(folder.path)")
        for name in names {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let done = DispatchSemaphore(value: 0)
            let failure = FailureBox()
            Thread.detachNewThread {
                do { try body(data) } catch { failure.set("\(error)") }
                done.signal()
            }
            if done.wait(timeout: .now() + 20) == .timedOut { XCTFail("\(target)/\(name): still running after 20 s"); continue }
            if let message = failure.message { XCTFail("\(target)/\(name): \(message)") }
        }
    }

    func testLessonRegressions() throws { try replay("FuzzLesson", FuzzLesson.fuzzOne) }

    func testNotebookRegressions() throws { try replay("FuzzNotebook", FuzzNotebook.fuzzOne) }

    func testComparerRegressions() throws { try replay("FuzzComparer", FuzzComparer.fuzzOne) }

    func testPublishedFormatRegressions() throws {
        try replay("FuzzKerasIO", FuzzKerasIO.fuzzOne)
        try replay("FuzzMyST", FuzzMyST.fuzzOne)
        try replay("FuzzPercent", FuzzPercent.fuzzOne)
        try replay("FuzzQuarto", FuzzQuarto.fuzzOne)
    }

    /// The targets check what they promise: a lesson whose rendering let an escape through,
    /// or a comparer input, fails the target (not only a crash).
    func testTheLessonTargetFailsWhenAnEscapeReachesTheTerminal() throws {
        XCTAssertNoThrow(try FuzzLesson.fuzzOne(Data("# Head \u{1B}[2J\n\nProse \u{9B}\n".utf8)))
        XCTAssertTrue(TerminalText.isUnsafe("\u{1B}"))
        XCTAssertFalse(TerminalProse(style: TerminalStyle(colors: false)).render("# a \u{1B}]0;t\u{07}\n").unicodeScalars.contains { TerminalText.isUnsafe($0) })
    }
}

/// A failure message handed from the replay thread to the test.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var text: String?
    func set(_ message: String) { lock.lock(); text = message; lock.unlock() }
    var message: String? { lock.lock(); defer { lock.unlock() }; return text }
}
