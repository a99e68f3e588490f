// Element-wise loops, compiled three times (x86-64-v4: AVX-512; v3: AVX2+FMA; baseline) and chosen by the
// loader at start-up (ifunc). Built with -ffp-contract=off: no FMA contraction, so every
// version gives the same bits and results do not depend on the CPU's vector width.
#include "CKernels.h"

#define CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#pragma clang attribute push(__attribute__((min_vector_width(512))), apply_to = function)

CLONES void ck_adam(float *restrict w, const float *restrict g, float *restrict m, float *restrict v, long n,
                    float oneMinusBeta1, float oneMinusBeta2, float lr, float epsilon) {
    for (long i = 0; i < n; i++) {
        float gi = g[i];
        float mi = m[i] + (gi - m[i]) * oneMinusBeta1;
        float vi = v[i] + (gi * gi - v[i]) * oneMinusBeta2;
        m[i] = mi;
        v[i] = vi;
        w[i] = w[i] - lr * mi / (__builtin_sqrtf(vi) + epsilon);
    }
}

CLONES void ck_bias_act(float *restrict y, const float *restrict bias, long rows, long width, int relu) {
    for (long r = 0; r < rows; r++) {
        float *yr = y + r * width;
        if (relu) {
            // `s < 0 ? 0 : s` keeps a NaN a NaN, as TensorFlow's relu does (a NaN loss must show).
            for (long j = 0; j < width; j++) { float s = yr[j] + bias[j]; yr[j] = s < 0 ? 0 : s; }
        } else {
            for (long j = 0; j < width; j++) yr[j] += bias[j];
        }
    }
}

CLONES void ck_bias_grad(const float *restrict d, long rows, long width, float *restrict db) {
    for (long j = 0; j < width; j++) db[j] = 0;
    for (long r = 0; r < rows; r++) {
        const float *dr = d + r * width;
        for (long j = 0; j < width; j++) db[j] += dr[j];
    }
}

CLONES void ck_bias_grad_masked(const float *restrict d, const float *restrict mask, long rows, long width, float *restrict db) {
    for (long j = 0; j < width; j++) db[j] = 0;
    for (long r = 0; r < rows; r++) {
        const float *dr = d + r * width, *mr = mask + r * width;
        for (long j = 0; j < width; j++) db[j] += mr[j] > 0 ? dr[j] : 0;
    }
}

CLONES void ck_relu_backward(const float *restrict y, const float *restrict dy, float *restrict d, long n) {
    for (long i = 0; i < n; i++) d[i] = y[i] > 0 ? dy[i] : 0;
}

void ck_maxpool_backward(const float *restrict dy, long count, const int *restrict argmax, const float *restrict reluOut,
                         float *restrict dx, long inputCount) {
    for (long i = 0; i < inputCount; i++) dx[i] = 0;
    if (reluOut) {
        for (long o = 0; o < count; o++) { int a = argmax[o]; if (reluOut[a] > 0) dx[a] += dy[o]; }
    } else {
        for (long o = 0; o < count; o++) dx[argmax[o]] += dy[o];
    }
}

#pragma clang attribute pop

