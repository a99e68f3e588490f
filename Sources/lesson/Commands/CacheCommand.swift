import ArgumentParser
import Foundation
import LessonKit

struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache", abstract: "Show or empty the checkpoint cache ($LESSON_CACHE, else ~/.cache/lesson).",
        subcommands: [Info.self, Clear.self], defaultSubcommand: Info.self)

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "info", abstract: "Where the cache is and how big; with a lesson, the cells it has checkpoints after.")

        @Argument(help: "A lesson: list the code cells whose checkpoints are in the cache (for lesson run --from).")
        var file: String?

        @Option(parsing: .unconditional, help: "The seed the runs used (default: the lesson's front matter, else 42).")
        var seed: Int?

        @Option(name: .customLong("set"), help: "The --set overrides the runs used (repeatable).")
        var overrides: [String] = []

        func run() throws {
            let store = CheckpointStore(folder: CheckpointStore.defaultFolder())
            if let file {
                try reportingErrors {
                    let lesson = try LessonLoader.load(file)
                    let cells = try CheckpointListing.cells(of: lesson, seed: seed, overrides: overrides, store: store)
                    let count = lesson.codeCells.count
                    printVisible(cells.isEmpty
                          ? "\(lesson.path): no checkpoints (of \(count) code cells); a run saves one after each cell"
                          : "\(lesson.path): checkpoints after cells \(cells.map(String.init).joined(separator: ", ")) of \(count)")
                }
                return
            }
            try reportingErrors {
                if let problem = store.maxBytesProblem { throw LessonError(path: "LESSON_CACHE_MAX", message: problem) }
            }
            let (checkpoints, blobs) = store.counts()
            let bound = ByteCountFormatter.string(fromByteCount: Int64(store.maxBytes), countStyle: .binary)
            printVisible("\(store.folder.path): \(ByteCountFormatter.string(fromByteCount: Int64(store.size()), countStyle: .file)), \(checkpoints) checkpoint\(checkpoints == 1 ? "" : "s"), \(blobs) blob\(blobs == 1 ? "" : "s"); at most \(bound) (LESSON_CACHE_MAX)")
        }
    }

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "clear", abstract: "Delete every checkpoint.")
        func run() throws {
            let store = CheckpointStore(folder: CheckpointStore.defaultFolder())
            let size = store.size()
            try reportingErrors {
                do { try store.clear() } catch { throw LessonError(path: store.folder.path, message: "cannot clear: \(error.localizedDescription)") }
            }
            print("lesson: cleared \(store.folder.path) (\(ByteCountFormatter.string(fromByteCount: Int64(size), countStyle: .file)))")
        }
    }
}
