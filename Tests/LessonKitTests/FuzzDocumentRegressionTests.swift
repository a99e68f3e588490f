import Foundation
import XCTest
@testable import LessonKit

/// Replays the inputs the fuzzers once crashed or hung on (Fuzz/Regressions/<target>/) through
/// the same calls as Fuzz/Sources/<target>: lessons, notebooks and the output comparer.
final class FuzzDocumentRegressionTests: XCTestCase {
    static let regressions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Regressions")

    func replay(_ target: String, _ body: @escaping @Sendable (String, Data) -> Void) throws {
        let folder = Self.regressions.appendingPathComponent(target)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        for name in names {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let done = DispatchSemaphore(value: 0)
            Thread.detachNewThread { body(name, data); done.signal() }
            if done.wait(timeout: .now() + 20) == .timedOut { XCTFail("\(target)/\(name): still running after 20 s") }
        }
    }

    /// Same as Fuzz/Sources/FuzzLesson.
    func testLessonRegressions() throws {
        try replay("FuzzLesson") { _, data in
            guard let source = try? SourceText.decode(data, path: "fuzz.md"), let lesson = try? LessonParser.parse(source) else { return }
            _ = CellListing.table(lesson)
            var outputs: [Int: [FreshOutput]] = [:]
            for cell in lesson.codeCells { outputs[cell.number] = [FreshOutput(stream: .stdout, text: "x```\n")] }
            let rewritten = OutputRewriter.rewrite(lesson, outputs: outputs, figures: [1: ["fuzz.files/cell1-1.png"]])
            _ = try? LessonParser.parse(text: rewritten, path: "fuzz.md")
            let notebook = NotebookConversion.notebook(from: lesson).serialized()
            if let back = try? Notebook.decode(Data(notebook.utf8), path: "fuzz.ipynb") { _ = try? NotebookConversion.markdown(from: back) }
            _ = TerminalProse(style: TerminalStyle(colors: true)).render(source.text)
        }
    }

    /// Same as Fuzz/Sources/FuzzNotebook.
    func testNotebookRegressions() throws {
        try replay("FuzzNotebook") { _, data in
            guard let notebook = try? Notebook.decode(data, path: "fuzz.ipynb"),
                  let markdown = try? NotebookConversion.markdown(from: notebook),
                  let lesson = try? LessonParser.parse(text: markdown, path: "fuzz.md") else { return }
            _ = NotebookConversion.notebook(from: lesson).serialized()
        }
    }

    /// Same as Fuzz/Sources/FuzzComparer: documented and fresh output split at the first NUL.
    func testComparerRegressions() throws {
        try replay("FuzzComparer") { name, data in
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
            XCTAssertTrue(OutputComparer.compare(documented: documented, fresh: documented).matches, "\(name): a text must match itself")
            _ = comparison.diff
            for mismatch in comparison.mismatches { _ = mismatch.rule }
            _ = OutputNormalizer.normalize(fresh)
        }
    }
}
