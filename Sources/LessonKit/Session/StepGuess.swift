/// The steps a cell will probably perform, read from its code before it runs (the bindings
/// report the real ones as they run): used for labels before a cell has run.
public enum StepGuess {
    static let rules: [(Step, [String])] = [
        (.load, ["load_data(", "np.load(", "load_weights("]),
        (.normalize, ["/ 255", "/255", "astype("]),
        (.reshape, ["reshape(", "expand_dims(", "to_categorical("]),
        (.build, ["Sequential(", "layers.", "Conv2D(", "Dense(", ".add("]),
        (.compile, [".compile("]),
        (.fit, [".fit("]),
        (.evaluate, [".evaluate("]),
        (.predict, [".predict(", "argmax("]),
        (.show, ["plt.", "print(", ".summary("]),
    ]

    public static func steps(in code: String) -> [Step] {
        let lines = code.split(separator: "\n").map { line -> Substring in
            // Comments do not perform anything.
            guard let hash = line.firstIndex(of: "#") else { return line }
            return line[..<hash]
        }
        let text = lines.joined(separator: "\n")
        return rules.filter { _, needles in needles.contains { text.contains($0) } }.map(\.0)
    }
}
