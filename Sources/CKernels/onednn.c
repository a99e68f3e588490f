// oneDNN (Debian's libdnnl2) for the convolutions, loaded with dlopen on first use: oneDNN
// picks its JIT kernels from cpuid itself (avx512_core, avx2 …; ONEDNN_MAX_CPU_ISA caps it) and
// runs them on plain NHWC images; only the kernel is reordered into the blocked layout oneDNN
// chose for it (with Keras's (kH, kW, C, F) kernel it falls back to im2col + its own sgemm).
// Without the library (or its header at build time) every call returns -1 and the caller
// keeps its im2col + sgemm path. One oneDNN thread per call: the batch is split over our
// own threads, as for OpenBLAS, which keeps results deterministic for a thread count.
#include "CKernels.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#if __has_include(<oneapi/dnnl/dnnl.h>)
#include <oneapi/dnnl/dnnl.h>

#define DNNL_FUNCS(X)                                                                              \
    X(dnnl_engine_create) X(dnnl_stream_create) X(dnnl_stream_destroy) X(dnnl_stream_wait) X(dnnl_memory_desc_init_by_tag) \
    X(dnnl_convolution_forward_desc_init) X(dnnl_convolution_backward_data_desc_init)              \
    X(dnnl_convolution_backward_weights_desc_init) X(dnnl_primitive_desc_create)                   \
    X(dnnl_primitive_desc_destroy) X(dnnl_primitive_desc_query) X(dnnl_primitive_desc_query_md)   \
    X(dnnl_primitive_create) X(dnnl_primitive_destroy) X(dnnl_primitive_execute)                  \
    X(dnnl_memory_desc_get_size) X(dnnl_memory_create) X(dnnl_memory_destroy)                     \
       X(dnnl_primitive_attr_create) X(dnnl_primitive_attr_destroy) X(dnnl_primitive_attr_set_scratchpad_mode) \
    X(dnnl_get_effective_cpu_isa)     \
    X(dnnl_reorder_primitive_desc_create) X(dnnl_memory_desc_equal)

// Written once under pthread_once, read-only afterwards.
static struct {
#define FIELD(f) __typeof__(&f) f;
    DNNL_FUNCS(FIELD)
#undef FIELD
    void (*omp_set_num_threads)(int);
} api;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded = -1;
static dnnl_engine_t engine;

static void load(void) {
    if (getenv("LESSON_NO_ONEDNN")) return;  // the im2col + sgemm path, for A/B measurements
    void *h = dlopen("libdnnl.so.2", RTLD_NOW | RTLD_LOCAL);
    if (!h) h = dlopen("libdnnl.so", RTLD_NOW | RTLD_LOCAL);
    if (!h) return;
#define LOAD(f) if (!(api.f = (__typeof__(&f))dlsym(h, #f))) return;
    DNNL_FUNCS(LOAD)
#undef LOAD
    api.omp_set_num_threads = (void (*)(int))dlsym(h, "omp_set_num_threads");
    if (api.dnnl_engine_create(&engine, dnnl_cpu, 0) != dnnl_success) return;
    loaded = 0;
}

int ck_dnnl_load(void) {
    pthread_once(&once, load);
    return loaded;
}

const char *ck_dnnl_isa(void) {
    if (ck_dnnl_load() != 0) return "none";
    switch (api.dnnl_get_effective_cpu_isa()) {
    case dnnl_cpu_isa_sse41: return "sse41";
    case dnnl_cpu_isa_avx: return "avx";
    case dnnl_cpu_isa_avx2: return "avx2";
    case dnnl_cpu_isa_avx2_vnni: return "avx2_vnni";
    case dnnl_cpu_isa_avx512_mic: return "avx512_mic";
    case dnnl_cpu_isa_avx512_mic_4ops: return "avx512_mic_4ops";
    case dnnl_cpu_isa_avx512_core: return "avx512_core";
    case dnnl_cpu_isa_avx512_core_vnni: return "avx512_core_vnni";
    case dnnl_cpu_isa_avx512_core_bf16: return "avx512_core_bf16";
    case dnnl_cpu_isa_avx512_core_amx: return "avx512_core_amx";
    default: return "generic";
    }
}

