import Foundation
import XCTest

/// Runs this test binary again on one test (`Class/testName`) with `environment` changed (a nil
/// value removes the variable), and reads the `key=value` fields of the first line it prints
/// that starts with `tag` and a space: how a kernel library chooses is fixed at load time, so
/// each setting needs a process of its own.
func childTestReport(test: String, environment: [String: String?], tag: String,
                     file: StaticString = #filePath, line: UInt = #line) throws -> [String: String] {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    p.arguments = [test]
    var env = ProcessInfo.processInfo.environment
    for (name, value) in environment { env[name] = value }
    p.environment = env
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    guard let report = text.split(separator: "\n").first(where: { $0.hasPrefix(tag + " ") }) else {
        XCTFail("the child printed no \(tag) line: \(text.suffix(400))", file: file, line: line)
        return [:]
    }
    return Dictionary(report.split(separator: " ").dropFirst().compactMap { f -> (String, String)? in
        let kv = f.split(separator: "=", maxSplits: 1)
        return kv.count == 2 ? (String(kv[0]), String(kv[1])) : nil
    }, uniquingKeysWith: { a, _ in a })
}
