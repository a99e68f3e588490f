// OpenBLAS is loaded with dlopen, not linked: its constructor reads OPENBLAS_CORETYPE, and
// Debian's 0.3.21 falls back to SSE3 (Prescott) kernels on processors newer than its table
// (Sapphire Rapids) and to AVX2 ones on AVX-512 AMD (Zen 4/5). We choose the core from the
// features first; a core type the user set is left as it is.
#include "CKernels.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { RowMajor = 101, NoTrans = 111, Trans = 112 };
typedef void (*sgemm_fn)(int, int, int, int, int, int, float, const float *, int, const float *, int, float, float *, int);
typedef char *(*corename_fn)(void);
typedef void (*threads_fn)(int);

static pthread_once_t once = PTHREAD_ONCE_INIT;
static sgemm_fn blas_sgemm;       // written once under pthread_once, read-only afterwards
static corename_fn blas_corename;
static const char *choice = "portable";
static int loaded = -1;

const char *ck_blas_core_for_features(ck_cpu_features f) {
    // SkylakeX's kernels need AVX-512 F, BW, VL and DQ; Cooperlake/Sapphire Rapids add only
    // bf16 routines, so SkylakeX is the FP32 choice for every AVX-512 processor.
    if (f.avx512f && f.avx512bw && f.avx512vl && f.avx512dq && f.fma) return "SkylakeX";
    if (f.avx2 && f.fma) return "Haswell";
    return NULL;
}

static void load(void) {
    const char *user = getenv("OPENBLAS_CORETYPE");
    int setCore = 0, setThreads = 0;
    if (user && *user) {
        choice = "user";
    } else {
        const char *core = ck_blas_core_for_features(ck_cpu_detect());
        if (core) { setenv("OPENBLAS_CORETYPE", core, 1); setCore = 1; choice = "cpuid"; } else choice = "library";
    }
    // We split batches over our own threads; OpenBLAS's pool would only compete with them.
    if (!getenv("OPENBLAS_NUM_THREADS")) { setenv("OPENBLAS_NUM_THREADS", "1", 1); setThreads = 1; }
    void *h = dlopen("libopenblas.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!h) h = dlopen("libopenblas.so", RTLD_NOW | RTLD_LOCAL);
    // What we set is for OpenBLAS only, not for processes this one starts.
    if (setCore) unsetenv("OPENBLAS_CORETYPE");
    if (setThreads) unsetenv("OPENBLAS_NUM_THREADS");
    if (!h) { choice = "portable"; loaded = -1; return; }
    blas_sgemm = (sgemm_fn)dlsym(h, "cblas_sgemm");
    blas_corename = (corename_fn)dlsym(h, "openblas_get_corename");
    threads_fn setNum = (threads_fn)dlsym(h, "openblas_set_num_threads");
    if (!blas_sgemm) { choice = "portable"; loaded = -1; return; }
    if (setNum) setNum(1);
    loaded = 0;
}

int ck_blas_load(void) {
    pthread_once(&once, load);
    return loaded;
}

const char *ck_blas_corename(void) {
    ck_blas_load();
    if (loaded != 0) return "portable";
    return blas_corename ? blas_corename() : "unknown";
}

const char *ck_blas_choice(void) {
    ck_blas_load();
    return choice;
}

// Without OpenBLAS: a plain loop, slow but correct, so the library never stops for its lack.
static void portable_sgemm(int ta, int tb, long m, long n, long k, float alpha, const float *a, long lda,
                           const float *b, long ldb, float beta, float *c, long ldc) {
    for (long i = 0; i < m; i++) {
        float *ci = c + i * ldc;
        for (long j = 0; j < n; j++) ci[j] = beta == 0 ? 0 : beta * ci[j];
        for (long p = 0; p < k; p++) {
            float av = alpha * (ta ? a[p * lda + i] : a[i * lda + p]);
            if (tb) for (long j = 0; j < n; j++) ci[j] += av * b[j * ldb + p];
            else for (long j = 0; j < n; j++) ci[j] += av * b[p * ldb + j];
        }
    }
}

void ck_sgemm(int transA, int transB, long m, long n, long k, float alpha, const float *a, long lda,
              const float *b, long ldb, float beta, float *c, long ldc) {
    if (ck_blas_load() != 0) { portable_sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc); return; }
    blas_sgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, (int)m, (int)n, (int)k, alpha, a, (int)lda,
               b, (int)ldb, beta, c, (int)ldc);
}
