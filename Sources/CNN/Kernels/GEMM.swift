import CBLAS

/// C[m×n] = alpha · op(A) · op(B) + beta · C, row-major, through OpenBLAS.
/// `transA`/`transB` say the stored matrix is the transpose of the one multiplied.
@inline(__always)
func gemm(_ m: Int, _ n: Int, _ k: Int,
          _ a: UnsafePointer<Float>, transA: Bool = false,
          _ b: UnsafePointer<Float>, transB: Bool = false,
          _ c: UnsafeMutablePointer<Float>, alpha: Float = 1, beta: Float = 0) {
    let lda = transA ? m : k, ldb = transB ? k : n
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(n))
}

/// Threads OpenBLAS may use inside one GEMM (1 when the caller splits the batch itself).
public func setBLASThreads(_ n: Int) { openblas_set_num_threads(Int32(n)) }
