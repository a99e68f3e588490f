import Foundation
import XCTest

/// A `lesson serve` process on a free loopback port, stopped when the test ends.
final class ServeProcess {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static var binary: URL {
        var folder = Bundle(for: ServeProcess.self).bundleURL.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: folder.appendingPathComponent("lesson").path) { folder = Bundle.main.bundleURL }
        return folder.appendingPathComponent("lesson")
    }

    let process = Process()
    let output = Pipe()
    private(set) var announced = ""
    var port = 0
    var token: String?

    init(_ arguments: [String], cache: URL) throws {
        process.executableURL = Self.binary
        process.arguments = ["serve"] + arguments + ["--port", "0"]
        process.environment = ProcessInfo.processInfo.environment.merging(["LESSON_CACHE": cache.path]) { $1 }
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // The announcement names the port (and the teacher's token).
        let deadline = Date().addingTimeInterval(60)
        let handle = output.fileHandleForReading
        while Date() < deadline, process.isRunning, !(announced.contains("\n") && port > 0 && (!arguments.contains("--class") || token != nil)) {
            let data = handle.availableData
            if data.isEmpty { break }
            announced += String(decoding: data, as: UTF8.self)
            if let match = announced.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                port = Int(announced[match].dropFirst("http://127.0.0.1:".count).dropLast()) ?? 0
            }
            if let match = announced.range(of: #"token=[0-9a-f]+"#, options: .regularExpression) {
                token = String(announced[match].dropFirst(6))
            }
        }
        guard port > 0 else { stop(); throw TestHTTPError("lesson serve did not announce a port: \(announced)") }
    }

    /// The resident memory of the server, in KiB (Linux's /proc).
    var residentKiB: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }

    func stop() {
        if process.isRunning { process.terminate(); process.waitUntilExit() }
    }

    deinit { stop() }

    /// A scratch folder with copies of the named fixtures.
    static func scratch(_ names: [String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in names {
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        return folder
    }

    /// Waits until `condition` holds, looking every 50 ms.
    static func waitFor(_ seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            usleep(50_000)
        }
        return try condition()
    }
}
