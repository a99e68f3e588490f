import Foundation
import XCTest

/// `lesson` promises that replaying a lesson touches no network: no source file may use a
/// networking API. A tripwire: a new download must be added here on purpose, with its reason.
final class NoNetworkHardeningTests: XCTestCase {
    /// Files allowed to open connections, and why (none today: datasets come from scripts/bootstrap).
    static let allowed: [String: String] = [:]

    static let networkAPIs = ["URLSession", "URLRequest", "NSURLConnection", "CFStream", "NWConnection", "getaddrinfo", "gethostbyname",
                              "socket(", "connect(", "contentsOf: URL(string", "curl_easy"]

    func testNoSourceFileUsesTheNetwork() throws {
        let sources = TestPaths.repository.appendingPathComponent("Sources")
        guard let walker = FileManager.default.enumerator(atPath: sources.path) else { return XCTFail("cannot list \(sources.path)") }
        var checked = 0
        for case let file as String in walker where file.hasSuffix(".swift") || file.hasSuffix(".h") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            checked += 1
            for api in Self.networkAPIs where text.contains(api) && Self.allowed[file] == nil {
                XCTFail("Sources/\(file) uses \(api): lessons promise no network (see SECURITY.md)")
            }
        }
        XCTAssertGreaterThan(checked, 50, "too few sources found: is the path right?")
    }
}
