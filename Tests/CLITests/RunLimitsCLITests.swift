import Foundation
import XCTest

/// The run's limits as a user meets them: hostile lessons end with exit 2 and a located
/// error while the process stays under a hard memory cap, and lessons checked in parallel
/// give exactly what they give one at a time (issue 14).
final class RunLimitsCLITests: XCTestCase {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `lesson ARGS` under `ulimit -v` (KiB): an allocation past it fails, and a Swift
    /// allocation failure is a crash (exit 133/134), so exit 2 means the limit held first.
    func runCapped(_ arguments: [String], in folder: URL, virtualKiB: Int, environment: [String: String]) throws -> LessonProcess {
        let quoted = ([LessonProcess.binary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        return try LessonProcess.runShell("ulimit -v \(virtualKiB) && exec " + quoted.joined(separator: " "), in: folder, environment: environment)
    }

    func testHostileLessonsEndWithALocatedErrorUnderAMemoryCap() throws {
        let work = try folder()
        let lessons: [(String, String, String, String)] = [
            ("kernel.md", "from keras import Sequential, layers\nm = Sequential([layers.Input(shape=(28, 28, 1))])\nm.add(layers.Conv2D(8, (2**40, 2**40)))",
             "kernel.md:4:7: MemoryError", "Conv2D would have more than"),
            ("input.md", "import keras\nfrom keras import layers\nm = keras.Sequential([keras.Input((2**40, 2**40, 1)), layers.Flatten(), layers.Dense(10)])",
             "input.md:4:", "ValueError"),
            ("activations.md", "import numpy as np\nfrom keras import Sequential, layers\nm = Sequential([layers.Input(shape=(28, 28, 1)), layers.Conv2D(10**6, 3)])\nm.predict(np.zeros((32, 28, 28, 1)), verbose=0)",
             "activations.md:5:1: MemoryError", "activations of a batch of 32"),
            ("pile.md", "import numpy as np\nxs = []\nfor i in range(10**6):\n    xs.append(np.zeros(5_000_000) + i)",
             "pile.md:5:", "past its memory limit of 400 MB"),
        ]
        for (name, code, place, words) in lessons {
            try "```python\n\(code)\n```\n".write(to: work.appendingPathComponent(name), atomically: true, encoding: .utf8)
            let result = try runCapped(["run", "--no-checkpoints", name], in: work, virtualKiB: 1_200_000,
                                       environment: ["LESSON_MEMORY_LIMIT_MB": "400"])
            XCTAssertEqual(result.status, 2, "\(name): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(place), "\(name): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(words), "\(name): \(result.stderr)")
        }
    }

    /// The old code gave `--out` lesson code the whole out folder (`.ssh/authorized_keys`
    /// in a home folder); now it writes only into `lesson-files/` there.
    func testWithOutLessonCodeWritesOnlyIntoLessonFiles() throws {
        let work = try folder()
        let code = "from keras import Sequential, layers\nm = Sequential([layers.Input(shape=(3,)), layers.Dense(2)])\nm.save_weights('w.weights.h5')\nm.save_weights('../out/.ssh/k.weights.h5')"
        try "```python\n\(code)\n```\n".write(to: work.appendingPathComponent("l.md"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: work.appendingPathComponent("out/.ssh"), withIntermediateDirectories: true)
        // What a `kill -9` during an earlier write left (pid 99999999 is above Linux's pid_max).
        let stale = work.appendingPathComponent("out/.results.md.99999999-42.tmp")
        try Data("half a file".utf8).write(to: stale)
        let result = try LessonProcess.run(["run", "--no-checkpoints", "l.md", "--out", "out/results.md"], in: work)
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale.path), "the stale temporary is still there")
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("PermissionError"), result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: work.appendingPathComponent("out/lesson-files/w.weights.h5").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent("w.weights.h5").path))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("out/.ssh").path), [])
    }

    /// `check --jobs 2` ran lessons in parallel over process globals; each run now has its
    /// own context, so the report is byte for byte that of `--jobs 1`.
    func testCheckWithTwoJobsGivesTheResultsOfOne() throws {
        let work = try folder()
        var names: [String] = []
        for seed in 1...4 {
            let name = "seed\(seed).md"
            names.append(name)
            try """
                ---
                seed: \(seed)
                ---
                ```python
                import numpy as np
                from keras import Sequential, layers
                X = (np.arange(64 * 16) % 7).reshape(64, 4, 4, 1) / 7.0
                y = np.arange(64) % 2
                m = Sequential([layers.Input(shape=(4, 4, 1)), layers.Conv2D(2, 2, activation='relu'), layers.Flatten(), layers.Dense(2, activation='softmax')])
                m.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
                h = m.fit(X, y, epochs=2, batch_size=16, verbose=0)
                print(h.history['loss'])
                print(m.predict(X[:2], verbose=0))
                ```

                ```output
                [0.0, 0.0]
                [[0. 0.]
                 [0. 0.]]
                ```

                """.write(to: work.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let one = try LessonProcess.run(["check", "--jobs", "1"] + names, in: work)
        let two = try LessonProcess.run(["check", "--jobs", "2"] + names, in: work)
        XCTAssertEqual(one.status, 1, one.stdout + one.stderr) // every lesson documents wrong figures
        XCTAssertEqual(two.status, one.status)
        XCTAssertEqual(two.stdout, one.stdout)
        // The fresh losses differ by seed, so the comparison above compares real figures.
        let losses = one.stdout.split(separator: "\n").filter { $0.contains("+[0.") && !$0.contains("[[") }
        XCTAssertEqual(losses.count, 4, one.stdout)
        XCTAssertEqual(Set(losses).count, 4, one.stdout)
    }
}

extension LessonProcess {
    /// Runs `/bin/sh -c SCRIPT` in `folder`, with the environment `run` gives `lesson`.
    static func runShell(_ script: String, in folder: URL, environment: [String: String] = [:]) throws -> LessonProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(["LESSON_CACHE": scratchCache]) { $1 }.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return LessonProcess(status: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}
