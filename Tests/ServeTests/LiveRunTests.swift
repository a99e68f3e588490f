import Foundation
import XCTest
@testable import LessonKit
@testable import LessonServe

/// The live parts under the server: a running cell's text as a terminal shows it, the
/// incremental run and its checkpoints, the broadcaster's events.
final class LiveRunTests: XCTestCase {
    func testLiveOutputAppliesCarriageReturnsAndGrowsTheChart() {
        var sent: [CellResult] = []
        let live = LiveCellOutput(interval: 0, changed: { _, partial in sent.append(partial) }, finished: { _, _ in })
        let lesson = try? LessonParser.parse(text: "```python\nx = 1\n```\n", path: "a.md")
        live.willRun(lesson!.codeCells[0], output: CellOutput(echo: nil))
        live.write("Epoch 1/2\n", stream: .stdout)
        live.write("\r1/4 ━━━━━ 0s - loss: 0.9000", stream: .stdout)
        live.write("\r4/4 ━━━━━ 0s - loss: 0.5000\n", stream: .stdout)
        live.write("Epoch 2/2\n\r2/4 ━━━ 0s - loss: 0.4000", stream: .stdout)
        let last = sent.last
        XCTAssertEqual(last?.stdout, "Epoch 1/2\n4/4 ━━━━━ 0s - loss: 0.5000\nEpoch 2/2\n2/4 ━━━ 0s - loss: 0.4000")
        XCTAssertEqual(last?.trainings.first?.values("loss"), [0.5, 0.4], "the chart has a point for the epoch under way")
    }

    func testAStateIsRestoredFromTheCheckpointNotRunAgain() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-live-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let text = "```python\na = 2\nprint(a)\n```\n\n```python\nb = a * 3\nprint(b)\n```\n\n```python\nprint(a + b)\n```\n"
        let lesson = try LessonParser.parse(text: text, path: cache.appendingPathComponent("l.md").path)
        let first = try IncrementalRun(lesson: lesson, cacheFolder: cache)
        XCTAssertTrue(first.reach(3))
        XCTAssertEqual(first.results[3]?.stdout, "8\n")

        let counter = RunCounter()
        let second = try IncrementalRun(lesson: lesson, cacheFolder: cache)
        XCTAssertTrue(second.reach(2, observer: counter))
        XCTAssertEqual(counter.ran, [], "cells 1-2 came from the checkpoint")
        XCTAssertTrue(second.runCell(3, observer: counter))
        XCTAssertEqual(counter.ran, [3])
        XCTAssertEqual(second.results[3]?.stdout, "8\n")

        // Without a cache the same move runs the cells.
        let uncached = try IncrementalRun(lesson: lesson, cacheFolder: nil)
        let counted = RunCounter()
        XCTAssertTrue(uncached.runCell(3, observer: counted))
        XCTAssertEqual(counted.ran, [1, 2, 3])
    }

    func testSSEFramesEveryLineAsData() {
        XCTAssertEqual(SSE.event("page", id: "3", data: "a\r\nb\rc\n"), "event: page\nid: 3\ndata: a\ndata: b\ndata: c\ndata: \n\n")
    }

    func testALateListenerGetsTheCurrentCellAndCursorAndQueuesAreBounded() async {
        let broadcaster = Broadcaster(queueLimit: 4)
        broadcaster.publish(.page(version: 1, html: "<p>one</p>"), on: "x")
        broadcaster.publish(.cell(number: 2, html: "<pre>half</pre>"), on: "x")
        broadcaster.publish(cursor: 2, on: "x")
        let (id, events) = broadcaster.join("x")
        for n in 0..<100 { broadcaster.publish(.cell(number: 2, html: "<pre>\(n)</pre>"), on: "x") }
        broadcaster.leave(id)
        var received: [String] = []
        for await event in events { received.append(event) }
        XCTAssertEqual(received.count, 4, "only the newest events wait for a slow listener")
        XCTAssertTrue(received.last?.contains("<pre>99</pre>") ?? false)
        XCTAssertEqual(broadcaster.listenerCount, 0)
        XCTAssertEqual(broadcaster.page("x"), "<p>one</p>")

        let (_, late) = broadcaster.join("x")
        var first: [String] = []
        for await event in late { first.append(event); if first.count == 4 { break } }
        XCTAssertTrue(first.contains { $0.contains("event: cursor\ndata: 2") })
        XCTAssertTrue(first.contains { $0.contains("<pre>99</pre>") }, "the running cell as it is now")
        broadcaster.closeAll()
    }

    func testTheTokenComparison() throws {
        let token = try ClassToken.make()
        XCTAssertEqual(token.count, 32)
        XCTAssertNotEqual(token, try ClassToken.make())
        XCTAssertTrue(ClassToken.matches(token, token))
        XCTAssertFalse(ClassToken.matches(String(token.dropLast()), token))
        XCTAssertFalse(ClassToken.matches(token + "0", token))
        XCTAssertFalse(ClassToken.matches(nil, token))
        XCTAssertFalse(ClassToken.matches("", token))
    }
}

