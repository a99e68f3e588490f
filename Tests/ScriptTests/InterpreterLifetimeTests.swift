import Script
import XCTest

/// An interpreter is freed when its session ends: nothing it makes (modules, builtin classes,
/// lesson functions and classes) may hold it strongly, or every run, `check --jobs` lesson and
/// `serve` re-run would keep its whole state alive (found by FuzzScript's LeakSanitizer).
final class InterpreterLifetimeTests: XCTestCase {
    func assertFreed(_ source: String, file: StaticString = #filePath, line: UInt = #line) throws {
        weak var freed: Interpreter?
        func session() throws {
            let interpreter = Interpreter()
            freed = interpreter
            try interpreter.run(source: source)
        }
        try session()
        XCTAssertNil(freed, "the interpreter outlived its session after running:\n\(source)", file: file, line: line)
    }

    func testModulesAndBuiltinClassesDoNotKeepTheInterpreter() throws {
        try assertFreed("x = 1")
        try assertFreed("""
        from functools import reduce, partial, wraps, lru_cache
        @lru_cache(maxsize=None)
        def fib(n):
            return n if n < 2 else fib(n - 1) + fib(n - 2)
        print(fib(20), reduce(lambda a, b: a + b, [1, 2]), partial(max, 3)(4))
        """)
        try assertFreed("""
        import itertools, collections, math, random, json
        print(list(itertools.chain([1], [2])), collections.Counter('aab'), math.sqrt(4), json.dumps([1]))
        class C:
            def __init__(self): self.me = self
        try:
            raise ValueError('x')
        except ValueError as e:
            c = C()
        """)
    }
}
