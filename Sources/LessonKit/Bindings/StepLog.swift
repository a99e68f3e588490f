import Foundation

/// Lets a binding with no session at hand (an ndarray's `/`, `reshape`) say which teaching
/// step it performed. The running cell is kept per thread, so lessons checked in parallel
/// (`lesson check --jobs`) never record into each other's cells.
enum StepLog {
    private static let key = "lesson.running-cell"

    static func withCell<T>(_ cell: CellOutput, _ body: () throws -> T) rethrows -> T {
        let dictionary = Thread.current.threadDictionary
        let previous = dictionary[key]
        dictionary[key] = cell
        defer { dictionary[key] = previous }
        return try body()
    }

    static func record(_ step: Step) {
        (Thread.current.threadDictionary[key] as? CellOutput)?.performed(step)
    }
}
