import ArgumentParser
import Foundation
import LessonKit

struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache", abstract: "Show or empty the checkpoint cache ($LESSON_CACHE, else ~/.cache/lesson).",
        subcommands: [Info.self, Clear.self], defaultSubcommand: Info.self)

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "info", abstract: "Where the cache is and how big.")
        func run() {
            let store = CheckpointStore(folder: CheckpointStore.defaultFolder())
            let (checkpoints, blobs) = store.counts()
            print("\(store.folder.path): \(ByteCountFormatter.string(fromByteCount: Int64(store.size()), countStyle: .file)), \(checkpoints) checkpoint\(checkpoints == 1 ? "" : "s"), \(blobs) blob\(blobs == 1 ? "" : "s")")
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
