import XCTest
@testable import Script

/// `pathlib.Path` is pure path arithmetic: any filesystem method is a PermissionError that
/// lesson code can catch, named with the method.
final class PathlibTests: XCTestCase {
    func testFilesystemMethodsAreRefused() {
        for method in ["exists()", "read_text()", "mkdir()", "iterdir()", "open()"] {
            let e = scriptError("from pathlib import Path\nPath('data').\(method)")
            XCTAssertEqual(e?.kind.rawValue, "PermissionError", method)
            XCTAssertTrue(e?.message.contains("no file access") ?? false, e?.message ?? "")
        }
    }

    func testTheRefusalIsCatchableAsOSError() throws {
        XCTAssertEqual(try runScript("import pathlib\ntry:\n    pathlib.Path('x').exists()\nexcept OSError as e:\n    print(type(e).__name__)"), "PermissionError\n")
    }
}
