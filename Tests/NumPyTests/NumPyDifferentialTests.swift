import Foundation
import NumPy
import Script
import XCTest

/// Small programs, one theme each, run by lesson's interpreter with the NumPy library and
/// compared character for character with what the real NumPy printed for them
/// (`scripts/numpy-regen` made the `.out` files, random streams included).
final class NumPyDifferentialTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/differential")

    /// stdout of `source`, and `!! Kind: message` when it ends in an exception, as the regen script writes.
    static func run(_ source: String, name: String) -> String {
        let registry = ModuleRegistry()
        let context = RunContext(limits: RunLimits(maxAllocationBytes: 256 << 20))
        registry.register("numpy") { NumPyModule.make(context: context, seed: 0) }
        let output = CapturedOutput()
        let interpreter = Interpreter(importer: registry, output: output, context: context)
        do {
            _ = try interpreter.run(try Parser.parse(source: source, origin: SourceOrigin(file: name)))
            return output.stdout
        } catch let error as ScriptError {
            return output.stdout + "!! \(error.kind.rawValue): \(error.message)\n"
        } catch {
            return output.stdout + "!! \(error)\n"
        }
    }

    func testProgramsPrintWhatNumPyPrints() throws {
        let programs = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".py") }.sorted()
        XCTAssertFalse(programs.isEmpty, "no programs in \(Self.folder.path)")
        var passed: [String] = [], failed: [String] = []
        for program in programs {
            let url = Self.folder.appendingPathComponent(program)
            let source = try String(contentsOf: url, encoding: .utf8)
            let expected = try String(contentsOf: url.deletingPathExtension().appendingPathExtension("out"), encoding: .utf8)
            let actual = Self.run(source, name: program)
            if actual == expected { passed.append(program); continue }
            failed.append(program)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false), a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(e.count, a.count)).first { e[$0] != a[$0] } ?? min(e.count, a.count)
            XCTFail("\(program): line \(line + 1) differs\n  numpy:  \(line < e.count ? String(e[line]) : "<end>")\n  lesson: \(line < a.count ? String(a[line]) : "<end>")")
        }
        print("NumPy differential: \(passed.count) of \(programs.count) programs print what NumPy prints")
    }
}
