import CBLAS
import Dispatch
import Foundation

/// How many threads the layers split each batch over. GEMMs at batch 32 are too small for
/// OpenBLAS's own threading to pay off, so the batch is split instead and OpenBLAS is kept
/// to one thread per call. The split is fixed by this number, so results are deterministic
/// for a given seed and thread count.
public enum Parallelism {
    nonisolated(unsafe) public static var threads: Int = Swift.min(2, ProcessInfo.processInfo.activeProcessorCount) {
        didSet { configured = false }
    }
    nonisolated(unsafe) static var configured = false
    static func configure() {
        guard !configured else { return }
        openblas_set_num_threads(1)
        configured = true
    }
}

/// Runs `body(chunk, range)` over `threads` contiguous parts of 0..<n, in parallel.
func parallelChunks(_ n: Int, _ body: (Int, Range<Int>) -> Void) {
    let t = Swift.max(1, Swift.min(Parallelism.threads, n))
    if t == 1 { body(0, 0..<n); return }
    DispatchQueue.concurrentPerform(iterations: t) { k in
        body(k, (n * k / t)..<(n * (k + 1) / t))
    }
}
