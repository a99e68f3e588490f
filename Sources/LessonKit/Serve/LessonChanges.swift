import Foundation

/// Which code cell a change to a lesson (or to a file it reads) makes the first to run again.
public enum LessonChanges {
    /// The first code cell whose code differs between the two lessons (1-based); nil when
    /// every cell is the same. A cell added or removed at the end counts from there.
    public static func firstChangedCell(old: Lesson, new: Lesson) -> Int? {
        let a = old.codeCells.map(\.code), b = new.codeCells.map(\.code)
        for i in 0..<min(a.count, b.count) where a[i] != b[i] { return i + 1 }
        return a.count == b.count ? nil : min(a.count, b.count) + 1
    }

    /// The first code cell that names one of `files` (a data file, saved weights): the cell
    /// reading it is an input of that cell. Nil when no cell names one.
    public static func firstCellReading(_ files: [String], in lesson: Lesson) -> Int? {
        let names = files.map { ($0 as NSString).lastPathComponent }.filter { !$0.isEmpty }
        return lesson.codeCells.first { cell in names.contains { cell.code.contains($0) } }?.number
    }
}
