import CKernels

/// One convolution run by oneDNN (libdnnl, loaded on first use) on NHWC images and Keras's
/// (kH, kW, C, F) kernels, or nil when oneDNN is missing or `LESSON_NO_ONEDNN` is set (the
/// layer then keeps im2col + sgemm). oneDNN chooses its kernels by cpuid (`isa`).
final class OneDNNConvolution {
    private let handle: OpaquePointer

    init?(_ g: Window2D, channels: Int, filters: Int) {
        guard let h = ck_dnnl_conv_create(g.inH, g.inW, channels, g.kH, g.kW, g.sH, g.sW, g.padTop, g.padLeft,
                                          g.outH, g.outW, filters) else { return nil }
        handle = h
    }

    deinit { ck_dnnl_conv_destroy(handle) }

    /// The ISA oneDNN runs on this CPU (`avx512_core`, `avx2`, …), `none` without oneDNN.
    static var isa: String { String(cString: ck_dnnl_isa()) }

    /// Builds the primitives for a batch of `n` (kept for later calls); false when oneDNN cannot.
    func prepare(batch n: Int) -> Bool { implementation(batch: n, pass: 0) != "none" }

    /// What oneDNN chose for pass 0 (forward), 1 (backward-data) or 2 (backward-weights).
    func implementation(batch n: Int, pass: Int) -> String { String(cString: ck_dnnl_conv_impl(handle, n, Int32(pass))) }

    /// Puts the kernel `w` (Keras's layout) into the layout pass 0 (forward) or 1
    /// (backward-data) wants at batch `n`; before the pass runs, never while it does.
    func setKernel(_ w: UnsafePointer<Float>, batch n: Int, pass: Int) {
        check(ck_dnnl_conv_set_kernel(handle, n, Int32(pass), w), pass == 0 ? "kernel reorder" : "kernel reorder (backward)")
    }

    /// y = x ∗ w for `n` images (bias and activation are the caller's).
    func forward(n: Int, _ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        check(ck_dnnl_conv_forward(handle, n, x, w, y), "forward")
    }

    /// dx from dz, the gradient of the pre-activation output.
    func backwardData(n: Int, _ dz: UnsafePointer<Float>, _ w: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>) {
        check(ck_dnnl_conv_backward_data(handle, n, dz, w, dx), "backward-data")
    }

    /// dW (overwritten) from the input and dz.
    func backwardWeights(n: Int, _ x: UnsafePointer<Float>, _ dz: UnsafePointer<Float>, _ dW: UnsafeMutablePointer<Float>) {
        check(ck_dnnl_conv_backward_weights(handle, n, x, dz, dW), "backward-weights")
    }

    // The primitives were built by `prepare`; what is left to fail is its scratch allocation.
    private func check(_ rc: Int32, _ pass: String) {
        precondition(rc == 0, "oneDNN's convolution \(pass) failed (out of memory)")
    }
}