final class RunCounter: SessionObserver {
    var ran: [Int] = []
    func willShowProse(_ prose: ProseCell) {}
    func willRun(_ cell: CodeCell, output: CellOutput) { ran.append(cell.number) }
    func didRun(_ cell: CodeCell, result: CellResult) {}
    func skipped(_ cell: CodeCell, reason: String) {}
}

extension LiveRunTests {
    func testACellErrorShowsFileLineColumnAndCaretInTheLivePage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("broken.md").path
        try "# Broken\n\n```python\nx = 1\nprint(y)\n```\n".write(toFile: path, atomically: true, encoding: .utf8)
        var pages: [String] = []
        var options = HTMLOptions()
        options.live = .preview
        let preview = LivePreview(path: path, cacheFolder: nil, options: options) { event in
            if case .page(_, let html) = event { pages.append(html) }
        }
        preview.refresh()
        let page = try XCTUnwrap(pages.last)
        XCTAssertTrue(page.contains("broken.md:5:7: NameError: name &#39;y&#39; is not defined"), page)
        XCTAssertTrue(page.contains("    print(y)\n          ^"), "the line and a caret under the column")
    }
}

extension LiveRunTests {
    func testTerminalLinesShowControlCharactersInsteadOfActing() {
        XCTAssertEqual(TerminalSafe.line("a\u{1B}[31mb\u{202E}c\n"), "a\\u{1b}[31mb\\u{202e}c\n")
    }
}

extension LiveRunTests {
    func testAnEditKeepsEarlierOutputsAndShowsLaterOnesDimmedUntilTheyRun() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("l.md").path
        try "```python\nprint('one')\n```\n\n```python\nprint('two')\n```\n".write(toFile: path, atomically: true, encoding: .utf8)
        var events: [LiveEvent] = []
        var options = HTMLOptions()
        options.live = .preview
        let preview = LivePreview(path: path, cacheFolder: folder.appendingPathComponent("cache"), options: options) { events.append($0) }
        preview.refresh()
        try "```python\nprint('one')\n```\n\n```python\nprint('TWO')\n```\n".write(toFile: path, atomically: true, encoding: .utf8)
        events = []
        preview.refresh()
        let pages = events.compactMap { event -> String? in if case .page(_, let html) = event { return html } else { return nil } }
        let ran = events.compactMap { event -> Int? in if case .cell(let n, _) = event { return n } else { return nil } }
        XCTAssertEqual(Set(ran), [2], "cell 1 is unchanged and kept")
        let first = try XCTUnwrap(pages.first)
        XCTAssertTrue(first.contains("<div class=\"stale\""), "the old output waits, dimmed")
        XCTAssertTrue(first.contains("two") && first.contains("one"))
        let last = try XCTUnwrap(pages.last)
        XCTAssertTrue(last.contains("TWO") && last.contains("one"))
        XCTAssertFalse(last.contains("class=\"stale\""))
    }
}