// Channels innermost: for each output pixel the window's rows of C channels are compared as
// vectors. Ties go to the first element in scan order (TensorFlow's choice), `v > best` also
// keeps a NaN from winning over a number after it, as before; padding never wins.
#pragma clang attribute push(__attribute__((min_vector_width(512))), apply_to = function)
CLONES void ck_maxpool_forward(const float *restrict x, long n, long inH, long inW, long c, long kH, long kW,
                               long sH, long sW, long padTop, long padLeft, long outH, long outW,
                               float *restrict y, int *restrict argmax) {
    long o = 0;
    for (long img = 0; img < n; img++) {
        long base = img * inH * inW * c;
        for (long oh = 0; oh < outH; oh++) {
            long h0 = oh * sH - padTop, h1 = h0 + kH;
            if (h0 < 0) h0 = 0;
            if (h1 > inH) h1 = inH;
            for (long ow = 0; ow < outW; ow++) {
                long w0 = ow * sW - padLeft, w1 = w0 + kW;
                if (w0 < 0) w0 = 0;
                if (w1 > inW) w1 = inW;
                float *yo = y + o;
                int *ao = argmax + o;
                long first = base + (h0 * inW + w0) * c;
                for (long ch = 0; ch < c; ch++) { yo[ch] = x[first + ch]; ao[ch] = (int)(first + ch); }
                for (long ih = h0; ih < h1; ih++) {
                    for (long iw = w0; iw < w1; iw++) {
                        long i = base + (ih * inW + iw) * c;
                        if (i == first) continue;
                        const float *xr = x + i;
                        for (long ch = 0; ch < c; ch++) {
                            int better = xr[ch] > yo[ch];
                            yo[ch] = better ? xr[ch] : yo[ch];
                            ao[ch] = better ? (int)(i + ch) : ao[ch];
                        }
                    }
                }
                o += c;
            }
        }
    }
}
#pragma clang attribute pop

// im2col and its adjoint (Keras's kernel layout (kH, kW, C, F): row (img, oh, ow), column
// (kh, kw, c)). The C channels of one tap are one contiguous vector copy; padding is zeros.
#pragma clang attribute push(__attribute__((min_vector_width(512))), apply_to = function)
// no_builtin: the copies are a few to a hundred floats; a memcpy call for each (what clang
// makes of the loop otherwise) cost more than the copy (perf: memmove 7 % of an epoch).
__attribute__((no_builtin("memcpy"), no_builtin("memset")))
CLONES void ck_im2col(const float *restrict x, long n, long inH, long inW, long c, long kH, long kW, long sH, long sW,
                      long padTop, long padLeft, long outH, long outW, float *restrict col) {
    long rowLen = kH * kW * c, seg = kW * c;
    for (long img = 0; img < n; img++) {
        const float *xi = x + img * inH * inW * c;
        for (long oh = 0; oh < outH; oh++) {
            for (long ow = 0; ow < outW; ow++) {
                float *dst = col + ((img * outH + oh) * outW + ow) * rowLen;
                long iw0 = ow * sW - padLeft;
                for (long kh = 0; kh < kH; kh++) {
                    long ih = oh * sH + kh - padTop;
                    if (ih >= 0 && ih < inH && iw0 >= 0 && iw0 + kW <= inW) {
                        // The whole row of the window is inside: kW·C contiguous floats.
                        const float *s = xi + (ih * inW + iw0) * c;
                        float *d = dst + kh * seg;
                        for (long j = 0; j < seg; j++) d[j] = s[j];
                        continue;
                    }
                    for (long kw = 0; kw < kW; kw++) {
                        long iw = ow * sW + kw - padLeft;
                        float *d = dst + (kh * kW + kw) * c;
                        if (ih >= 0 && ih < inH && iw >= 0 && iw < inW) {
                            const float *s = xi + (ih * inW + iw) * c;
                            for (long ch = 0; ch < c; ch++) d[ch] = s[ch];
                        } else {
                            for (long ch = 0; ch < c; ch++) d[ch] = 0;
                        }
                    }
                }
            }
        }
    }
}

CLONES void ck_col2im(const float *restrict col, long n, long inH, long inW, long c, long kH, long kW, long sH, long sW,
                      long padTop, long padLeft, long outH, long outW, float *restrict dx) {
    long rowLen = kH * kW * c;
    for (long i = 0; i < n * inH * inW * c; i++) dx[i] = 0;
    for (long img = 0; img < n; img++) {
        float *xi = dx + img * inH * inW * c;
        for (long oh = 0; oh < outH; oh++) {
            for (long ow = 0; ow < outW; ow++) {
                const float *src = col + ((img * outH + oh) * outW + ow) * rowLen;
                for (long kh = 0; kh < kH; kh++) {
                    long ih = oh * sH + kh - padTop;
                    if (ih < 0 || ih >= inH) continue;
                    for (long kw = 0; kw < kW; kw++) {
                        long iw = ow * sW + kw - padLeft;
                        if (iw < 0 || iw >= inW) continue;
                        float *d = xi + (ih * inW + iw) * c;
                        const float *s = src + (kh * kW + kw) * c;
                        for (long ch = 0; ch < c; ch++) d[ch] += s[ch];
                    }
                }
            }
        }
    }
}
#pragma clang attribute pop

