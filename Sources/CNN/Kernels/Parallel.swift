import CKernels
import Dispatch
import Foundation

/// The thread count a model uses unless told otherwise: every core the OS gives this process
/// (`nproc`). Read, never stored: the count a run uses travels with its model.
public func defaultThreadCount() -> Int { Swift.max(1, ProcessInfo.processInfo.activeProcessorCount) }

/// Runs `body(part, range)` over `threads` contiguous parts of 0..<n, in parallel. GEMMs at
/// batch 32 are too small for OpenBLAS's own threading to pay off, so the batch is split
/// instead (OpenBLAS runs one thread per call). The split depends only on `n` and `threads`,
/// so results are deterministic for a given seed and thread count.
/// With `workers` (a model's own threads) the parts run there; without, on libdispatch.
func parallelChunks(_ n: Int, threads: Int, on workers: Workers? = nil, _ body: (Int, Range<Int>) -> Void) {
    let t = Swift.max(1, Swift.min(threads, n))
    if t == 1 { body(0, 0..<n); return }
    if let workers, workers.count >= t {
        workers.run(parts: t) { k in body(k, (n * k / t)..<(n * (k + 1) / t)) }
        return
    }
    DispatchQueue.concurrentPerform(iterations: t) { k in
        body(k, (n * k / t)..<(n * (k + 1) / t))
    }
}

/// The threads a model splits its batches over (`ck_workers`, workers.c): they spin for a
/// moment after each part before they sleep, so the dozen parallel regions of a training step
/// do not each wait for a thread to wake up. Owned by the model; its threads end with it.
public final class Workers: @unchecked Sendable {
    /// Threads including the caller's (fewer than asked if the OS refused some).
    public let count: Int
    /// The count the model asked for.
    let requested: Int
    private let pool: OpaquePointer?

    public init(count: Int) {
        requested = count
        pool = count > 1 ? ck_workers_create(Int32(Swift.min(count, 1024))) : nil
        self.count = Int(ck_workers_count(pool))
    }
    deinit { ck_workers_destroy(pool) }

    /// body(k) for k in 0..<parts, part 0 on this thread; returns when all have run.
    func run(parts: Int, _ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            var task = body
            withUnsafeMutablePointer(to: &task) { context in
                ck_workers_run(pool, parts, { context, k in
                    context?.assumingMemoryBound(to: ((Int) -> Void).self).pointee(Int(k))
                }, context)
            }
        }
    }
}

/// Adds the per-thread partial gradients (`parts` blocks of `stride` floats, each a kernel
/// gradient of `kernelCount` then a bias gradient) onto the gradients, in part order, so the
/// result does not depend on which thread adds what. The kernel's elements split over threads.
func addPartials(_ partial: UnsafePointer<Float>, parts: Int, stride: Int, kernelCount: Int,
                 kernelGrad: UnsafeMutablePointer<Float>, biasGrad: UnsafeMutablePointer<Float>, threads: Int,
                 workers: Workers? = nil) {
    guard parts > 0 else { return }
    ck_add_partials(biasGrad, partial + kernelCount, parts, stride, stride - kernelCount)
    let t = kernelCount * parts < 65_536 ? 1 : threads
    parallelChunks(kernelCount, threads: t, on: workers) { _, r in
        ck_add_partials(kernelGrad + r.lowerBound, partial + r.lowerBound, parts, stride, r.count)
    }
}

/// How many parts `parallelChunks(n, threads:)` makes.
func partCount(_ n: Int, threads: Int) -> Int { Swift.max(1, Swift.min(threads, n)) }
