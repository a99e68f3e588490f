// Feature detection by cpuid leaves 1 and 7 and the OS's saved state (xgetbv): never by
// model number, so a processor newer than this code is judged by what it can do.
#include "CKernels.h"
#include <cpuid.h>
#include <string.h>

static unsigned long long xgetbv0(void) {
    unsigned int lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((unsigned long long)hi << 32) | lo;
}

ck_cpu_features ck_cpu_detect(void) {
    ck_cpu_features f;
    memset(&f, 0, sizeof f);
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return f;
    f.sse3 = (c >> 0) & 1;
    int osxsave = (c >> 27) & 1;
    unsigned long long xcr0 = osxsave ? xgetbv0() : 0;
    int ymm = (xcr0 & 0x6) == 0x6;             // SSE and AVX state saved by the OS
    int zmm = ymm && (xcr0 & 0xe0) == 0xe0;    // opmask, ZMM0-15 high, ZMM16-31
    int tiles = (xcr0 & 0x60000) == 0x60000;   // AMX TILECFG and TILEDATA
    f.avx = ((c >> 28) & 1) && ymm;
    f.fma = ((c >> 12) & 1) && ymm;
    if (__get_cpuid_max(0, 0) < 7) return f;
    __cpuid_count(7, 0, a, b, c, d);
    f.avx2 = ((b >> 5) & 1) && ymm;
    f.avx512f = ((b >> 16) & 1) && zmm;
    f.avx512dq = ((b >> 17) & 1) && zmm;
    f.avx512bw = ((b >> 30) & 1) && zmm;
    f.avx512vl = ((b >> 31) & 1) && zmm;
    f.amx_bf16 = ((d >> 22) & 1) && tiles;
    f.amx_tile = ((d >> 24) & 1) && tiles;
    unsigned int a1, b1, c1, d1;
    __cpuid_count(7, 1, a1, b1, c1, d1);
    f.avx512bf16 = ((a1 >> 5) & 1) && zmm;
    return f;
}

void ck_cpu_brand(char *buf, size_t size) {
    if (size == 0) return;
    buf[0] = 0;
    unsigned int r[12];
    if (__get_cpuid_max(0x80000000, 0) < 0x80000004) return;
    for (unsigned int i = 0; i < 3; i++) __get_cpuid(0x80000002 + i, &r[4 * i], &r[4 * i + 1], &r[4 * i + 2], &r[4 * i + 3]);
    char s[49];
    memcpy(s, r, 48);
    s[48] = 0;
    const char *p = s;
    while (*p == ' ') p++;
    size_t n = strlen(p);
    while (n > 0 && p[n - 1] == ' ') n--;
    if (n >= size) n = size - 1;
    memcpy(buf, p, n);
    buf[n] = 0;
}

int ck_fma_lanes(void) {
    ck_cpu_features f = ck_cpu_detect();
    if (f.avx512f && f.fma) return 16;
    if (f.avx2 && f.fma) return 8;
    return 0;
}