#pragma clang attribute push(__attribute__((min_vector_width(512))), apply_to = function)
CLONES void ck_add_partials(float *restrict dst, const float *restrict partials, long parts, long stride, long n) {
    for (long p = 0; p < parts; p++) {
        const float *src = partials + p * stride;
        for (long i = 0; i < n; i++) dst[i] += src[i];
    }
}
#pragma clang attribute pop

// Non-overlapping windows (stride = pool, no padding), one image: every input position is
// written once, the winner its gradient and the others zero, channels as vectors; no memset
// and no scattered stores. `pooledOut` (may be NULL): the pooling's output, whose sign is the
// ReLU mask of the winner (max of ReLU outputs = the winner's ReLU output).
// The body, inlined with constant window and channel counts for the usual cases (2x2, 32 or
// 64 channels) so the channel loops unroll into whole vectors: with a run-time channel count
// the loop set-up per 2x2 window cost as much as the work.
static inline __attribute__((always_inline, no_builtin("memset"))) void
backward_windows(const float *restrict dy, const int *restrict argmax, const float *restrict pooledOut, float *restrict dx,
                 long inH, long inW, long c, long kH, long kW, long outH, long outW) {
    for (long ih = outH * kH; ih < inH; ih++)  // rows no window covers
        for (long j = 0; j < inW * c; j++) dx[ih * inW * c + j] = 0;
    for (long oh = 0; oh < outH; oh++) {
        for (long kh = 0; kh < kH; kh++) {
            long ih = oh * kH + kh;
            for (long iw = outW * kW; iw < inW; iw++)  // columns no window covers
                for (long ch = 0; ch < c; ch++) dx[(ih * inW + iw) * c + ch] = 0;
        }
        for (long ow = 0; ow < outW; ow++) {
            long o = (oh * outW + ow) * c;
            const float *d = dy + o;
            const int *a = argmax + o;
            for (long kh = 0; kh < kH; kh++) {
                for (long kw = 0; kw < kW; kw++) {
                    long i = ((oh * kH + kh) * inW + ow * kW + kw) * c;
                    float *dxp = dx + i;
                    if (pooledOut) {
                        const float *p = pooledOut + o;
                        for (long ch = 0; ch < c; ch++) dxp[ch] = (a[ch] == (int)(i + ch) && p[ch] > 0) ? d[ch] : 0;
                    } else {
                        for (long ch = 0; ch < c; ch++) dxp[ch] = a[ch] == (int)(i + ch) ? d[ch] : 0;
                    }
                }
            }
        }
    }
}

#pragma clang attribute push(__attribute__((min_vector_width(512))), apply_to = function)
__attribute__((no_builtin("memset")))
CLONES void ck_maxpool_backward_windows(const float *restrict dy, const int *restrict argmax, const float *restrict pooledOut,
                                        float *restrict dx, long inH, long inW, long c, long kH, long kW,
                                        long outH, long outW) {
    if (kH == 2 && kW == 2 && c == 32) backward_windows(dy, argmax, pooledOut, dx, inH, inW, 32, 2, 2, outH, outW);
    else if (kH == 2 && kW == 2 && c == 64) backward_windows(dy, argmax, pooledOut, dx, inH, inW, 64, 2, 2, outH, outW);
    else if (kH == 2 && kW == 2) backward_windows(dy, argmax, pooledOut, dx, inH, inW, c, 2, 2, outH, outW);
    else backward_windows(dy, argmax, pooledOut, dx, inH, inW, c, kH, kW, outH, outW);
}
#pragma clang attribute pop
