import CKernels

/// What the CNN library runs on this processor: its features (cpuid, as the OS enables them)
/// and the kernel library's choice (constants of the process, computed on first use; reading
/// `blasCore` or `blasChoice` loads OpenBLAS). OpenBLAS is loaded on first use, after the core type is
/// chosen from the features, unless the user set `OPENBLAS_CORETYPE` (then theirs is used).
public enum KernelLibrary {
    /// The CPU's brand string, e.g. `AMD EPYC 9B45` (empty when cpuid has none).
    public static let cpuModel: String = {
        var buf = [CChar](repeating: 0, count: 64)
        ck_cpu_brand(&buf, buf.count)
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// The features that matter for kernels, by their cpuid names, in a fixed order.
    public static let features: [String] = {
        let f = ck_cpu_detect()
        let named: [(String, Int32)] = [
            ("sse3", f.sse3), ("avx", f.avx), ("fma", f.fma), ("avx2", f.avx2), ("avx512f", f.avx512f),
            ("avx512bw", f.avx512bw), ("avx512vl", f.avx512vl), ("avx512dq", f.avx512dq),
            ("avx512_bf16", f.avx512bf16), ("amx_tile", f.amx_tile), ("amx_bf16", f.amx_bf16),
        ]
        return named.filter { $0.1 != 0 }.map(\.0)
    }()

    /// The widest FP32 FMA vector: 16 (AVX-512), 8 (AVX2) or 0.
    public static let fmaLanes = Int(ck_fma_lanes())

    /// The core type these features call for (`SkylakeX`, `Haswell`), or nil: OpenBLAS decides.
    public static let coreForFeatures: String? = ck_blas_core_for_features(ck_cpu_detect()).map { String(cString: $0) }

    /// The core OpenBLAS runs (`openblas_get_corename`), or `portable` without OpenBLAS.
    public static let blasCore = String(cString: ck_blas_corename())

    /// Who chose the core: `user` (OPENBLAS_CORETYPE), `cpuid` (we did), `library`, `portable`.
    public static let blasChoice = String(cString: ck_blas_choice())

    /// The ISA oneDNN runs the convolutions with (`avx512_core`, `avx2`, …; oneDNN reads cpuid
    /// itself, capped by `ONEDNN_MAX_CPU_ISA`), or `none` when libdnnl is missing (then
    /// im2col + OpenBLAS). Reading it loads oneDNN.
    public static let convolutionISA = String(cString: ck_dnnl_isa())

    /// The measured FP32 FMA peak at the widest vector on `threads` threads: GFLOP/s by the
    /// wall clock, and per CPU-second of one thread (one core's peak, whatever else runs).
    public static func measuredPeak(threads: Int, seconds: Double = 1.5) -> (wall: Double, perCore: Double) {
        var perCore = 0.0
        let wall = ck_fma_peak_gflops(ck_fma_lanes(), Int32(clamping: threads), seconds, &perCore)
        return (wall, perCore)
    }
}
