import XCTest
@testable import LessonKit

/// YAML front matter from a stranger: aliases that stand for a billion strings must not be expanded.
final class FrontMatterHardeningTests: XCTestCase {
    /// Nine levels of nine aliases: 9^9 (387 million) "lol"s if expanded.
    static let laughs = (1...8).map { level -> String in
        let name = "l\(level)", previous = "l\(level - 1)"
        return "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]"
    }.joined(separator: "\n")

    func lesson(_ yaml: String) throws -> Lesson {
        try LessonParser.parse(text: "---\ntitle: Laughs\nl0: &l0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n\(yaml)\n---\n# Hi\n", path: "bomb.md")
    }

    /// Found by probing: an alias used as a mapping key made Yams hash 10^9 nodes (minutes of
    /// CPU for 500 bytes); as a value, Swift's default description printed them all.
    func testBillionLaughsAreRefusedAtTheFirstAlias() throws {
        for extra in ["keyed: {*l8: 1}", "? *l8\n: 1", "plain: *l8", ""] {
            let start = Date()
            XCTAssertThrowsError(try lesson(Self.laughs + "\n" + extra)) { error in
                XCTAssertEqual((error as? LessonError)?.message, "front matter: YAML aliases (*name) are not supported in lessons")
                // Line 4 of the file: `l1: &l1 [*l0,...`, the first alias at column 10.
                XCTAssertEqual((error as? LessonError)?.position, SourcePosition(line: 4, column: 10))
            }
            XCTAssertLessThan(Date().timeIntervalSince(start), 2, extra)
        }
        // A `*` inside a scalar is text, not an alias.
        XCTAssertEqual(try LessonParser.parse(text: "---\ntitle: a *b\n---\n", path: "t.md").title, "a *b")
        XCTAssertEqual(try LessonParser.parse(text: "---\ntitle: '*b'\n---\n", path: "t.md").title, "*b")
    }

    func testLongCollectionsAreCutInValues() throws {
        let list = "[" + (1...2000).map(String.init).joined(separator: ", ") + "]"
        let parsed = try LessonParser.parse(text: "---\ntags: \(list)\n---\n", path: "t.md")
        let text = try XCTUnwrap(parsed.frontMatter.values["tags"])
        XCTAssertTrue(text.hasPrefix("[1, 2, 3") && text.hasSuffix("…"), String(text.suffix(20)))
        XCTAssertLessThanOrEqual(text.count, FrontMatter.maxValueText + 10)
    }

    func testOrdinaryValuesAreKeptAsText() throws {
        let parsed = try LessonParser.parse(text: "---\ntitle: T\ntags: [cnn, mnist]\nauthor: {name: A, year: 2024}\nseed: 7\n---\n", path: "t.md")
        XCTAssertEqual(parsed.frontMatter.values["tags"], "[cnn, mnist]")
        XCTAssertEqual(parsed.frontMatter.values["author"], "{name: A, year: 2024}")
        XCTAssertEqual(parsed.frontMatter.values["seed"], "7")
        XCTAssertEqual(parsed.frontMatter.seed, 7)
    }
}
