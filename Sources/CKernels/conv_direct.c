// Direct convolution for layers with few inputs per output (kH·kW·C small, e.g. the first
// layer of an MNIST model: 3×3×1). There im2col + GEMM spends its time unfolding and packing
// a 9-deep product; here each output pixel's F filters are one vector loop, bias and ReLU
// fused into the pass that writes the output, and no unfolded copy is made at all.
// FMA contraction is allowed here (this file only): each CPU runs one clone, so results are
// deterministic for a given machine, seed and thread count.
#include "CKernels.h"
#include <string.h>

#pragma clang fp contract(fast)
#define CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
// Clang picks 256-bit vectors for AVX-512 targets unless told; the avx512f clone wants 512.
#pragma clang attribute push(__attribute__((min_vector_width(512))), apply_to = function)

enum { BLOCK = 32 };  // filters held in registers at once: 2 AVX-512 or 4 AVX2 vectors

// One block of `nf` (≤ BLOCK) filters of one output pixel, accumulated in registers: a
// constant trip count lets the compiler keep `acc` out of memory (no store-to-load chain).
static inline __attribute__((always_inline)) void pixel_block(const float *restrict xi, long inH, long inW, long c,
        long kH, long kW, long ih0, long iw0, const float *restrict w, long f, long f0, const float *restrict bias,
        int relu, float *restrict yo) {
    float acc[BLOCK];
    for (int j = 0; j < BLOCK; j++) acc[j] = bias[f0 + j];
    for (long kh = 0; kh < kH; kh++) {
        long ih = ih0 + kh;
        if (ih < 0 || ih >= inH) continue;
        for (long kw = 0; kw < kW; kw++) {
            long iw = iw0 + kw;
            if (iw < 0 || iw >= inW) continue;
            const float *xp = xi + (ih * inW + iw) * c;
            const float *wp = w + (kh * kW + kw) * c * f + f0;
            for (long ch = 0; ch < c; ch++) {
                float xv = xp[ch];
                const float *wr = wp + ch * f;
                for (int j = 0; j < BLOCK; j++) acc[j] += xv * wr[j];
            }
        }
    }
    // `v < 0 ? 0 : v` keeps a NaN a NaN, as TensorFlow's relu does.
    if (relu) for (int j = 0; j < BLOCK; j++) acc[j] = acc[j] < 0 ? 0 : acc[j];
    for (int j = 0; j < BLOCK; j++) yo[f0 + j] = acc[j];
}

// Four adjacent output pixels (same row, all taps inside the image) at once: four independent
// accumulator sets hide the FMA latency that one pixel's chain of kH·kW·C taps would expose.
static inline __attribute__((always_inline)) void quad_block(const float *restrict xi, long inW, long c, long kH,
        long kW, long ih0, long iw0, long sW, const float *restrict w, long f, long f0, const float *restrict bias,
        int relu, float *restrict yo) {
    float a0[BLOCK], a1[BLOCK], a2[BLOCK], a3[BLOCK];
    for (int j = 0; j < BLOCK; j++) a0[j] = a1[j] = a2[j] = a3[j] = bias[f0 + j];
    for (long kh = 0; kh < kH; kh++) {
        for (long kw = 0; kw < kW; kw++) {
            const float *xp = xi + ((ih0 + kh) * inW + iw0 + kw) * c;
            const float *wp = w + (kh * kW + kw) * c * f + f0;
            for (long ch = 0; ch < c; ch++) {
                float x0 = xp[ch], x1 = xp[sW * c + ch], x2 = xp[2 * sW * c + ch], x3 = xp[3 * sW * c + ch];
                const float *wr = wp + ch * f;
                for (int j = 0; j < BLOCK; j++) {
                    float wv = wr[j];
                    a0[j] += x0 * wv; a1[j] += x1 * wv; a2[j] += x2 * wv; a3[j] += x3 * wv;
                }
            }
        }
    }
    if (relu) for (int j = 0; j < BLOCK; j++) {
        a0[j] = a0[j] < 0 ? 0 : a0[j]; a1[j] = a1[j] < 0 ? 0 : a1[j];
        a2[j] = a2[j] < 0 ? 0 : a2[j]; a3[j] = a3[j] < 0 ? 0 : a3[j];
    }
    for (int j = 0; j < BLOCK; j++) { yo[f0 + j] = a0[j]; yo[f + f0 + j] = a1[j]; yo[2 * f + f0 + j] = a2[j]; yo[3 * f + f0 + j] = a3[j]; }
}

