import Foundation

/// The two output streams of a cell.
public enum OutputStreamKind: Sendable, Equatable {
    case stdout, stderr
}

/// Where `print` (and host objects, e.g. Keras warnings) write. Nothing goes to the
/// process's own stdout.
public protocol ScriptOutput: AnyObject {
    func write(_ text: String, to stream: OutputStreamKind)
}

/// An output sink that keeps everything in memory, in order.
public final class CapturedOutput: ScriptOutput {
    public private(set) var chunks: [(OutputStreamKind, String)] = []
    public init() {}
    public func write(_ text: String, to stream: OutputStreamKind) { chunks.append((stream, text)) }
    public var stdout: String { chunks.filter { $0.0 == .stdout }.map { $0.1 }.joined() }
    public var stderr: String { chunks.filter { $0.0 == .stderr }.map { $0.1 }.joined() }
    public func clear() { chunks = [] }
}
