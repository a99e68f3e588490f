import ArgumentParser
import Foundation
import LessonKit

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that lessons still print what they document.",
        discussion: "Exit status: 0 every documented output is reproduced, 1 some output differs, 2 a lesson could not run."
    )

    @Argument(help: "Lessons (.md or .ipynb) or folders of lessons; a bare name is also looked for in Lessons/.")
    var files: [String]

    @Option(help: ArgumentHelp("Compare with the outputs in this results file (an earlier `lesson run --out`) instead of running; with several lessons, a folder holding a results file of the same name for each.", valueName: "path"))
    var against: String?

    @Option(help: "Absolute tolerance for every float (overrides blocks, front matter and the built-in rules).")
    var atol: Double?

    @Option(help: "Relative tolerance for every float (overrides blocks, front matter and the built-in rules).")
    var rtol: Double?

    @Flag(help: "A cell that prints but documents nothing is a failure.")
    var strict = false

    @Flag(name: .customLong("strict-stderr"), help: "Compare stderr blocks too.")
    var strictStderr = false

    @Option(help: ArgumentHelp("Compare the pixels of PNG figures too, allowing this mean absolute difference (0 to 1, e.g. 0.02); without it only each figure's presence and size are checked.", valueName: "tolerance"))
    var images: Double?

    @Option(help: ArgumentHelp("An nbval sanitize file: [sections] of 'regex:' and 'replace:' lines applied to both sides.", valueName: "file"))
    var sanitize: String?

    @Option(help: ArgumentHelp("Write a JUnit XML report here.", valueName: "path"))
    var junit: String?

    @Option(help: "Check this many lessons at once.")
    var jobs: Int = 1

    @Option(help: ArgumentHelp("Check only the i-th of n shares of the lessons (1-based), e.g. 2/4.", valueName: "i/n"))
    var shard: String?

    func validate() throws {
        for (name, value) in [("--atol", atol), ("--rtol", rtol), ("--images", images)] {
            if let value, !(value >= 0 && value.isFinite) { throw ValidationError("\(name) needs a number that is 0 or more") }
        }
        guard jobs >= 1 else { throw ValidationError("--jobs needs a number that is 1 or more") }
        if let shard { _ = try LessonShard(parsing: shard) }
    }

    func run() throws {
        var status: Int32 = 0
        try reportingErrors {
            var paths = try LessonFinder.expand(files)
            if let shard { paths = try LessonShard(parsing: shard).select(paths) }
            var options = CheckOptions(absoluteTolerance: atol, relativeTolerance: rtol, strict: strict, strictStderr: strictStderr,
                                       sanitize: try sanitize.map { try SanitizeFile.read(path: $0) } ?? SanitizeFile())
            options.pixelTolerance = images
            let against = self.against
            let multiple = paths.count > 1
            if let against, multiple, !LessonFinder.isDirectory(against) {
                throw LessonError(path: against, message: "--against needs a folder of results files when checking \(paths.count) lessons")
            }
            let results = ParallelMap.map(paths, jobs: jobs) { path -> LessonCheckResult in
                var runner = CheckRunner.runner
                if let against {
                    let results = LessonFinder.isDirectory(against)
                        ? (against as NSString).appendingPathComponent((path as NSString).lastPathComponent) : against
                    runner = ResultsFileRunner(resultsPath: results)
                }
                return LessonChecker.check(path: path, runner: runner, options: options)
            }
            for result in results {
                printVisible(CheckReport.text(result), terminator: "")
                status = max(status, result.status)
            }
            if paths.isEmpty { FileHandle.standardError.write(Data("lesson: no lessons to check\n".utf8)) }
            if let junit { try AtomicFile.write(JUnitReport.xml(results), to: junit) }
        }
        if status != 0 { throw ExitCode(status) }
    }
}

/// `--shard i/n`: the i-th of n shares of the lessons, dealt round-robin by sorted path so
/// every lesson is in exactly one share.
struct LessonShard {
    var index: Int
    var count: Int

    init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else {
            throw ValidationError("--shard needs i/n with 1 ≤ i ≤ n, e.g. 1/4 (got '\(text)')")
        }
        self.index = index
        self.count = count
    }

    func select(_ paths: [String]) -> [String] {
        paths.sorted().enumerated().filter { $0.offset % count == index - 1 }.map(\.element)
    }
}

/// Turns the command's arguments into lesson paths: folders become their `.md` and `.ipynb`
/// files (sorted), bare names resolve through `LessonLoader`.
enum LessonFinder {
    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func expand(_ arguments: [String]) throws -> [String] {
        var paths: [String] = []
        for argument in arguments {
            if isDirectory(argument) {
                let names: [String]
                do { names = try FileManager.default.contentsOfDirectory(atPath: argument) } catch {
                    throw LessonError(path: argument, message: "cannot list folder: \(error.localizedDescription)")
                }
                paths += names.filter { $0.hasSuffix(".md") || $0.hasSuffix(".qmd") || $0.hasSuffix(".ipynb") }.sorted()
                    .map { (argument as NSString).appendingPathComponent($0) }
            } else {
                paths.append(try LessonLoader.resolve(argument))
            }
        }
        return paths
    }
}

/// Maps over items with up to `jobs` at once, keeping the input order in the result.
enum ParallelMap {
    static func map<T>(_ items: [String], jobs: Int, _ transform: @escaping (String) -> T) -> [T] {
        let slots = Slots<T>(count: items.count)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = max(1, jobs)
        for (index, item) in items.enumerated() {
            queue.addOperation { slots.set(index, transform(item)) }
        }
        queue.waitUntilAllOperationsAreFinished()
        // Every operation has finished, so every slot is filled.
        return slots.values.compactMap { $0 }
    }

    /// Results written from several threads, guarded by a lock.
    final class Slots<T>: @unchecked Sendable {
        private(set) var values: [T?]
        private let lock = NSLock()
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: T) { lock.lock(); values[index] = value; lock.unlock() }
    }
}