// The three primitives of one convolution at one batch size.
// A reorder between Keras's kernel layout and the one a pass wants (NULL prim: the same).
typedef struct {
    dnnl_primitive_desc_t pd;
    dnnl_primitive_t prim;
    size_t scratch;
} reorder;

typedef struct {
    long n;
    dnnl_primitive_desc_t fwdPD, bwdDataPD, bwdWeightsPD;
    dnnl_primitive_t fwd, bwdData, bwdWeights;
    size_t fwdScratch, bwdDataScratch, bwdWeightsScratch;
    reorder toFwd, toBwdData, fromBwdWeights;
    float *fwdKernel, *bwdDataKernel;  // the kernel in the passes' layouts (NULL: Keras's own)
    size_t kernelGradBytes;            // the blocked kernel gradient, 0 when it is Keras's layout
} conv_set;

enum { CACHE = 4 };  // batch sizes kept: the parts of full batches and of the last one
struct ck_dnnl_conv {
    long inH, inW, c, kH, kW, sH, sW, padT, padL, padB, padR, outH, outW, f;
    dnnl_memory_desc_t kerasKernel;  // hwio
    pthread_mutex_t lock;
    conv_set sets[CACHE];
    int count, next;
};

ck_dnnl_conv *ck_dnnl_conv_create(long inH, long inW, long c, long kH, long kW, long sH, long sW, long padTop,
                                  long padLeft, long outH, long outW, long filters) {
    if (ck_dnnl_load() != 0) return NULL;
    ck_dnnl_conv *cv = calloc(1, sizeof *cv);
    if (!cv) return NULL;
    *cv = (ck_dnnl_conv){inH, inW, c, kH, kW, sH, sW, padTop, padLeft, 0, 0, outH, outW, filters};
    // Keras's SAME puts the extra padding after; oneDNN wants both sides explicitly.
    cv->padB = (outH - 1) * sH + kH - inH - padTop;
    cv->padR = (outW - 1) * sW + kW - inW - padLeft;
    if (cv->padB < 0) cv->padB = 0;
    if (cv->padR < 0) cv->padR = 0;
    dnnl_dims_t weiDims = {filters, c, kH, kW};
    if (api.dnnl_memory_desc_init_by_tag(&cv->kerasKernel, 4, weiDims, dnnl_f32, dnnl_hwio)) { free(cv); return NULL; }
    pthread_mutex_init(&cv->lock, NULL);
    return cv;
}

static void free_reorder(reorder *r) {
    if (r->prim) api.dnnl_primitive_destroy(r->prim);
    if (r->pd) api.dnnl_primitive_desc_destroy(r->pd);
}

static void free_set(conv_set *s) {
    free_reorder(&s->toFwd); free_reorder(&s->toBwdData); free_reorder(&s->fromBwdWeights);
    free(s->fwdKernel); free(s->bwdDataKernel);
    if (s->fwd) api.dnnl_primitive_destroy(s->fwd);
    if (s->bwdData) api.dnnl_primitive_destroy(s->bwdData);
    if (s->bwdWeights) api.dnnl_primitive_destroy(s->bwdWeights);
    if (s->fwdPD) api.dnnl_primitive_desc_destroy(s->fwdPD);
    if (s->bwdDataPD) api.dnnl_primitive_desc_destroy(s->bwdDataPD);
    if (s->bwdWeightsPD) api.dnnl_primitive_desc_destroy(s->bwdWeightsPD);
    memset(s, 0, sizeof *s);
}

void ck_dnnl_conv_destroy(ck_dnnl_conv *cv) {
    if (!cv) return;
    for (int i = 0; i < cv->count; i++) free_set(&cv->sets[i]);
    pthread_mutex_destroy(&cv->lock);
    free(cv);
}

