import CKernels

/// C[m×n] = alpha · op(A) · op(B) + beta · C, row-major, through the kernel library that
/// `KernelLibrary` chose for this CPU (OpenBLAS with the core for its features).
/// `transA`/`transB` say the stored matrix is the transpose of the one multiplied.
@inline(__always)
func gemm(_ m: Int, _ n: Int, _ k: Int,
          _ a: UnsafePointer<Float>, transA: Bool = false,
          _ b: UnsafePointer<Float>, transB: Bool = false,
          _ c: UnsafeMutablePointer<Float>, alpha: Float = 1, beta: Float = 0) {
    let lda = transA ? m : k, ldb = transB ? k : n
    ck_sgemm(transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, a, lda, b, ldb, beta, c, n)
}

/// The same on blocks of larger row-major matrices: `lda`, `ldb`, `ldc` are the strides of the
/// stored rows (a block of columns of C is computed in place).
@inline(__always)
func gemm(_ m: Int, _ n: Int, _ k: Int,
          _ a: UnsafePointer<Float>, lda: Int, transA: Bool = false,
          _ b: UnsafePointer<Float>, ldb: Int, transB: Bool = false,
          _ c: UnsafeMutablePointer<Float>, ldc: Int) {
    ck_sgemm(transA ? 1 : 0, transB ? 1 : 0, m, n, k, 1, a, lda, b, ldb, 0, c, ldc)
}
