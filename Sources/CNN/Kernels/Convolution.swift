import CKernels

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
    ck_im2col(x, n, g.inH, g.inW, c, g.kH, g.kW, g.sH, g.sW, g.padTop, g.padLeft, g.outH, g.outW, col)
}

/// The adjoint of im2col: adds every patch gradient back onto the image gradient `dx` (zeroed here).
func col2im(_ col: UnsafePointer<Float>, n: Int, c: Int, g: Window2D, _ dx: UnsafeMutablePointer<Float>) {
    ck_col2im(col, n, g.inH, g.inW, c, g.kH, g.kW, g.sH, g.sW, g.padTop, g.padLeft, g.outH, g.outW, dx)
}
