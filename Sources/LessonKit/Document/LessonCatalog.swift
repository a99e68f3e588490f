import Foundation

/// The lessons of a folder, for `lesson list` and course sites.
public enum LessonCatalog {
    public struct Entry {
        public var path: String
        public var title: String
        public var codeCells: Int
        public var steps: [Step]
    }

    /// The `.md`, `.qmd` and `.ipynb` lessons in `folder`, sorted by file name. A lesson that does not
    /// parse is listed with its error rather than hiding the others.
    public static func entries(in folder: String) throws -> [Result<Entry, LessonError>] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw LessonError(path: folder, message: "cannot list the folder: \(AtomicFile.reason(error))")
        }
        return names.filter { $0.hasSuffix(".md") || $0.hasSuffix(".qmd") || $0.hasSuffix(".ipynb") }.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { name in
            let path = (folder as NSString).appendingPathComponent(name)
            do {
                let lesson = try LessonLoader.load(path)
                var steps: [Step] = []
                for cell in lesson.codeCells { for step in StepGuess.steps(in: cell.code) where !steps.contains(step) { steps.append(step) } }
                return .success(Entry(path: path, title: lesson.title ?? name, codeCells: lesson.codeCells.count,
                                      steps: Step.allCases.filter(steps.contains)))
            } catch let error as LessonError {
                return .failure(error)
            } catch {
                return .failure(LessonError(path: path, message: "\(error)"))
            }
        }
    }

    /// The folder of lessons: `Lessons/` here or in a folder above.
    public static func defaultFolder(fileManager: FileManager = .default) -> String {
        var folder = URL(fileURLWithPath: fileManager.currentDirectoryPath)
        while true {
            let candidate = folder.appendingPathComponent("Lessons")
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return LessonLoader.relative(candidate.path, to: fileManager.currentDirectoryPath)
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return "Lessons" }
            folder = parent
        }
    }
}
