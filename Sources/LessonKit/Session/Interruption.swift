import Foundation
import Script

/// Ctrl-C and SIGTERM ask the running lesson to stop between steps: the interpreter checks
/// between statements and the CNN library between training steps, so nothing is left
/// half-done and no file is half-written.
public final class Interruption: @unchecked Sendable {
    public static let shared = Interruption()

    private let lock = NSLock()
    private var requested: Int32 = 0
    private var sources: [DispatchSourceSignal] = []

    /// The signal that was received, or 0.
    public var signal: Int32 { lock.lock(); defer { lock.unlock() }; return requested }
    public var isRequested: Bool { signal != 0 }

    /// Interpreters to stop between statements when a signal comes (held weakly).
    private var flags: [WeakFlag] = []
    private struct WeakFlag { weak var flag: CancellationFlag? }

    public func request(_ signal: Int32) {
        lock.lock(); requested = signal; let flags = self.flags; lock.unlock()
        for entry in flags { entry.flag?.cancel() }
    }
    public func reset() {
        lock.lock(); requested = 0; let flags = self.flags; lock.unlock()
        for entry in flags { entry.flag?.reset() }
    }

    /// Cancels `flag` (an interpreter's) whenever a signal is requested, so a loop in a cell
    /// stops as promptly as training does.
    public func cancels(_ flag: CancellationFlag) {
        lock.lock(); flags = flags.filter { $0.flag != nil } + [WeakFlag(flag: flag)]; lock.unlock()
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

    /// Exit status for a run ended by a signal, as shells report it (130 for SIGINT).
    public var exitStatus: Int32 { 128 + signal }
}
