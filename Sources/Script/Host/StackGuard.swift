import Foundation

/// How much of the current thread's stack is left, so deep recursion in lesson code stops with
/// CPython's RecursionError instead of overflowing the stack (a crash), whatever thread runs it.
enum StackGuard {
    /// Bytes kept free below the deepest lesson call (host code called from there needs room).
    static let reserve = 256 * 1024

    /// The lowest usable address of the current thread's stack, or nil if unknown.
    static func stackLimit() -> UInt? {
        #if os(Linux)
        // glibc's pthread_getattr_np is not in Swift's Glibc module (it needs _GNU_SOURCE).
        typealias GetAttr = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32
        guard let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pthread_getattr_np") else { return nil }
        let getattr = unsafeBitCast(sym, to: GetAttr.self)
        var attr = pthread_attr_t()
        guard getattr(pthread_self(), &attr) == 0 else { return nil }
        defer { pthread_attr_destroy(&attr) }
        var addr: UnsafeMutableRawPointer? = nil
        var size = 0
        guard pthread_attr_getstack(&attr, &addr, &size) == 0, let a = addr else { return nil }
        return UInt(bitPattern: a)
        #elseif canImport(Darwin)
        let top = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
        return top - UInt(pthread_get_stacksize_np(pthread_self()))
        #else
        return nil
        #endif
    }

    /// True when less than `reserve` bytes of stack are left.
    @inline(never)
    static func isNearLimit(_ limit: UInt?) -> Bool {
        guard let limit = limit else { return false }
        var marker = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        return here < limit &+ UInt(reserve)
    }
}
