import ArgumentParser
import Foundation
import LessonKit
import LessonServe

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a lesson or a folder of lessons live in the browser (or a classroom with --class).",
        discussion: """
        Saving a lesson re-runs the cells from the first one whose code changed (the checkpoint cache \
        restores the state before it) and every open page updates in place. With --class, the teacher's \
        page (its address, with a token, is printed at start) runs the lesson step by step and every \
        follower's page shows the same run.
        """
    )

    @Argument(help: "A lesson file or a folder of lessons.")
    var path: String = "."

    @Option(help: "The port to listen on (0: any free port).")
    var port: Int = 8000

    @Option(help: "The address to listen on. Loopback unless you say otherwise.")
    var host: String = "127.0.0.1"

    @Flag(name: .customLong("class"), help: "A classroom: a teacher's control page and a read-only follow page.")
    var classroom = false

    @Flag(name: .customLong("no-run"), help: "Show the outputs the lessons document; run nothing.")
    var noRun = false

    @Flag(name: .customLong("no-checkpoints"), help: "Neither save nor restore session state (every change runs the lesson from the start).")
    var noCheckpoints = false

    @Flag(name: .customLong("unsafe-html"), help: "Keep raw HTML and any link from the lessons' prose.")
    var unsafeHTML = false

    func run() throws {
        try reportingErrors {
            guard (0...65535).contains(port) else { throw LessonError(path: "--port", message: "\(port) is not a port (0-65535)") }
            if classroom && noRun { throw LessonError(path: "--class", message: "a class runs the lesson; leave out --no-run") }
            var options = ServeOptions(path: path)
            options.host = host
            options.port = port
            options.classroom = classroom
            options.noRun = noRun
            options.unsafeHTML = unsafeHTML
            options.cacheFolder = noCheckpoints ? nil : CheckpointStore.defaultFolder()
            let failure = ServeFailure()
            let done = DispatchSemaphore(value: 0)
            Task.detached {
                do {
                    try await LessonServer.run(options) { text in
                        FileHandle.standardOutput.write(Data(text.utf8))
                    }
                } catch {
                    failure.set(error)
                }
                done.signal()
            }
            done.wait()
            if let error = failure.get() {
                if let error = error as? LessonError { throw error }
                throw LessonError(path: "\(host):\(port)", message: "the server stopped: \(error)")
            }
        }
    }
}

/// The error the server task ended with, handed to the waiting command.
final class ServeFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var error: Error?
    func set(_ error: Error) { lock.lock(); self.error = error; lock.unlock() }
    func get() -> Error? { lock.lock(); defer { lock.unlock() }; return error }
}
