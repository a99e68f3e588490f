// Kernels in C: what Swift cannot express (cpuid, dlopen before a library's constructor,
// per-function vector targets) and the element-wise loops that run at the CPU's own width.
#ifndef CKERNELS_H
#define CKERNELS_H
#include <stddef.h>

// --- cpu.c: the processor's features, read with cpuid and xgetbv (OS-enabled state).
typedef struct {
    int sse3, avx, fma, avx2, avx512f, avx512bw, avx512vl, avx512dq, avx512bf16, amx_tile, amx_bf16;
} ck_cpu_features;
ck_cpu_features ck_cpu_detect(void);
/// The brand string (`AMD EPYC 9B45 …`) into buf (NUL-terminated); "" when cpuid has none.
void ck_cpu_brand(char *buf, size_t size);
/// The widest FP32 FMA vector the CPU and OS support, in lanes: 16, 8 or 0 (no FMA).
int ck_fma_lanes(void);

// --- blas_loader.c: OpenBLAS, loaded with dlopen once the core type is chosen.
/// The core type chosen for this CPU from its features ("SkylakeX", "Haswell", or NULL: let
/// OpenBLAS choose), ignoring the environment.
const char *ck_blas_core_for_features(ck_cpu_features f);
/// Loads OpenBLAS (once; thread-safe). Sets OPENBLAS_CORETYPE first unless the user did.
/// Returns 0, or -1 when no OpenBLAS could be loaded (then a portable C GEMM is used).
int ck_blas_load(void);
/// What the loaded library says it runs ("Haswell", "SkylakeX", "Prescott", or "portable").
const char *ck_blas_corename(void);
/// "user" when OPENBLAS_CORETYPE came from the environment, "cpuid" when we chose it,
/// "library" when OpenBLAS chose, "portable" without OpenBLAS.
const char *ck_blas_choice(void);
/// C[m×n] = alpha·op(A)·op(B) + beta·C, row-major.
void ck_sgemm(int transA, int transB, long m, long n, long k, float alpha, const float *a, long lda,
              const float *b, long ldb, float beta, float *c, long ldc);

// --- peak.c: the machine's own FP32 FMA peak, measured.
/// GFLOP/s of independent FMAs at `lanes` (16 or 8) on `threads` threads for about `seconds`
/// (best of three, wall clock). `perCoreCPU` (may be NULL) gets GFLOP per CPU-second of one
/// thread: the per-core peak, not lowered when other processes share the cores.
double ck_fma_peak_gflops(int lanes, int threads, double seconds, double *perCoreCPU);

// --- elementwise.c: loops compiled for AVX-512, AVX2 and the baseline, picked at load time.
/// Keras's Adam step on n elements: m += (g−m)(1−β₁); v += (g²−v)(1−β₂); w −= lr·m/(√v+ε).
void ck_adam(float *w, const float *g, float *m, float *v, long n, float oneMinusBeta1,
             float oneMinusBeta2, float lr, float epsilon);
/// y[r, :] = act(y[r, :] + bias) for `rows` rows of `width`; relu != 0 applies max(·, 0).
void ck_bias_act(float *y, const float *bias, long rows, long width, int relu);
/// db[f] = Σ_r d[r, f] (overwrites db).
void ck_bias_grad(const float *d, long rows, long width, float *db);
/// db[f] = Σ_r (mask[r, f] > 0 ? d[r, f] : 0) (overwrites db): a ReLU layer's bias gradient
/// from the gradient of the max pooling after it and the pooling's output (its winners' ReLU).
void ck_bias_grad_masked(const float *d, const float *mask, long rows, long width, float *db);
/// d = y > 0 ? dy : 0.
void ck_relu_backward(const float *y, const float *dy, float *d, long n);
/// Unfolds n images into rows of patches (row (img, oh, ow), column (kh, kw, c)); zeros for padding.
void ck_im2col(const float *x, long n, long inH, long inW, long c, long kH, long kW, long sH, long sW,
               long padTop, long padLeft, long outH, long outW, float *col);
/// The adjoint of ck_im2col: adds every patch gradient onto dx (zeroed first).
void ck_col2im(const float *col, long n, long inH, long inW, long c, long kH, long kW, long sH, long sW,
               long padTop, long padLeft, long outH, long outW, float *dx);
