/// nbval's per-cell conventions: a comment in the code (`# NBVAL_SKIP`) or, in a notebook,
/// a cell tag (`nbval-skip`), carried into a lesson as `tags=` on the python fence.
public struct NBValMarkers: Equatable {
    /// Run the cell but do not compare its output.
    public var ignoreOutput = false
    /// Neither run nor compare the cell.
    public var skip = false
    /// The cell is expected to raise; not raising is a failure.
    public var raisesException = false

    public init(ignoreOutput: Bool = false, skip: Bool = false, raisesException: Bool = false) {
        self.ignoreOutput = ignoreOutput; self.skip = skip; self.raisesException = raisesException
    }

    public init(_ cell: CodeCell) {
        for line in cell.code.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix("#") else { continue }
            let comment = text.dropFirst().trimmingCharacters(in: .whitespaces)
            switch comment {
            case "NBVAL_IGNORE_OUTPUT": ignoreOutput = true
            case "NBVAL_SKIP": skip = true
            case "NBVAL_RAISES_EXCEPTION": raisesException = true
            default: break
            }
        }
        for tag in Self.tags(info: cell.info) {
            switch tag {
            case "nbval-ignore-output": ignoreOutput = true
            case "nbval-skip": skip = true
            case "raises-exception": raisesException = true
            default: break
            }
        }
    }

    /// The tags written on a fence's info string: `python tags=nbval-skip,raises-exception`.
    public static func tags(info: String) -> [String] {
        info.split(whereSeparator: \.isWhitespace)
            .filter { $0.hasPrefix("tags=") }
            .flatMap { $0.dropFirst("tags=".count).split(separator: ",").map(String.init) }
    }
}
