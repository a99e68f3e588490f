// Max pooling fused with the bias and ReLU of the convolution before it, for windows that do
// not overlap (stride = pool size, valid padding: the usual 2×2). Compiled per vector width as
// elementwise.c is, with -ffp-contract=off (the same bits on every width).
#include "CKernels.h"

#define CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))

// One output pixel: the max of its window over the C channels as vectors, the first element in
// scan order winning ties (TensorFlow's choice; `v > best` also keeps a NaN from winning over
// a number after it), then bias and ReLU on the winner only. Inlined with constant kH and kW
// for the 2×2 case, so its four taps unroll.
static inline __attribute__((always_inline)) void pool_pixel(const float *restrict x, const float *restrict bias, int relu,
                                                             long inW, long c, long kH, long kW, long oh, long ow,
                                                             float *restrict yo, int *restrict ao) {
    long first = (oh * kH * inW + ow * kW) * c;
    for (long ch = 0; ch < c; ch++) { yo[ch] = x[first + ch]; ao[ch] = (int)(first + ch); }
    for (long kh = 0; kh < kH; kh++) {
        for (long kw = kh == 0 ? 1 : 0; kw < kW; kw++) {
            long i = ((oh * kH + kh) * inW + ow * kW + kw) * c;
            const float *restrict xr = x + i;
            for (long ch = 0; ch < c; ch++) {
                int better = xr[ch] > yo[ch];
                yo[ch] = better ? xr[ch] : yo[ch];
                ao[ch] = better ? (int)(i + ch) : ao[ch];
            }
        }
    }
    // max(x) + b equals max(x + b) (rounding is monotonic), and ReLU commutes with max: the
    // bias and activation touch one element of each window instead of all of them.
    // `s < 0 ? 0 : s` keeps a NaN a NaN, as ck_bias_act does.
    if (relu) {
        for (long ch = 0; ch < c; ch++) { float s = yo[ch] + bias[ch]; yo[ch] = s < 0 ? 0 : s; }
    } else {
        for (long ch = 0; ch < c; ch++) yo[ch] += bias[ch];
    }
}

#pragma clang attribute push(__attribute__((min_vector_width(512))), apply_to = function)
CLONES void ck_maxpool_windows_bias_act(const float *restrict x, const float *restrict bias, int relu, long inW, long c,
                                        long kH, long kW, long outH, long outW, float *restrict y, int *restrict argmax) {
    for (long oh = 0; oh < outH; oh++) {
        for (long ow = 0; ow < outW; ow++) {
            long o = (oh * outW + ow) * c;
            // Constant channel counts for the usual layers: the channel loops unroll into whole vectors.
            if (kH == 2 && kW == 2 && c == 32) pool_pixel(x, bias, relu, inW, 32, 2, 2, oh, ow, y + o, argmax + o);
            else if (kH == 2 && kW == 2 && c == 64) pool_pixel(x, bias, relu, inW, 64, 2, 2, oh, ow, y + o, argmax + o);
            else if (kH == 2 && kW == 2) pool_pixel(x, bias, relu, inW, c, 2, 2, oh, ow, y + o, argmax + o);
            else pool_pixel(x, bias, relu, inW, c, kH, kW, oh, ow, y + o, argmax + o);
        }
    }
}
#pragma clang attribute pop