static size_t scratch_size(dnnl_primitive_desc_t pd) {
    const dnnl_memory_desc_t *md = api.dnnl_primitive_desc_query_md(pd, dnnl_query_scratchpad_md, 0);
    return md ? api.dnnl_memory_desc_get_size(md) : 0;
}

static int make_prim(dnnl_primitive_desc_t pd, dnnl_primitive_t *p, size_t *scratch) {
    *scratch = scratch_size(pd);
    return api.dnnl_primitive_create(p, pd) == dnnl_success ? 0 : -1;
}

static size_t scratch_size(dnnl_primitive_desc_t pd);

// A reorder from `from` to `to` unless they are the same layout; 0, or -1.
static int make_reorder(const dnnl_memory_desc_t *from, const dnnl_memory_desc_t *to, reorder *r) {
    memset(r, 0, sizeof *r);
    if (api.dnnl_memory_desc_equal(from, to)) return 0;
    dnnl_primitive_attr_t attr = NULL;
    if (api.dnnl_primitive_attr_create(&attr)) return -1;
    api.dnnl_primitive_attr_set_scratchpad_mode(attr, dnnl_scratchpad_mode_user);
    int rc = api.dnnl_reorder_primitive_desc_create(&r->pd, from, engine, to, engine, attr) ||
             api.dnnl_primitive_create(&r->prim, r->pd) ? -1 : 0;
    api.dnnl_primitive_attr_destroy(attr);
    if (!rc) r->scratch = scratch_size(r->pd);
    return rc;
}

static float *alloc_md(const dnnl_memory_desc_t *md) {
    size_t bytes = api.dnnl_memory_desc_get_size(md);
    return bytes ? aligned_alloc(64, (bytes + 63) / 64 * 64) : NULL;
}

static int build_kernels(const ck_dnnl_conv *cv, conv_set *s) {
    const dnnl_memory_desc_t *fw = api.dnnl_primitive_desc_query_md(s->fwdPD, dnnl_query_weights_md, 0);
    const dnnl_memory_desc_t *bw = api.dnnl_primitive_desc_query_md(s->bwdDataPD, dnnl_query_weights_md, 0);
    const dnnl_memory_desc_t *gw = api.dnnl_primitive_desc_query_md(s->bwdWeightsPD, dnnl_query_diff_weights_md, 0);
    if (!fw || !bw || !gw || make_reorder(&cv->kerasKernel, fw, &s->toFwd) || make_reorder(&cv->kerasKernel, bw, &s->toBwdData) ||
        make_reorder(gw, &cv->kerasKernel, &s->fromBwdWeights)) return -1;
    if (s->toFwd.prim && !(s->fwdKernel = alloc_md(fw))) return -1;
    if (s->toBwdData.prim && !(s->bwdDataKernel = alloc_md(bw))) return -1;
    if (s->fromBwdWeights.prim) s->kernelGradBytes = api.dnnl_memory_desc_get_size(gw);
    return 0;
}

