import Foundation
import XCTest

/// Runs the `lesson` executable that SwiftPM built next to this test bundle.
struct LessonProcess {
    var status: Int32
    var stdout: String
    var stderr: String

    static let scratchCache = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-test-cache-\(getpid())").path

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL {
        var folder = Bundle(for: CLITests.self).bundleURL.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: folder.appendingPathComponent("lesson").path) {
            folder = Bundle.main.bundleURL
        }
        return folder.appendingPathComponent("lesson")
    }

    @discardableResult
    static func run(_ arguments: [String], in folder: URL = repository, stdin: String? = nil, environment: [String: String] = [:]) throws -> LessonProcess {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        // Checkpoints of test runs go to a scratch cache, never the user's.
        process.environment = ProcessInfo.processInfo.environment.merging(["LESSON_CACHE": scratchCache]) { $1 }.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        if let stdin {
            let input = Pipe()
            process.standardInput = input
            try process.run()
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }
        // Read before waiting so a full pipe cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return LessonProcess(status: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}

final class CLITests: XCTestCase {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func testCellsListsTheSeedLessonFromABareName() throws {
        let result = try LessonProcess.run(["cells", "cnn-mnist.md"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("Lessons/cnn-mnist.md: 5 code cells"), result.stdout)
        XCTAssertEqual(result.stdout.components(separatedBy: "code [").count - 1, 5)
        XCTAssertTrue(result.stdout.contains("└ stderr"))
        let json = try LessonProcess.run(["cells", "cnn-mnist", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let cells = object?["cells"] as? [[String: Any]] ?? []
        XCTAssertEqual(cells.filter { $0["kind"] as? String == "code" }.count, 5)
    }

    func testExportImportRoundTrip() throws {
        let folder = try temporaryFolder()
        let notebook = folder.appendingPathComponent("cnn.ipynb").path
        let markdown = folder.appendingPathComponent("cnn.md").path
        XCTAssertEqual(try LessonProcess.run(["export", "cnn-mnist.md", "--to", "ipynb", "-o", notebook]).status, 0)
        XCTAssertEqual(try LessonProcess.run(["import", notebook, "-o", markdown]).status, 0)
        let original = try LessonProcess.run(["cells", "cnn-mnist.md", "--json"]).stdout
        let back = try LessonProcess.run(["cells", markdown, "--json"]).stdout
        func codeAndOutputs(_ json: String) throws -> [String] {
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            return (object?["cells"] as? [[String: Any]] ?? []).compactMap { cell in
                guard let code = cell["code"] as? String else { return nil }
                let outputs = (cell["outputs"] as? [[String: Any]] ?? []).map { "\($0["stream"] ?? ""):\($0["text"] ?? "")" }
                return ([code] + outputs).joined(separator: "|")
            }
        }
        XCTAssertEqual(try codeAndOutputs(back), try codeAndOutputs(original))
        XCTAssertEqual(try codeAndOutputs(original).count, 5)
        // Markdown export of an unchanged lesson is the file itself.
        let exported = try LessonProcess.run(["export", "cnn-mnist.md", "--to", "md"]).stdout
        XCTAssertEqual(Data(exported.utf8), FileManager.default.contents(atPath: LessonProcess.repository.appendingPathComponent("Lessons/cnn-mnist.md").path))
    }

    func testBadInputIsOneLocatedErrorAndExitCode2() throws {
        let folder = try temporaryFolder()
        let files: [(String, Data, String)] = [
            ("binary.md", Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x00, 0x01]), "binary.md:1:6: binary data"),
            ("open.md", Data("# T\n\n```python\nprint(1)\n".utf8), "open.md:3:1: this code fence is never closed"),
            ("broken.ipynb", Data("{\"cells\": [\n {\"cell_type\": ]}".utf8), "broken.ipynb:2:"),
            ("option.md", Data("```python\n1\n```\n\n```output shiny\n1\n```\n".utf8), "option.md:5:11: unknown option 'shiny'"),
        ]
        for (name, data, expected) in files {
            let path = folder.appendingPathComponent(name).path
            FileManager.default.createFile(atPath: path, contents: data)
            for arguments in [["cells", path], ["export", path, "--to", "ipynb"]] {
                let result = try LessonProcess.run(arguments, in: folder)
                XCTAssertEqual(result.status, 2, "\(arguments)")
                XCTAssertTrue(result.stderr.hasPrefix("lesson: error: \(folder.path)/\(expected)"), result.stderr)
                XCTAssertEqual(result.stdout, "")
            }
        }
        let missing = try LessonProcess.run(["cells", "no-such-lesson.md"], in: folder)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("no such lesson"))
    }
}
