import Foundation
import XCTest

/// scripts/bootstrap when downloads fail: no partial or unchecked dataset file is left where
/// `mnist.load_data()` would find it. curl, pip and dpkg are stubbed; nothing goes to the network.
final class BootstrapHardeningTests: XCTestCase {
    var home: URL!
    var stubs: URL!

    override func setUpWithError() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-bootstrap-\(UUID().uuidString)")
        home = root.appendingPathComponent("home")
        stubs = root.appendingPathComponent("bin")
        for folder in [home!, stubs!] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        // Every system package "installed"; pip cannot fetch anything.
        try stub("dpkg-query", "printf 'install ok installed'")
        try stub("python3", "exit 1")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: home.deletingLastPathComponent()) }

    func stub(_ name: String, _ body: String) throws {
        let url = stubs.appendingPathComponent(name)
        try "#!/bin/sh\n\(body)\n".write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    }

    /// Runs the script with the stubs first on PATH; returns its status and everything under HOME.
    func bootstrap() throws -> (status: Int32, output: String, files: [String]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [LessonProcess.repository.appendingPathComponent("scripts/bootstrap").path]
        process.environment = ["HOME": home.path, "PATH": stubs.path + ":/usr/bin:/bin", "TMPDIR": home.deletingLastPathComponent().path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let files = (FileManager.default.enumerator(atPath: home.path)?.allObjects as? [String] ?? []).filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: home.appendingPathComponent($0).path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        return (process.terminationStatus, output, files.sorted())
    }

    /// curl dies halfway through mnist.npz (exit 18, "partial file"), as a dropped connection does.
    func testADownloadThatFailsHalfwayLeavesNoFile() throws {
        try stub("curl", #"while [ $# -gt 0 ]; do [ "$1" = -o ] && out=$2; shift; done; printf 'PK half a zip' > "$out"; exit 18"#)
        let result = try bootstrap()
        XCTAssertNotEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("cannot reach https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"), result.output)
        XCTAssertEqual(result.files, [], "files left under HOME: \(result.files)\n\(result.output)")
    }

    /// The download completes but is not the file Keras publishes: it is not installed.
    func testAWrongChecksumIsNotInstalled() throws {
        try stub("curl", #"while [ $# -gt 0 ]; do [ "$1" = -o ] && out=$2; shift; done; printf 'not mnist' > "$out""#)
        let result = try bootstrap()
        XCTAssertNotEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("gave a file with the wrong SHA-256"), result.output)
        XCTAssertEqual(result.files, [], "files left under HOME: \(result.files)\n\(result.output)")
    }
}
