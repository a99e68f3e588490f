/// `lesson --version`: the release CHANGELOG.md describes last (0.x while the lesson format
/// and the CLI may still change).
enum LessonVersion {
    static let current = "0.14.0"
}
