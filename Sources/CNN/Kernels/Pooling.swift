/// Max pooling over NHWC; remembers the flat input index of each maximum for the backward pass.
/// Ties go to the first element in scan order (as TensorFlow does); padding never wins.
func maxPoolForward(_ x: UnsafePointer<Float>, n: Int, c: Int, g: Window2D,
                    _ y: UnsafeMutablePointer<Float>, _ argmax: UnsafeMutablePointer<Int32>) {
    var o = 0
    for img in 0..<n {
        let base = img * g.inH * g.inW * c
        for oh in 0..<g.outH {
            let h0 = Swift.max(oh * g.sH - g.padTop, 0), h1 = Swift.min(oh * g.sH - g.padTop + g.kH, g.inH)
            for ow in 0..<g.outW {
                let w0 = Swift.max(ow * g.sW - g.padLeft, 0), w1 = Swift.min(ow * g.sW - g.padLeft + g.kW, g.inW)
                // Channels innermost: contiguous loads, eight channels at a time.
                let yo = y + o, ao = argmax + o
                let first = base + (h0 * g.inW + w0) * c
                var ch = 0
                while ch + 8 <= c {
                    var best = load8(x + first + ch)
                    var at = SIMD8<Int32>(repeating: Int32(first + ch)) &+ SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7)
                    for ih in h0..<h1 {
                        for iw in w0..<w1 {
                            let i = base + (ih * g.inW + iw) * c + ch
                            let v = load8(x + i), better = v .> best
                            best.replace(with: v, where: better)
                            at.replace(with: SIMD8<Int32>(repeating: Int32(i)) &+ SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7), where: better)
                        }
                    }
                    store8(best, yo + ch)
                    UnsafeMutableRawPointer(ao + ch).storeBytes(of: at, as: SIMD8<Int32>.self)
                    ch += 8
                }
                for ch in ch..<c {
                    yo[ch] = x[first + ch]; ao[ch] = Int32(first + ch)
                    for ih in h0..<h1 {
                        for iw in w0..<w1 {
                            let i = base + (ih * g.inW + iw) * c
                            if x[i + ch] > yo[ch] { yo[ch] = x[i + ch]; ao[ch] = Int32(i + ch) }
                        }
                    }
                }
                o += c
            }
        }
    }
}
