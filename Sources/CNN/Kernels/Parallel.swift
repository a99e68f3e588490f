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
func parallelChunks(_ n: Int, threads: Int, _ body: (Int, Range<Int>) -> Void) {
    let t = Swift.max(1, Swift.min(threads, n))
    if t == 1 { body(0, 0..<n); return }
    DispatchQueue.concurrentPerform(iterations: t) { k in
        body(k, (n * k / t)..<(n * (k + 1) / t))
    }
}

/// Adds the per-thread partial gradients (`parts` blocks of `stride` floats, each a kernel
/// gradient of `kernelCount` then a bias gradient) onto the gradients, in part order, so the
/// result does not depend on which thread adds what. The kernel's elements split over threads.
func addPartials(_ partial: UnsafePointer<Float>, parts: Int, stride: Int, kernelCount: Int,
                 kernelGrad: UnsafeMutablePointer<Float>, biasGrad: UnsafeMutablePointer<Float>, threads: Int) {
    guard parts > 0 else { return }
    ck_add_partials(biasGrad, partial + kernelCount, parts, stride, stride - kernelCount)
    let t = kernelCount * parts < 65_536 ? 1 : threads
    parallelChunks(kernelCount, threads: t) { _, r in
        ck_add_partials(kernelGrad + r.lowerBound, partial + r.lowerBound, parts, stride, r.count)
    }
}

/// How many parts `parallelChunks(n, threads:)` makes.
func partCount(_ n: Int, threads: Int) -> Int { Swift.max(1, Swift.min(threads, n)) }
