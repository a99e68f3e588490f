import Foundation
import XCTest

/// Paths the tests read: the repository's `Lessons/` and this target's fixtures.
enum TestPaths {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let lessons = repository.appendingPathComponent("Lessons")
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    /// The project's shared folder beside the package (`../shared`), which a checkout may lack.
    static let shared = repository.deletingLastPathComponent().appendingPathComponent("shared")

    static func lessonFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: lessons, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "md" }.sorted { $0.path < $1.path }
    }

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
