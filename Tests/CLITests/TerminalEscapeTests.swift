import Foundation
import XCTest

/// Escape sequences and control characters a lesson carries never reach the terminal raw
/// (issue 14, part 3), through the built binary: prose, headings, titles, code, outputs,
/// error echoes and cell listings. Each kind is one the issue names.
final class TerminalEscapeTests: XCTestCase {
    var work: URL!

    override func setUpWithError() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-escapes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: work) }

    static let esc = "\u{1B}", bel = "\u{07}"
    /// Clear screen, window title (OSC 0), clipboard write (OSC 52), hidden text (SGR 8), a C1 CSI,
    /// a carriage return that would overwrite, and a right-to-left override.
    static let kinds: [(name: String, raw: String)] = [
        ("clear", esc + "[2J" + esc + "[H"),
        ("title", esc + "]0;owned" + bel),
        ("clipboard", esc + "]52;c;ZXZpbA==" + bel),
        ("hidden", esc + "[8mhidden" + esc + "[0m"),
        ("c1", "\u{9B}2J"),
        ("overwrite", "safe\rrm -rf"),
        ("bidi", "\u{202E}txt.exe"),
    ]

    func lesson(_ raw: String) -> String {
        // The sequence in the heading (the title), prose, a code cell (in a comment, unless it
        // would end the line), its printed output (made from Python escapes) and an error's
        // echo of its source line.
        let codes = "\"" + raw.unicodeScalars.map { "\\u" + String(format: "%04x", $0.value) }.joined() + "\""
        let comment = raw.contains("\r") ? "" : "  # \(raw)"
        return """
        # Head \(raw)

        Prose \(raw) more.

        ```python
        s = \(codes)\(comment)
        print("out", s)
        ```

        ```python
        print(undefined_name)\(comment)
        ```

        """
    }

    /// No byte that acts on a terminal: controls other than newline and tab, DEL, C1, bidi.
    func assertInert(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let bad = text.unicodeScalars.filter { s in
            (s.value < 0x20 && s != "\n" && s != "\t") || (0x7F...0x9F).contains(s.value) || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
        }
        XCTAssertTrue(bad.isEmpty, "\(what): \(bad.map { String($0.value, radix: 16) }) reached the terminal", file: file, line: line)
    }

    func testEveryKindOfSequenceIsMadeVisibleByEveryCommand() throws {
        for (name, raw) in Self.kinds {
            let path = work.appendingPathComponent("\(name).md")
            try lesson(raw).write(to: path, atomically: true, encoding: .utf8)
            let runs: [[String]] = [["run", path.path], ["run", "--quiet", path.path], ["check", path.path], ["cells", path.path],
                                    ["list", work.path], ["html", path.path, "-o", work.appendingPathComponent("\(name).html").path],
                                    ["run", path.path, "--cells", "7"]]
            for arguments in runs {
                let result = try LessonProcess.run(arguments, in: work)
                assertInert(result.stdout, "\(name): \(arguments.first ?? "") stdout")
                assertInert(result.stderr, "\(name): \(arguments.first ?? "") stderr")
            }
            // Made visible, not dropped: ESC shows as ␛ in the prose, the output and the error.
            let run = try LessonProcess.run(["run", path.path], in: work)
            XCTAssertEqual(run.status, 2, run.stderr)
            XCTAssertTrue(run.stderr.contains("NameError: name 'undefined_name' is not defined"), run.stderr)
            if raw.hasPrefix(Self.esc) {
                XCTAssertTrue(run.stdout.contains("Head ␛"), "\(name): \(run.stdout)")
                XCTAssertTrue(run.stdout.contains("out ␛"), "\(name): \(run.stdout)")
                XCTAssertTrue(run.stderr.contains("print(undefined_name)  # ␛"), "\(name): \(run.stderr)")
            }
        }
        let step = try LessonProcess.run(["step", work.appendingPathComponent("title.md").path], in: work, stdin: "o\n\nq\n")
        assertInert(step.stdout, "step stdout")
        XCTAssertTrue(step.stdout.contains("lesson step: Head ␛]0;owned␇"), step.stdout)
    }

    func testTheCarriageReturnAndTheRightToLeftOverrideAreShown() throws {
        let path = work.appendingPathComponent("o.md")
        try "# O\n\n```python\nprint('safe\\rrm -rf', '\\u202etxt.exe', '\\x9b')\n```\n".write(to: path, atomically: true, encoding: .utf8)
        let result = try LessonProcess.run(["run", "--quiet", path.path], in: work)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "safe␍rm -rf <U+202E>txt.exe \\x9b\n")
    }
}
