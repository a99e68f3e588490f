// Direct convolution for layers with few inputs per output (kH·kW·C small, e.g. the first
// layer of an MNIST model: 3×3×1). There im2col + GEMM spends its time unfolding and packing
// a 9-deep product; here each output pixel's F filters are one vector loop, bias and ReLU
// fused into the pass that writes the output, and no unfolded copy is made at all.
// FMA contraction is allowed here (this file only): each CPU runs one clone, so results are
// deterministic for a given machine, seed and thread count.
#include "CKernels.h"
#include <string.h>

#pragma clang fp contract(fast)
#define CLONES __attribute__((target_clones("avx512f", "avx2,fma", "default")))

CLONES void ck_conv_direct_forward(const float *restrict x, long n, long inH, long inW, long c, long kH, long kW,
                                   long sH, long sW, long padTop, long padLeft, long outH, long outW,
                                   const float *restrict w, const float *restrict bias, long f, int relu,
                                   float *restrict y) {
    for (long img = 0; img < n; img++) {
        const float *xi = x + img * inH * inW * c;
        for (long oh = 0; oh < outH; oh++) {
            for (long ow = 0; ow < outW; ow++) {
                float *yo = y + ((img * outH + oh) * outW + ow) * f;
                for (long j = 0; j < f; j++) yo[j] = bias[j];
                for (long kh = 0; kh < kH; kh++) {
                    long ih = oh * sH + kh - padTop;
                    if (ih < 0 || ih >= inH) continue;
                    for (long kw = 0; kw < kW; kw++) {
                        long iw = ow * sW + kw - padLeft;
                        if (iw < 0 || iw >= inW) continue;
                        const float *xp = xi + (ih * inW + iw) * c;
                        const float *wp = w + (kh * kW + kw) * c * f;
                        for (long ch = 0; ch < c; ch++) {
                            float xv = xp[ch];
                            const float *wr = wp + ch * f;
                            for (long j = 0; j < f; j++) yo[j] += xv * wr[j];
                        }
                    }
                }
                // `v < 0 ? 0 : v` keeps a NaN a NaN, as TensorFlow's relu does.
                if (relu) for (long j = 0; j < f; j++) yo[j] = yo[j] < 0 ? 0 : yo[j];
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
