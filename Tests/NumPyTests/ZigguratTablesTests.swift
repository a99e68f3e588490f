import Foundation
import XCTest

/// The checked-in ziggurat tables are what `scripts/ziggurat-tables` derives (the script is
/// their source of truth); the draws made with them are checked against NumPy by the
/// differential programs random_generator_*.py.
final class ZigguratTablesTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = Self.repository
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testCheckedInTablesAreWhatTheScriptDerives() throws {
        guard (try? python(["-c", "import mpmath"]))?.status == 0 else {
            throw XCTSkip("python3 with mpmath is needed to rederive the ziggurat tables (python3 -m pip install mpmath)")
        }
        let (status, output) = try python(["scripts/ziggurat-tables", "--check"])
        XCTAssertEqual(status, 0, output)
        XCTAssertTrue(output.contains("ZigguratNormalTables.swift is up to date"), output)
        XCTAssertTrue(output.contains("ZigguratExponentialTables.swift is up to date"), output)
    }
}
