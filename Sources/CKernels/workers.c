// A pool of worker threads that spin briefly between tasks before they sleep. A training
// step runs a dozen parallel regions a few hundred microseconds apart; libdispatch parks its
// threads in between and each region waits for a futex wake-up (measured: 1.41× speed-up on
// 2 threads instead of 1.8×, the kernel's wake-up path 4 % of the CPU time). Spinning keeps
// the wake-up to a cache line's trip. Each run splits into `parts` fixed parts (part k always
// to the same index), so results do not depend on which thread ran what.
#include "CKernels.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#if defined(__x86_64__)
#include <immintrin.h>
#define PAUSE() _mm_pause()
#else
#define PAUSE() ((void)0)
#endif

// Pauses before a worker sleeps: 0.3-0.8 ms (PAUSE takes some 40-140 cycles, by CPU), longer
// than the gaps between a step's regions, short next to the interpreter's work between fits.
enum { SPIN = 20000 };

struct ck_workers {
    int count;  // threads including the caller's
    pthread_t *threads;
    _Atomic unsigned long generation;
    _Atomic int pending;
    _Atomic int busy;  // a run is in progress (a nested or concurrent run goes inline)
    _Atomic int stop;
    ck_task fn;
    void *ctx;
    long parts;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    int sleepers;
};

typedef struct { ck_workers *pool; long index; } worker_arg;

static void *worker_main(void *raw) {
    worker_arg arg = *(worker_arg *)raw;
    free(raw);
    ck_workers *p = arg.pool;
    unsigned long seen = 0;
    for (;;) {
        unsigned long g = atomic_load_explicit(&p->generation, memory_order_acquire);
        for (int spins = 0; g == seen && spins < SPIN; spins++) {
            PAUSE();
            g = atomic_load_explicit(&p->generation, memory_order_acquire);
        }
        if (g == seen) {
            pthread_mutex_lock(&p->lock);
            p->sleepers++;
            while ((g = atomic_load_explicit(&p->generation, memory_order_acquire)) == seen && !atomic_load(&p->stop))
                pthread_cond_wait(&p->wake, &p->lock);
            p->sleepers--;
            pthread_mutex_unlock(&p->lock);
        }
        if (atomic_load(&p->stop)) return NULL;
        seen = g;
        if (arg.index < p->parts) p->fn(p->ctx, arg.index);
        atomic_fetch_sub_explicit(&p->pending, 1, memory_order_release);
    }
}

ck_workers *ck_workers_create(int count) {
    if (count < 2) return NULL;
    ck_workers *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->threads = calloc((size_t)count - 1, sizeof(pthread_t));
    if (!p->threads || pthread_mutex_init(&p->lock, NULL) != 0 || pthread_cond_init(&p->wake, NULL) != 0) {
        free(p->threads); free(p); return NULL;
    }
    p->count = 1;
    for (int i = 1; i < count; i++) {
        worker_arg *arg = malloc(sizeof *arg);
        if (!arg) break;
        arg->pool = p; arg->index = i;
        if (pthread_create(&p->threads[i - 1], NULL, worker_main, arg) != 0) { free(arg); break; }
        p->count++;
    }
    return p;
}

int ck_workers_count(const ck_workers *p) { return p ? p->count : 1; }

void ck_workers_destroy(ck_workers *p) {
    if (!p) return;
    pthread_mutex_lock(&p->lock);
    atomic_store(&p->stop, 1);
    atomic_fetch_add_explicit(&p->generation, 1, memory_order_release);
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < p->count - 1; i++) pthread_join(p->threads[i], NULL);
    pthread_cond_destroy(&p->wake);
    pthread_mutex_destroy(&p->lock);
    free(p->threads);
    free(p);
}

void ck_workers_run(ck_workers *p, long parts, ck_task fn, void *ctx) {
    int idle = 0;
    if (!p || parts <= 1 || parts > p->count || !atomic_compare_exchange_strong(&p->busy, &idle, 1)) {
        for (long k = 0; k < parts; k++) fn(ctx, k);
        return;
    }
    p->fn = fn; p->ctx = ctx; p->parts = parts;
    atomic_store_explicit(&p->pending, p->count - 1, memory_order_relaxed);
    pthread_mutex_lock(&p->lock);
    atomic_fetch_add_explicit(&p->generation, 1, memory_order_release);
    if (p->sleepers) pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);
    fn(ctx, 0);
    // A worker the OS took away would make this spin forever at full speed: yield after a while.
    for (long spins = 0; atomic_load_explicit(&p->pending, memory_order_acquire) > 0; spins++) {
        if (spins < SPIN) PAUSE(); else sched_yield();
    }
    atomic_store_explicit(&p->busy, 0, memory_order_release);
}
