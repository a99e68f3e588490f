import Dispatch
import Foundation

/// The thread count a model uses unless told otherwise: every core the OS gives this process
/// (`nproc`). Read, never stored: the count a run uses travels with its model.
public func defaultThreadCount() -> Int { Swift.max(1, ProcessInfo.processInfo.activeProcessorCount) }

/// Runs `body(part, range)` over `threads` contiguous parts of 0..<n, in parallel. GEMMs at
/// batch 32 are too small for OpenBLAS's own threading to pay off, so the batch is split
/// instead (OpenBLAS runs one thread per call). The split depends only on `n` and `threads`,
/// so results are deterministic for a given seed and thread count.
func parallelChunks(_ n: Int, threads: Int, _ body: (Int, Range<Int>) -> Void) {
    let t = Swift.max(1, Swift.min(threads, n))
    if t == 1 { body(0, 0..<n); return }
    DispatchQueue.concurrentPerform(iterations: t) { k in
        body(k, (n * k / t)..<(n * (k + 1) / t))
    }
}

/// How many parts `parallelChunks(n, threads:)` makes.
func partCount(_ n: Int, threads: Int) -> Int { Swift.max(1, Swift.min(threads, n)) }
