/// Geometry of a 2-D window (convolution or pooling) over an NHWC image, Keras's rules.
struct Window2D: Equatable {
    var inH: Int, inW: Int, kH: Int, kW: Int, sH: Int, sW: Int
    var outH: Int, outW: Int, padTop: Int, padLeft: Int

    init(inH: Int, inW: Int, kH: Int, kW: Int, sH: Int, sW: Int, same: Bool) {
        self.inH = inH; self.inW = inW; self.kH = kH; self.kW = kW; self.sH = sH; self.sW = sW
        if same {
            // TensorFlow's SAME: output = ceil(in / stride); the extra padding goes after.
            outH = (inH + sH - 1) / sH; outW = (inW + sW - 1) / sW
            padTop = Swift.max((outH - 1) * sH + kH - inH, 0) / 2
            padLeft = Swift.max((outW - 1) * sW + kW - inW, 0) / 2
        } else {
            outH = inH >= kH ? (inH - kH) / sH + 1 : 0
            outW = inW >= kW ? (inW - kW) / sW + 1 : 0
            padTop = 0; padLeft = 0
        }
    }
}

/// Unfolds `n` images (H×W×C) into rows of patches: row (img, oh, ow), column (kh, kw, c).
/// Matches the Keras kernel layout (kH, kW, C, F), so conv = col · kernel as one GEMM.
func im2col(_ x: UnsafePointer<Float>, n: Int, c: Int, g: Window2D, _ col: UnsafeMutablePointer<Float>) {
    let rowLen = g.kH * g.kW * c
    var r = 0
    for img in 0..<n {
        let xi = x + img * g.inH * g.inW * c
        for oh in 0..<g.outH {
            for ow in 0..<g.outW {
                let dst = col + r * rowLen
                for kh in 0..<g.kH {
                    let ih = oh * g.sH + kh - g.padTop
                    for kw in 0..<g.kW {
                        let iw = ow * g.sW + kw - g.padLeft
                        let d = dst + (kh * g.kW + kw) * c
                        if ih >= 0 && ih < g.inH && iw >= 0 && iw < g.inW {
                            // One channel (the first layer): a plain store beats a memmove call.
                            if c == 1 { d[0] = xi[ih * g.inW + iw] } else { d.update(from: xi + (ih * g.inW + iw) * c, count: c) }
                        } else {
                            d.update(repeating: 0, count: c)
                        }
                    }
                }
                r += 1
            }
        }
    }
}

/// The adjoint of im2col: adds every patch gradient back onto the image gradient `dx` (zeroed here).
func col2im(_ col: UnsafePointer<Float>, n: Int, c: Int, g: Window2D, _ dx: UnsafeMutablePointer<Float>) {
    dx.update(repeating: 0, count: n * g.inH * g.inW * c)
    let rowLen = g.kH * g.kW * c
    var r = 0
    for img in 0..<n {
        let xi = dx + img * g.inH * g.inW * c
        for oh in 0..<g.outH {
            for ow in 0..<g.outW {
                let src = col + r * rowLen
                for kh in 0..<g.kH {
                    let ih = oh * g.sH + kh - g.padTop
                    guard ih >= 0 && ih < g.inH else { continue }
                    for kw in 0..<g.kW {
                        let iw = ow * g.sW + kw - g.padLeft
                        guard iw >= 0 && iw < g.inW else { continue }
                        let d = xi + (ih * g.inW + iw) * c, s = src + (kh * g.kW + kw) * c
                        for ch in 0..<c { d[ch] += s[ch] }
                    }
                }
                r += 1
            }
        }
    }
}
