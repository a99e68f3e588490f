/// Guesses a code cell's steps from its text when it has not run: a small keyword
/// heuristic, so views without a session can still label cells.
public enum StepGuess {
    static let rules: [(Step, [String])] = [
        (.load, ["load_data"]),
        (.normalize, ["/ 255", "/255"]),
        (.reshape, ["reshape", "expand_dims"]),
        (.build, ["Sequential", "layers.", "Conv2D(", "Dense("]),
        (.compile, [".compile("]),
        (.fit, [".fit("]),
        (.evaluate, [".evaluate("]),
        (.predict, [".predict("]),
        (.show, ["plt.", "print(", ".summary("]),
    ]

    /// The steps whose keywords appear in `code`, in the order of `Step.allCases`.
    public static func steps(in code: String) -> [Step] {
        rules.filter { _, words in words.contains { code.contains($0) } }.map(\.0)
    }
}