static int build_set(const ck_dnnl_conv *cv, long n, conv_set *s) {
    memset(s, 0, sizeof *s);
    s->n = n;
    dnnl_memory_desc_t src, wei, dst;
    dnnl_dims_t srcDims = {n, cv->c, cv->inH, cv->inW}, weiDims = {cv->f, cv->c, cv->kH, cv->kW};
    dnnl_dims_t dstDims = {n, cv->f, cv->outH, cv->outW};
    dnnl_dims_t strides = {cv->sH, cv->sW}, padL = {cv->padT, cv->padL}, padR = {cv->padB, cv->padR};
    if (api.dnnl_memory_desc_init_by_tag(&src, 4, srcDims, dnnl_f32, dnnl_nhwc) ||
        api.dnnl_memory_desc_init_by_tag(&wei, 4, weiDims, dnnl_f32, dnnl_format_tag_any) ||
        api.dnnl_memory_desc_init_by_tag(&dst, 4, dstDims, dnnl_f32, dnnl_nhwc)) return -1;
    dnnl_primitive_attr_t attr = NULL;
    int rc = -1;
    if (api.dnnl_primitive_attr_create(&attr)) goto done;
    // Scratch memory is ours (per thread), so two threads can run one primitive at once.
    api.dnnl_primitive_attr_set_scratchpad_mode(attr, dnnl_scratchpad_mode_user);
    // No bias and no ReLU post-op: the caller adds both in one pass (ck_bias_act), which keeps
    // a NaN a NaN as TensorFlow does; oneDNN's ReLU turns NaN into 0 and would hide a NaN loss.
    dnnl_convolution_desc_t fd, bd, wd;
    if (api.dnnl_convolution_forward_desc_init(&fd, dnnl_forward_training, dnnl_convolution_direct, &src, &wei, NULL,
                                               &dst, strides, padL, padR) ||
        api.dnnl_primitive_desc_create(&s->fwdPD, &fd, attr, engine, NULL) || make_prim(s->fwdPD, &s->fwd, &s->fwdScratch))
        goto done;
    int bad = api.dnnl_convolution_backward_data_desc_init(&bd, dnnl_convolution_direct, &src, &wei, &dst, strides, padL, padR) ||
              api.dnnl_primitive_desc_create(&s->bwdDataPD, &bd, attr, engine, s->fwdPD) ||
              make_prim(s->bwdDataPD, &s->bwdData, &s->bwdDataScratch) ||
              // No bias here: oneDNN sums it with scalar SSE loops (slower than the whole
              // kernel gradient of the first layer); ck_bias_grad does it at full width.
              api.dnnl_convolution_backward_weights_desc_init(&wd, dnnl_convolution_direct, &src, &wei, NULL, &dst, strides,
                                                              padL, padR) ||
              api.dnnl_primitive_desc_create(&s->bwdWeightsPD, &wd, attr, engine, s->fwdPD) ||
              make_prim(s->bwdWeightsPD, &s->bwdWeights, &s->bwdWeightsScratch);
    rc = bad || build_kernels(cv, s) ? -1 : 0;
done:
    if (attr) api.dnnl_primitive_attr_destroy(attr);
    if (rc) free_set(s);
    return rc;
}

// One thread per call, whatever OMP_NUM_THREADS says: the caller splits the batch. oneDNN
// fixes a primitive's thread count when it is made, so the making thread is set too.
static __thread int ompSingle;
static void single_thread(void) {
    if (!ompSingle && api.omp_set_num_threads) { api.omp_set_num_threads(1); ompSingle = 1; }
}

// The primitives for batch size n (built on first use, kept for the next CACHE sizes).
static const conv_set *set_for(ck_dnnl_conv *cv, long n) {
    single_thread();
    pthread_mutex_lock(&cv->lock);
    const conv_set *found = NULL;
    for (int i = 0; i < cv->count && !found; i++) if (cv->sets[i].n == n) found = &cv->sets[i];
    if (!found) {
        int slot = cv->count < CACHE ? cv->count : cv->next;
        if (cv->count == CACHE) { free_set(&cv->sets[slot]); cv->next = (cv->next + 1) % CACHE; }
        if (build_set(cv, n, &cv->sets[slot]) == 0) {
            if (cv->count < CACHE) cv->count++;
            found = &cv->sets[slot];
        } else if (cv->count == CACHE) {
            cv->sets[slot].n = -1;  // emptied slot: never matches a batch size
        }
    }
    pthread_mutex_unlock(&cv->lock);
    return found;
}


typedef struct { int arg; const dnnl_memory_desc_t *md; void *data; } arg_spec;