/// dst[i] += partials[p·stride + i] for p = 0, 1, … parts−1 in that order (a fixed order: the
/// sum of per-thread gradients is the same whoever adds which range).
void ck_add_partials(float *dst, const float *partials, long parts, long stride, long n);
/// The same for one image when windows do not overlap (stride = pool, valid padding): each input
/// written once; pooledOut (or NULL) is the pooling's output, its sign the fused ReLU mask.
void ck_maxpool_backward_windows(const float *dy, const int *argmax, const float *pooledOut, float *dx, long inH, long inW,
                                 long c, long kH, long kW, long outH, long outW);
/// Max pooling over NHWC; argmax gets the flat input index (from x) of each maximum.
void ck_maxpool_forward(const float *x, long n, long inH, long inW, long c, long kH, long kW, long sH, long sW,
                        long padTop, long padLeft, long outH, long outW, float *y, int *argmax);
/// Max pooling of one image's raw convolution output x (inW × C rows) over windows that do not
/// overlap (stride = pool, valid padding), then y = act(max + bias) (relu != 0: ReLU, else the
/// bias only); argmax as ck_maxpool_forward's. Equal to pooling act(x + bias) (pooling.c).
void ck_maxpool_windows_bias_act(const float *x, const float *bias, int relu, long inW, long c, long kH, long kW,
                                 long outH, long outW, float *y, int *argmax);
/// Routes each output gradient to the input that won the max (dx zeroed first); with
/// reluOut, only where reluOut > 0 (the ReLU before the pooling, fused).
void ck_maxpool_backward(const float *dy, long count, const int *argmax, const float *reluOut, float *dx, long inputCount);

// --- onednn.c: oneDNN's convolutions (libdnnl, loaded with dlopen; it picks its ISA by cpuid).
/// Loads oneDNN (once; thread-safe). 0, or -1 when it is missing or LESSON_NO_ONEDNN is set.
int ck_dnnl_load(void);
/// The ISA oneDNN runs ("avx512_core", "avx2", …; capped by ONEDNN_MAX_CPU_ISA), "none" without it.
const char *ck_dnnl_isa(void);
/// One convolution's geometry over NHWC images and (kH, kW, C, F) kernels; its primitives are
/// built per batch size on first use. NULL without oneDNN.
typedef struct ck_dnnl_conv ck_dnnl_conv;
ck_dnnl_conv *ck_dnnl_conv_create(long inH, long inW, long c, long kH, long kW, long sH, long sW, long padTop,
                                  long padLeft, long outH, long outW, long filters);
void ck_dnnl_conv_destroy(ck_dnnl_conv *cv);
/// Reorders Keras's kernel w into the layout pass 0 (forward) or 1 (backward-data) wants for
/// batch n; call before the pass (w is then ignored by it), not while it runs. 0, or -1.
int ck_dnnl_conv_set_kernel(ck_dnnl_conv *cv, long n, int pass, const float *w);
/// y = conv(x, w) for n images (no bias: ck_bias_act adds it); 0, or -1 when oneDNN cannot.
int ck_dnnl_conv_forward(ck_dnnl_conv *cv, long n, const float *x, const float *w, float *y);
/// dx = the input gradient from dy (the gradient of the pre-activation output).
int ck_dnnl_conv_backward_data(ck_dnnl_conv *cv, long n, const float *dy, const float *w, float *dx);
/// dw = the kernel's gradient from x and dy (overwritten; the bias's is ck_bias_grad's).
int ck_dnnl_conv_backward_weights(ck_dnnl_conv *cv, long n, const float *x, const float *dy, float *dw);
/// The implementation oneDNN chose (which: 0 forward, 1 backward-data, 2 backward-weights).
const char *ck_dnnl_conv_impl(ck_dnnl_conv *cv, long n, int which);

/// A pool of `count - 1` worker threads that spin briefly between tasks (workers.c); NULL
/// when count < 2 or no thread could start. `run` calls fn(ctx, k) for k in 0..<parts, part 0
/// on the caller's thread and part k always on worker k; a nested or concurrent run, or more
/// parts than threads, runs inline in order.
typedef struct ck_workers ck_workers;
typedef void (*ck_task)(void *ctx, long part);
ck_workers *ck_workers_create(int count);
int ck_workers_count(const ck_workers *p);
void ck_workers_run(ck_workers *p, long parts, ck_task fn, void *ctx);
void ck_workers_destroy(ck_workers *p);

#endif
