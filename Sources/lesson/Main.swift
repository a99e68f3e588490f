import ArgumentParser
import LessonKit

@main
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lesson", abstract: "Replay Jupyter-style tutorials.")
}
