import XCTest
@testable import Script

/// The differential conformance suite: each `Conformance/NNN-theme.py` is run by the
/// interpreter and its stdout compared exactly with `NNN-theme.out`, which
/// `scripts/conformance-regen` writes by running the same file with CPython 3.11.
/// `known-failures.txt` lists the programs that do not match yet: the test fails when an
/// unlisted program fails (a regression) and when a listed one passes (update the list).
/// `CONFORMANCE_ONLY=NNN` runs the programs whose name contains NNN and prints their diff.
final class ConformanceTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Conformance")

    /// Stdout of a program run as one cell; an uncaught error is printed as CPython's last
    /// traceback line would be (to stderr there, so not compared).
    static func run(_ source: String, file: String) -> String {
        let out = CapturedOutput()
        let interp = Interpreter(output: out)
        do {
            _ = try interp.run(source: source, origin: SourceOrigin(file: file))
        } catch let e as ScriptError {
            return out.stdout + "\n[uncaught] \(e.summary)\n"
        } catch {
            return out.stdout + "\n[uncaught] \(error)\n"
        }
        return out.stdout
    }

    func testConformanceSuite() throws {
        let fm = FileManager.default
        let names = try fm.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".py") }.sorted()
        XCTAssertGreaterThan(names.count, 0, "no programs in \(Self.folder.path)")
        let knownText = (try? String(contentsOf: Self.folder.appendingPathComponent("known-failures.txt"), encoding: .utf8)) ?? ""
        let known = Set(knownText.split(separator: "\n").map { $0.split(separator: "#").first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? "" }.filter { !$0.isEmpty })
        let only = ProcessInfo.processInfo.environment["CONFORMANCE_ONLY"]
        var passed = 0, total = 0
        var regressions: [String] = [], fixed: [String] = []
        for name in names {
            if let o = only, !name.contains(o) { continue }
            let stem = String(name.dropLast(3))
            let source = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
            guard let expected = try? String(contentsOf: Self.folder.appendingPathComponent(stem + ".out"), encoding: .utf8) else {
                XCTFail("\(stem).out is missing: run scripts/conformance-regen")
                continue
            }
            total += 1
            let started = Date()
            let actual = Self.run(source, file: name)
            let seconds = Date().timeIntervalSince(started)
            if seconds > 2 { print("conformance: \(stem) took \(String(format: "%.1f", seconds)) s") }
            let ok = actual == expected
            if ok { passed += 1 }
            if only != nil && !ok { print("--- \(stem) expected:\n\(expected)--- actual:\n\(actual)---") }
            if ok && known.contains(stem) { fixed.append(stem) }
            if !ok && !known.contains(stem) { regressions.append(stem) }
        }
        let rate = total == 0 ? 0 : Double(passed) * 100 / Double(total)
        print("conformance: \(passed)/\(total) programs match CPython (\(String(format: "%.1f", rate))%)")
        if only == nil {
            XCTAssert(regressions.isEmpty, "programs that no longer match CPython (not in known-failures.txt): \(regressions)")
            XCTAssert(fixed.isEmpty, "programs in known-failures.txt that now match; remove them from the list: \(fixed)")
        }
    }
}
