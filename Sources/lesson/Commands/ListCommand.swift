import ArgumentParser
import LessonKit

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the lessons in a folder (default: Lessons/) with title, cells and steps.")

    @Argument(help: "A folder of lessons.")
    var folder: String?

    func run() throws {
        try reportingErrors {
            let folder = self.folder ?? LessonCatalog.defaultFolder()
            for entry in try LessonCatalog.entries(in: folder) {
                switch entry {
                case .success(let lesson):
                    printVisible("\(lesson.path)\n    \(lesson.title) · \(lesson.codeCells) code cells · \(lesson.steps.map(\.rawValue).joined(separator: ", "))")
                case .failure(let error):
                    printVisible("\(error.path)\n    cannot be read: \(error.headline)")
                }
            }
        }
    }
}
