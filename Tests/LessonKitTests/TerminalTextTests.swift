import XCTest
@testable import LessonKit

/// `TerminalText.visible`, the one function lesson text goes through on its way to a terminal,
/// and the colour path: with colours on, the only escapes written are `lesson`'s own.
final class TerminalTextTests: XCTestCase {
    func testControlsAreShownAndTextIsKept() {
        XCTAssertEqual(TerminalText.visible("a\u{1B}[2Jb"), "a␛[2Jb")
        XCTAssertEqual(TerminalText.visible("\u{1B}]52;c;eA==\u{07}"), "␛]52;c;eA==␇")
        XCTAssertEqual(TerminalText.visible("x\u{0}y\u{7F}"), "x␀y␡")
        XCTAssertEqual(TerminalText.visible("safe\rrm"), "safe␍rm")
        XCTAssertEqual(TerminalText.visible("line\r\nnext\n\tindented"), "line\nnext\n\tindented")
        XCTAssertEqual(TerminalText.visible("\u{9B}2J"), "\\x9b2J")
        XCTAssertEqual(TerminalText.visible("\u{202E}cod.exe"), "<U+202E>cod.exe")
        let plain = "Épochs: 5 — ━━━━ 0.9875 ✓ 日本語"
        XCTAssertEqual(TerminalText.visible(plain), plain)
    }

    func testWithColoursOnlyOurOwnEscapesAreWritten() {
        var written = ""
        let replay = TerminalReplay(style: TerminalStyle(colors: true), quiet: false, liveProgress: true, out: { written += $0 }, err: { written += $0 })
        replay.write("lesson says \u{1B}[8mhidden\u{1B}[0m\n", stream: .stdout)
        replay.write("warning \u{1B}]0;title\u{07}\n", stream: .stderr)
        replay.writeProgress("\r\u{1B}[1m1/2\u{1B}[0m")
        // Every escape left is a colour (SGR) that we wrote; the lesson's are visible.
        let ours = written.replacingOccurrences(of: #"\u{1B}\[[0-9;]*m"#, with: "", options: .regularExpression)
        XCTAssertFalse(ours.contains("\u{1B}"), ours)
        XCTAssertTrue(written.contains("lesson says ␛[8mhidden␛[0m"), written)
        XCTAssertTrue(written.contains("warning ␛]0;title␇"), written)
        XCTAssertTrue(written.contains("\r\u{1B}[1m1/2"), "the progress bar keeps its own colour and carriage return")
    }
}
