/// Runs code cells in one interpreter with the Keras, NumPy and matplotlib bindings.
/// (Filled in when the interpreter lands.)
public final class LessonExecutor: CellExecutor {
    public private(set) var overrideNotes: [String] = []

    public init(lesson: Lesson, seed: Int, overrides: [String]) throws {}

    public func run(_ cell: CodeCell, in lesson: Lesson, output: CellOutput) throws {
        throw CellError(kind: "NotImplemented", message: "the interpreter is not built yet")
    }
}
