/// Which code cells to run: `--cells 1-3`, `--cells 2,4-5`, `--cells 3-`.
public struct CellSelection: Equatable {
    public var ranges: [ClosedRange<Int>]

    public static let all = CellSelection(ranges: [1...Int.max])

    public init(ranges: [ClosedRange<Int>]) { self.ranges = ranges }

    public init(parsing text: String) throws {
        var ranges: [ClosedRange<Int>] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            func number(_ s: String) throws -> Int {
                guard let n = Int(s), n >= 1 else { throw LessonError(path: "--cells", message: "'\(text)' is not a cell list like 1-3 or 2,4 (cells count from 1)") }
                return n
            }
            if bounds.count == 1 {
                let n = try number(bounds[0])
                ranges.append(n...n)
            } else {
                let low = bounds[0].isEmpty ? 1 : try number(bounds[0])
                let high = bounds[1].isEmpty ? Int.max : try number(bounds[1])
                guard low <= high else { throw LessonError(path: "--cells", message: "'\(part)' runs backwards") }
                ranges.append(low...high)
            }
        }
        self.ranges = ranges
    }

    public func contains(_ cell: Int) -> Bool { ranges.contains { $0.contains(cell) } }

    /// Refuses a cell the lesson does not have (`--cells 99` on a 5-cell lesson), which would
    /// otherwise run nothing and succeed. An open end (`3-`) means "to the last".
    public func check(codeCells count: Int) throws {
        for range in ranges {
            let named = range.upperBound == Int.max ? range.lowerBound : range.upperBound
            if named > count {
                throw LessonError(path: "--cells", message: "there is no code cell \(named): the lesson has \(count) code cell\(count == 1 ? "" : "s")")
            }
        }
    }
}
