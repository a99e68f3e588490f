/// An error in a lesson file: it names the file and, where known, the line and column, and
/// shows the line with a caret under the column.
public struct LessonError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var position: SourcePosition?
    public var message: String
    /// The offending line of the file, shown under the message.
    public var sourceLine: String?

    public init(path: String, position: SourcePosition? = nil, message: String, sourceLine: String? = nil) {
        self.path = path
        self.position = position
        self.message = message
        self.sourceLine = sourceLine
    }

    /// `file:line:col: message`, the one line a user (or an editor) reads first.
    public var headline: String {
        guard let position else { return "\(path): \(message)" }
        return "\(path):\(position.line):\(position.column): \(message)"
    }

    public var description: String {
        guard let sourceLine, let position else { return headline }
        let caretIndent = String(repeating: " ", count: max(0, position.column - 1))
        return "\(headline)\n    \(sourceLine)\n    \(caretIndent)^"
    }
}
