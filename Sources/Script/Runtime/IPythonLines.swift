import Foundation

/// IPython's lines in a lesson: `!pip install` is skipped with a note, other shell commands
/// are refused, `%matplotlib inline` and the like do nothing, `%time`/`%timeit`/`%%time` time
/// what they run and print IPython's lines.
extension Interpreter {
    func execMagic(_ text: String) throws {
        let words = text.dropFirst().split(separator: " ").map(String.init)
        let command = words.first ?? ""
        let installers: Set<String> = ["pip", "pip3", "conda", "mamba", "uv"]
        if installers.contains(command) || (command == "python" && words.dropFirst().prefix(2) == ["-m", "pip"]) {
            let importable = Set(importer.supportedModules.compactMap { $0.split(separator: ".").first.map(String.init) }).sorted()
            let list = importable.isEmpty ? "none" : importable.joined(separator: ", ")
            output.write("note: skipped `\(text)`: lessons cannot install packages; they can import: \(list)\n", to: .stderr)
            return
        }
        if text.hasPrefix("!") {
            throw ScriptError.notSupported("shell commands (`\(text.prefix(40))`) are not supported in lessons; the lesson runs without a shell")
        }
        // Other magics (`%matplotlib inline`, `%load_ext`, `%config`) change nothing here.
    }

    func execTimed(_ magic: String, _ body: [Stmt]) throws -> Flow {
        let wall0 = DispatchTime.now().uptimeNanoseconds
        let (user0, sys0) = Interpreter.cpuTimes()
        let flow = try execBlock(body)
        let wall = Double(DispatchTime.now().uptimeNanoseconds - wall0) / 1e9
        let (user1, sys1) = Interpreter.cpuTimes()
        let user = max(0, user1 - user0), sys = max(0, sys1 - sys0)
        if magic == "%timeit" {
            output.write("\(Interpreter.formatTime(wall)) ± 0 ns per loop (mean ± std. dev. of 1 run, 1 loop each)\n", to: .stdout)
        } else {
            output.write("CPU times: user \(Interpreter.formatTime(user)), sys: \(Interpreter.formatTime(sys)), total: \(Interpreter.formatTime(user + sys))\nWall time: \(Interpreter.formatTime(wall))\n", to: .stdout)
        }
        return flow
    }

    /// User and system CPU seconds of the process.
    static func cpuTimes() -> (Double, Double) {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return (seconds(usage.ru_utime), seconds(usage.ru_stime))
    }

    /// IPython's `_format_time`: three significant digits in s, ms, µs or ns.
    static func formatTime(_ t: Double) -> String {
        if t >= 60 {
            let m = Int(t / 60), s = t - Double(m) * 60
            return "\(m)min \(String(format: "%.0f", s))s"
        }
        let units: [(String, Double)] = [("s", 1), ("ms", 1e3), ("µs", 1e6), ("ns", 1e9)]
        var order = 3
        if t > 0 { order = min(max(Int(-floor(log10(t) / 3)), 0), 3) }
        let (unit, scale) = units[order]
        return String(format: "%.3g", t * scale) + " " + unit
    }
}
