import CKernels

/// Eight-lane helpers: explicit SIMD where the compiler would not vectorise on its own
/// (it cannot prove the pointers do not alias).
typealias F8 = SIMD8<Float>

@inline(__always) func load8(_ p: UnsafePointer<Float>) -> F8 { UnsafeRawPointer(p).loadUnaligned(as: F8.self) }
@inline(__always) func store8(_ v: F8, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: F8.self) }

/// x = max(x, 0)
func reluForward(_ x: UnsafeMutablePointer<Float>, _ n: Int) {
    var i = 0
    while i + 8 <= n { var v = load8(x + i); v.replace(with: 0, where: v .< 0); store8(v, x + i); i += 8 }
    while i < n { x[i] = Swift.max(x[i], 0); i += 1 }
}

/// d = y > 0 ? d : 0
func reluBackward(_ y: UnsafePointer<Float>, _ d: UnsafeMutablePointer<Float>, _ n: Int) {
    var i = 0
    while i + 8 <= n {
        var v = load8(d + i)
        v.replace(with: 0, where: load8(y + i) .<= 0)
        store8(v, d + i); i += 8
    }
    while i < n { if y[i] <= 0 { d[i] = 0 }; i += 1 }
}

/// d = y > 0 ? dy : 0 (the copy of dy and the mask in one pass, at the CPU's vector width)
func reluBackward(_ y: UnsafePointer<Float>, from dy: UnsafePointer<Float>, into d: UnsafeMutablePointer<Float>, _ n: Int) {
    ck_relu_backward(y, dy, d, n)
}
