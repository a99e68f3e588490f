import Foundation
import Script

extension RunLimits {
    /// A lesson run's limits: the defaults, with `LESSON_MEMORY_LIMIT_MB` (resident memory)
    /// and `LESSON_TIME_LIMIT_S` (wall clock, 0 for none) from the environment.
    public static func lessonRun(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RunLimits {
        var limits = RunLimits(maxSeconds: defaultSeconds)
        if let text = environment["LESSON_MEMORY_LIMIT_MB"] {
            guard let mb = Int(text.trimmingCharacters(in: .whitespaces)), mb > 0, mb <= 1 << 30 else {
                throw LessonError(path: "LESSON_MEMORY_LIMIT_MB", message: "needs a whole number of megabytes, 1 or more (got '\(text)')")
            }
            limits.maxResidentBytes = mb << 20
            limits.maxAllocationBytes = min(limits.maxAllocationBytes, limits.maxResidentBytes)
        }
        if let text = environment["LESSON_TIME_LIMIT_S"] {
            guard let seconds = Double(text.trimmingCharacters(in: .whitespaces)), seconds.isFinite, seconds >= 0, seconds < 1e9 else {
                throw LessonError(path: "LESSON_TIME_LIMIT_S", message: "needs a number of seconds, 0 (no limit) or more (got '\(text)')")
            }
            limits.maxSeconds = seconds == 0 ? nil : seconds
        }
        return limits
    }

    /// A whole lesson run may take an hour unless `LESSON_TIME_LIMIT_S` says otherwise.
    public static let defaultSeconds = 3600.0
}
