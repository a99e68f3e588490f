import Foundation
import XCTest
@testable import LessonKit

/// keras.io's own pages, from `../shared/corpus/` beside the repository (never copied into it):
/// every ```python fence is a code cell and every output block is one.
final class KerasIOCorpusTests: XCTestCase {
    static let corpus = TestPaths.repository.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    static let pages = ["mnist_convnet.md", "sequential_model.md", "autoencoder.md", "writing_your_own_callbacks.md"]

    func page(_ name: String) throws -> String {
        let path = Self.corpus.appendingPathComponent(name).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw XCTSkip("the keras.io corpus is not at \(Self.corpus.path) (../shared/corpus from the repository); these tests need it")
        }
        return path
    }

    func testEveryPythonFenceIsACodeCellAndEveryOutputBlockIsRecognised() throws {
        for name in Self.pages {
            let path = try page(name)
            let lines = try SourceText.read(path: path).lines.map { String($0).trimmingLineEnd() }
            let lesson = try LessonLoader.load(path)
            XCTAssertEqual(lesson.format, .kerasIO, name)

            // Counted from the file's lines, independently of the reader.
            let fences = lines.indices.filter { lines[$0].hasPrefix("```python") }
            let divs = lines.filter { $0.hasPrefix("<div class=\"k-default-codeblock\">") }.count
            let pres = lines.filter { $0.hasPrefix("<pre") }.count
            XCTAssertEqual(lesson.codeCells.count, fences.count, "\(name): code cells")
            XCTAssertEqual(lesson.codeCells.map(\.lines.first), fences.map { $0 + 1 }, "\(name): code cells start at the fences")

            let outputBlocks = lesson.codeCells.flatMap(\.outputs).map(\.sourceBlocks).reduce(0, +)
            let proseDivs = lesson.cells.compactMap { if case .prose(let p) = $0 { return p.text } else { return nil } }
                .flatMap { $0.split(separator: "\n") }.filter { $0.hasPrefix("<div class=\"k-default-codeblock\">") }.count
            XCTAssertGreaterThan(outputBlocks, 0, name)
            XCTAssertEqual(outputBlocks + proseDivs, divs + pres, "\(name): every div and <pre> is an output or prose")
            XCTAssertEqual(proseDivs, 0, "\(name): every k-default block follows a code cell on these pages")

            for cell in lesson.codeCells {
                // Code as in the file, between the fences.
                let expected = lines[cell.lines.first..<(cell.lines.last - 1)].joined(separator: "\n") + "\n"
                XCTAssertEqual(cell.code, expected, "\(name): cell \(cell.number)")
                for output in cell.outputs {
                    XCTAssertFalse(output.text.contains("<span"), "\(name): cell \(cell.number): tags stripped")
                    XCTAssertFalse(output.text.contains("&lt;"), "\(name): cell \(cell.number): entities decoded")
                }
            }
            // No prose holds a python fence or half an output block.
            for case .prose(let prose) in lesson.cells {
                XCTAssertFalse(prose.text.contains("```python"), "\(name): prose at \(prose.lines)")
            }
        }
    }

    func testMnistConvnetOutputsAreWhatTheTerminalShowed() throws {
        let lesson = try LessonLoader.load(try page("mnist_convnet.md"))
        let outputs = lesson.codeCells.map { $0.output(.stdout)?.text ?? "" }
        XCTAssertTrue(outputs[1].hasPrefix("x_train shape: (60000, 28, 28, 1)\n60000 train samples\n"))
        XCTAssertTrue(outputs[2].contains("Model: \"sequential\""))
        XCTAssertTrue(outputs[2].contains("│ conv2d (Conv2D)                 │ (None, 26, 26, 32)        │        320 │"))
        XCTAssertTrue(outputs[2].contains(" Total params: 34,826 (136.04 KB)"))
        XCTAssertEqual(lesson.codeCells[2].output(.stdout)?.sourceBlocks, 5)
        XCTAssertTrue(outputs[4].contains("Test accuracy: 0.9919000267982483"))
    }

    func testPagesImportToOurMarkdownAndExportBackToEveryFormat() throws {
        for name in Self.pages {
            let page = try LessonLoader.load(try page(name))
            for format in [LessonFormat.markdown, .myst, .percent, .quarto] {
                let text = LessonWriter.write(page, as: format)
                let back = try LessonReader.read(SourceText(path: "page." + format.fileExtension, text: text))
                XCTAssertEqual(back.format, format, "\(name) → \(format)")
                // A percent cell ends at its last non-blank line, as jupytext reads it.
                let code = { (cell: CodeCell) in format == .percent ? cell.code.replacingOccurrences(of: "\\n+$", with: "\n", options: .regularExpression) : cell.code }
                XCTAssertEqual(back.codeCells.map(code), page.codeCells.map(code), "\(name) → \(format): code")
                XCTAssertEqual(back.codeCells.map { $0.outputs.map(\.text) }, page.codeCells.map { $0.outputs.map(\.text) }, "\(name) → \(format): outputs")
            }
        }
    }
}