// Per-thread scratch, grown as needed and kept: a fresh allocation each call is an mmap and
// page faults (the kernel's share of an epoch). Slot 0: oneDNN's scratchpad, 1: a blocked
// kernel gradient. Freed when the thread ends.
typedef struct { void *p[2]; size_t size[2]; } thread_scratch;
static pthread_key_t scratchKey;
static pthread_once_t scratchOnce = PTHREAD_ONCE_INIT;
static void free_scratch(void *v) {
    thread_scratch *t = v;
    free(t->p[0]); free(t->p[1]); free(t);
}
static void make_scratch_key(void) { pthread_key_create(&scratchKey, free_scratch); }
static void *scratch_buffer(int slot, size_t bytes) {
    pthread_once(&scratchOnce, make_scratch_key);
    thread_scratch *t = pthread_getspecific(scratchKey);
    if (!t) {
        if (!(t = calloc(1, sizeof *t))) return NULL;
        if (pthread_setspecific(scratchKey, t)) { free(t); return NULL; }
    }
    if (t->size[slot] < bytes) {
        size_t rounded = (bytes + 4095) / 4096 * 4096;
        void *p = aligned_alloc(64, rounded);
        if (!p) return NULL;
        free(t->p[slot]);
        t->p[slot] = p; t->size[slot] = rounded;
    }
    return t->p[slot];
}

static int run(dnnl_primitive_desc_t pd, dnnl_primitive_t p, size_t scratch, const arg_spec *specs, int count) {
    single_thread();
    dnnl_exec_arg_t args[6];
    dnnl_memory_t mem[6] = {0};
    void *pad = NULL;
    int nargs = 0, rc = -1;
    dnnl_stream_t stream = NULL;
    for (int i = 0; i < count; i++) {
        if (api.dnnl_memory_create(&mem[nargs], specs[i].md, engine, specs[i].data)) goto done;
        args[nargs] = (dnnl_exec_arg_t){specs[i].arg, mem[nargs]};
        nargs++;
    }
    if (scratch) {
        if (!(pad = scratch_buffer(0, scratch))) goto done;
        const dnnl_memory_desc_t *md = api.dnnl_primitive_desc_query_md(pd, dnnl_query_scratchpad_md, 0);
        if (api.dnnl_memory_create(&mem[nargs], md, engine, pad)) goto done;
        args[nargs] = (dnnl_exec_arg_t){DNNL_ARG_SCRATCHPAD, mem[nargs]};
        nargs++;
    }
    if (api.dnnl_stream_create(&stream, engine, dnnl_stream_default_flags)) goto done;
    rc = api.dnnl_primitive_execute(p, stream, nargs, args) || api.dnnl_stream_wait(stream) ? -1 : 0;
done:
    if (stream) api.dnnl_stream_destroy(stream);
    for (int i = 0; i < nargs; i++) api.dnnl_memory_destroy(mem[i]);
    return rc;
}

#define MD(pd, q) api.dnnl_primitive_desc_query_md(pd, q, 0)

static int run_reorder(const reorder *r, const dnnl_memory_desc_t *from, const void *src, const dnnl_memory_desc_t *to, void *dst) {
    arg_spec a[] = {{DNNL_ARG_FROM, from, (void *)src}, {DNNL_ARG_TO, to, dst}};
    return run(r->pd, r->prim, r->scratch, a, 2);
}

int ck_dnnl_conv_set_kernel(ck_dnnl_conv *cv, long n, int pass, const float *w) {
    const conv_set *s = cv ? set_for(cv, n) : NULL;
    if (!s) return -1;
    const reorder *r = pass == 0 ? &s->toFwd : &s->toBwdData;
    if (!r->prim) return 0;
    dnnl_primitive_desc_t pd = pass == 0 ? s->fwdPD : s->bwdDataPD;
    return run_reorder(r, &cv->kerasKernel, w, MD(pd, dnnl_query_weights_md), pass == 0 ? s->fwdKernel : s->bwdDataKernel);
}

int ck_dnnl_conv_forward(ck_dnnl_conv *cv, long n, const float *x, const float *w, float *y) {
    const conv_set *s = cv ? set_for(cv, n) : NULL;
    if (!s) return -1;
    if (s->fwdKernel) w = s->fwdKernel;
    arg_spec a[] = {{DNNL_ARG_SRC, MD(s->fwdPD, dnnl_query_src_md), (void *)x},
                    {DNNL_ARG_WEIGHTS, MD(s->fwdPD, dnnl_query_weights_md), (void *)w},
                    {DNNL_ARG_DST, MD(s->fwdPD, dnnl_query_dst_md), y}};
    return run(s->fwdPD, s->fwd, s->fwdScratch, a, 3);
}

