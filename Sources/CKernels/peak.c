// The machine's own FP32 FMA peak: independent FMA chains (12 accumulators cover a latency
// of 4-6 cycles on two pipes) at the widest vector the CPU has, one chain set per thread.
#include "CKernels.h"
#include <immintrin.h>
#include <pthread.h>
#include <time.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }

typedef struct { int lanes; long iters; double cpu; volatile float sink; } job;

__attribute__((target("avx512f"))) static float chains512(long iters) {
    __m512 x[12], m = _mm512_set1_ps(0.999999f), c = _mm512_set1_ps(1e-6f);
    for (int i = 0; i < 12; i++) x[i] = _mm512_set1_ps((float)i);
    for (long k = 0; k < iters; k++)
        for (int i = 0; i < 12; i++) x[i] = _mm512_fmadd_ps(x[i], m, c);
    float s = 0;
    for (int i = 0; i < 12; i++) s += _mm512_reduce_add_ps(x[i]);
    return s;
}

__attribute__((target("avx2,fma"))) static float chains256(long iters) {
    __m256 x[12], m = _mm256_set1_ps(0.999999f), c = _mm256_set1_ps(1e-6f);
    for (int i = 0; i < 12; i++) x[i] = _mm256_set1_ps((float)i);
    for (long k = 0; k < iters; k++)
        for (int i = 0; i < 12; i++) x[i] = _mm256_fmadd_ps(x[i], m, c);
    float s = 0, b[8];
    for (int i = 0; i < 12; i++) { _mm256_storeu_ps(b, x[i]); s += b[0] + b[7]; }
    return s;
}

static double threadCPU(void) { struct timespec t; clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t); return t.tv_sec + t.tv_nsec * 1e-9; }

static void *run(void *p) {
    job *j = p;
    double c0 = threadCPU();
    j->sink = j->lanes == 16 ? chains512(j->iters) : chains256(j->iters);
    j->cpu = threadCPU() - c0;
    return NULL;
}

// Wall-clock rate of all threads together; *perCPU gets the rate per CPU-second of a thread
// (what a core gives while it runs us: not lowered by other processes taking turns on it).
static double timed(int lanes, int threads, long iters, double *perCPU) {
    pthread_t t[256];
    job jobs[256];
    if (threads > 256) threads = 256;
    double t0 = now();
    int started = 0;
    for (int i = 0; i < threads; i++) {
        jobs[i].lanes = lanes; jobs[i].iters = iters;
        if (pthread_create(&t[i], NULL, run, &jobs[i]) == 0) started++; else break;
    }
    for (int i = 0; i < started; i++) pthread_join(t[i], NULL);
    double dt = now() - t0, cpu = 0;
    for (int i = 0; i < started; i++) cpu += jobs[i].cpu;
    double flops = 2.0 * 12 * lanes * (double)iters * started;
    if (perCPU) *perCPU = cpu > 0 ? flops / cpu / 1e9 : 0;
    return dt > 0 ? flops / dt / 1e9 : 0;
}

double ck_fma_peak_gflops(int lanes, int threads, double seconds, double *perCoreCPU) {
    if (perCoreCPU) *perCoreCPU = 0;
    if (lanes != 16 && lanes != 8) return 0;
    if (threads < 1) threads = 1;
    // Calibrate on a short run, then take the best of three runs of about seconds/3 each
    // (the best, since other work on the machine only ever slows a run down).
    long iters = 1000000;
    double g = timed(lanes, threads, iters, NULL);
    if (g <= 0) return 0;
    double perRun = seconds / 3;
    double flopPerIter = 2.0 * 12 * lanes * threads;
    long want = (long)(perRun * g * 1e9 / flopPerIter);
    if (want > iters) iters = want;
    double best = g, bestCPU = 0;
    for (int r = 0; r < 3; r++) {
        double c = 0, x = timed(lanes, threads, iters, &c);
        if (x > best) best = x;
        if (c > bestCPU) bestCPU = c;
    }
    if (perCoreCPU) *perCoreCPU = bestCPU;
    return best;
}