CLONES void ck_conv_direct_forward(const float *restrict x, long n, long inH, long inW, long c, long kH, long kW,
                                   long sH, long sW, long padTop, long padLeft, long outH, long outW,
                                   const float *restrict w, const float *restrict bias, long f, int relu,
                                   float *restrict y) {
    long full = f - f % BLOCK;
    for (long img = 0; img < n; img++) {
        const float *xi = x + img * inH * inW * c;
        for (long oh = 0; oh < outH; oh++) {
            long ih0 = oh * sH - padTop;
            int rowInside = ih0 >= 0 && ih0 + kH <= inH;
            for (long ow = 0; ow < outW; ow++) {
                float *yo = y + ((img * outH + oh) * outW + ow) * f;
                long iw0 = ow * sW - padLeft;
                if (rowInside && full == f && ow + 4 <= outW && iw0 >= 0 && iw0 + 3 * sW + kW <= inW) {
                    for (long f0 = 0; f0 < f; f0 += BLOCK) quad_block(xi, inW, c, kH, kW, ih0, iw0, sW, w, f, f0, bias, relu, yo);
                    ow += 3;
                    continue;
                }
                for (long f0 = 0; f0 < full; f0 += BLOCK)
                    pixel_block(xi, inH, inW, c, kH, kW, ih0, iw0, w, f, f0, bias, relu, yo);
                if (full == f) continue;
                // The filters past the last full block, one by one.
                for (long j = full; j < f; j++) yo[j] = bias[j];
                for (long kh = 0; kh < kH; kh++) {
                    long ih = ih0 + kh;
                    if (ih < 0 || ih >= inH) continue;
                    for (long kw = 0; kw < kW; kw++) {
                        long iw = iw0 + kw;
                        if (iw < 0 || iw >= inW) continue;
                        const float *xp = xi + (ih * inW + iw) * c;
                        const float *wp = w + (kh * kW + kw) * c * f;
                        for (long ch = 0; ch < c; ch++)
                            for (long j = full; j < f; j++) yo[j] += xp[ch] * wp[ch * f + j];
                    }
                }
                if (relu) for (long j = full; j < f; j++) yo[j] = yo[j] < 0 ? 0 : yo[j];
            }
        }
    }
}

CLONES void ck_conv_direct_backward(const float *restrict x, const float *restrict dz, long n, long inH, long inW,
                                    long c, long kH, long kW, long sH, long sW, long padTop, long padLeft,
                                    long outH, long outW, const float *restrict w, long f,
                                    float *restrict dw, float *restrict db, float *restrict dx) {
    memset(dw, 0, sizeof(float) * (size_t)(kH * kW * c * f));
    memset(db, 0, sizeof(float) * (size_t)f);
    if (dx) memset(dx, 0, sizeof(float) * (size_t)(n * inH * inW * c));
    for (long img = 0; img < n; img++) {
        const float *xi = x + img * inH * inW * c;
        float *dxi = dx ? dx + img * inH * inW * c : 0;
        for (long oh = 0; oh < outH; oh++) {
            for (long ow = 0; ow < outW; ow++) {
                const float *d = dz + ((img * outH + oh) * outW + ow) * f;
                for (long j = 0; j < f; j++) db[j] += d[j];
                for (long kh = 0; kh < kH; kh++) {
                    long ih = oh * sH + kh - padTop;
                    if (ih < 0 || ih >= inH) continue;
                    for (long kw = 0; kw < kW; kw++) {
                        long iw = ow * sW + kw - padLeft;
                        if (iw < 0 || iw >= inW) continue;
                        const float *xp = xi + (ih * inW + iw) * c;
                        float *dwp = dw + (kh * kW + kw) * c * f;
                        for (long ch = 0; ch < c; ch++) {
                            float xv = xp[ch];
                            float *dwr = dwp + ch * f;
                            for (long j = 0; j < f; j++) dwr[j] += xv * d[j];
                        }
                        if (dxi) {
                            const float *wp = w + (kh * kW + kw) * c * f;
                            float *dxp = dxi + (ih * inW + iw) * c;
                            for (long ch = 0; ch < c; ch++) {
                                const float *wr = wp + ch * f;
                                float s = 0;
                                for (long j = 0; j < f; j++) s += d[j] * wr[j];
                                dxp[ch] += s;
                            }
                        }
                    }
                }
            }
        }
    }
}

#pragma clang attribute pop