int ck_dnnl_conv_backward_data(ck_dnnl_conv *cv, long n, const float *dy, const float *w, float *dx) {
    const conv_set *s = cv ? set_for(cv, n) : NULL;
    if (!s) return -1;
    if (s->bwdDataKernel) w = s->bwdDataKernel;
    arg_spec a[] = {{DNNL_ARG_DIFF_DST, MD(s->bwdDataPD, dnnl_query_diff_dst_md), (void *)dy},
                    {DNNL_ARG_WEIGHTS, MD(s->bwdDataPD, dnnl_query_weights_md), (void *)w},
                    {DNNL_ARG_DIFF_SRC, MD(s->bwdDataPD, dnnl_query_diff_src_md), dx}};
    return run(s->bwdDataPD, s->bwdData, s->bwdDataScratch, a, 3);
}

int ck_dnnl_conv_backward_weights(ck_dnnl_conv *cv, long n, const float *x, const float *dy, float *dw) {
    const conv_set *s = cv ? set_for(cv, n) : NULL;
    if (!s) return -1;
    arg_spec a[] = {{DNNL_ARG_SRC, MD(s->bwdWeightsPD, dnnl_query_src_md), (void *)x},
                    {DNNL_ARG_DIFF_DST, MD(s->bwdWeightsPD, dnnl_query_diff_dst_md), (void *)dy},
                    {DNNL_ARG_DIFF_WEIGHTS, MD(s->bwdWeightsPD, dnnl_query_diff_weights_md), dw}};
    if (!s->kernelGradBytes) return run(s->bwdWeightsPD, s->bwdWeights, s->bwdWeightsScratch, a, 3);
    // oneDNN's own layout first, then Keras's.
    float *blocked = scratch_buffer(1, s->kernelGradBytes);
    if (!blocked) return -1;
    a[2].data = blocked;
    return run(s->bwdWeightsPD, s->bwdWeights, s->bwdWeightsScratch, a, 3) ||
           run_reorder(&s->fromBwdWeights, a[2].md, blocked, &cv->kerasKernel, dw) ? -1 : 0;
}

const char *ck_dnnl_conv_impl(ck_dnnl_conv *cv, long n, int which) {
    const conv_set *s = cv ? set_for(cv, n) : NULL;
    if (!s) return "none";
    const char *name = NULL;
    dnnl_primitive_desc_t pd = which == 0 ? s->fwdPD : which == 1 ? s->bwdDataPD : s->bwdWeightsPD;
    if (api.dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, &name) || !name) return "unknown";
    return name;
}

#else  // built without oneDNN's header: the callers keep im2col + sgemm
int ck_dnnl_load(void) { return -1; }
const char *ck_dnnl_isa(void) { return "none"; }
ck_dnnl_conv *ck_dnnl_conv_create(long inH, long inW, long c, long kH, long kW, long sH, long sW, long padTop,
                                  long padLeft, long outH, long outW, long filters) { return NULL; }
void ck_dnnl_conv_destroy(ck_dnnl_conv *cv) {}
int ck_dnnl_conv_forward(ck_dnnl_conv *cv, long n, const float *x, const float *w, float *y) { return -1; }
int ck_dnnl_conv_backward_data(ck_dnnl_conv *cv, long n, const float *dy, const float *w, float *dx) { return -1; }
int ck_dnnl_conv_backward_weights(ck_dnnl_conv *cv, long n, const float *x, const float *dy, float *dw) { return -1; }
const char *ck_dnnl_conv_impl(ck_dnnl_conv *cv, long n, int which) { return "none"; }
int ck_dnnl_conv_set_kernel(ck_dnnl_conv *cv, long n, int pass, const float *w) { return -1; }
#endif
