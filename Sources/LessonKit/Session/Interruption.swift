import Foundation
import Script

/// Ctrl-C and SIGTERM ask the running lesson to stop between steps: the interpreter checks
/// between statements and the CNN library between training steps, so nothing is left
/// half-done and no file is half-written. One is made per run (`lesson run`, `lesson
/// step`) and cancels that run's context; signals go back to their defaults when it ends.
public final class Interruption: @unchecked Sendable {
    private let lock = NSLock()
    private var requested: Int32 = 0
    private var sources: [DispatchSourceSignal] = []
    /// The run this stops.
    public let cancellation: CancellationFlag

    public init(cancelling cancellation: CancellationFlag) {
        self.cancellation = cancellation
    }

    deinit { uninstall() }

    /// The signal that was received, or 0.
    public var signal: Int32 { lock.lock(); defer { lock.unlock() }; return requested }
    public var isRequested: Bool { signal != 0 }

    public func request(_ signal: Int32) {
        lock.lock(); requested = signal; lock.unlock()
        cancellation.cancel(reason: "signal \(signal)")
    }

    /// Forgets the signal and lets the run go on (`lesson step` after a Ctrl-C).
    public func reset() {
        lock.lock(); requested = 0; lock.unlock()
        cancellation.reset()
    }

    /// Catches SIGINT and SIGTERM from now on. A second Ctrl-C ends the process at once.
    public func install() {
        guard sources.isEmpty else { return }
        for number in [SIGINT, SIGTERM] {
            Foundation.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                if self.isRequested { Foundation.signal(number, SIG_DFL); kill(getpid(), number) }
                self.request(number)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Stops catching: the signals do what they did before `install`.
    public func uninstall() {
        guard !sources.isEmpty else { return }
        for source in sources { source.cancel() }
        sources = []
        for number in [SIGINT, SIGTERM] { Foundation.signal(number, SIG_DFL) }
    }

    /// Exit status for a run ended by a signal, as shells report it (130 for SIGINT).
    public var exitStatus: Int32 { 128 + signal }
}
