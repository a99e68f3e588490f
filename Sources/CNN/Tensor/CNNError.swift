import Foundation

/// Every failure the library reports. Messages are complete sentences a lesson can show.
public enum CNNError: Error, CustomStringConvertible, Equatable {
    case shapeMismatch(String)
    case invalidArgument(String)
    case notBuilt(String)
    case notCompiled(String)
    /// Loss became NaN or infinite (Keras's TerminateOnNaN); epoch and step are 1-based.
    case nonFiniteLoss(epoch: Int, step: Int, value: Float)
    /// The caller's `shouldStop` asked to stop; epoch and step are 1-based.
    case cancelled(epoch: Int, step: Int)
    case dataset(String)
    case file(path: String, problem: String)

    public var description: String {
        switch self {
        case .shapeMismatch(let m), .invalidArgument(let m), .notBuilt(let m), .notCompiled(let m), .dataset(let m): return m
        case let .nonFiniteLoss(e, s, v): return "Loss became \(v) at epoch \(e), step \(s): training stopped (TerminateOnNaN)."
        case let .cancelled(e, s): return "Training stopped at epoch \(e), step \(s) on request."
        case let .file(path, problem): return "\(path): \(problem)"
        }
    }
}

extension CNNError: LocalizedError { public var errorDescription: String? { description } }
