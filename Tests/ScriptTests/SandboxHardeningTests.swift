import XCTest
@testable import Script

/// What an untrusted lesson cannot reach from the language itself: no files, no network, no
/// process, no way back to the host through Python's introspection. (The hosts' modules are
/// the only way out; SECURITY.md lists what they allow.)
final class SandboxHardeningTests: XCTestCase {
    /// A registry holding only what lessons import, as the session's does.
    func lessonModules() -> ModuleRegistry {
        let registry = ModuleRegistry()
        for name in ["numpy", "tensorflow", "tensorflow.keras", "keras", "matplotlib.pyplot"] { registry.register(ModuleValue(name: name)) }
        return registry
    }

    func testModulesForFilesNetworkAndProcessesAreNotThere() {
        for module in ["io", "socket", "ssl", "subprocess", "shutil", "urllib.request", "http.client",
                       "requests", "ftplib", "ctypes", "pickle", "importlib", "builtins", "multiprocessing", "threading", "signal"] {
            for source in ["import \(module)", "from \(module) import x", "import \(module) as m"] {
                let error = scriptError(source, importer: lessonModules())
                XCTAssertNotNil(error, "\(source) ran")
                XCTAssertTrue([.moduleNotFoundError, .importError, .notSupported].contains(error?.kind), "\(source): \(String(describing: error))")
            }
        }
        // `pathlib` is pure path arithmetic; its filesystem methods are refused (PathlibTests).
        // `os` holds only pure path functions.
        for name in ["system", "listdir", "remove", "popen", "open", "walk", "makedirs", "chdir", "getenv", "execv"] {
            XCTAssertEqual(scriptError("import os\nos.\(name)")?.kind, .attributeError, name)
        }
        // `sys` is there for `print(..., file=sys.stderr)` and the version, and holds nothing else.
        XCTAssertEqual(try runScript("import sys\nprint('x', file=sys.stderr)"), "")
        for name in ["exit", "modules", "path", "argv", "stdin", "settrace", "executable"] {
            XCTAssertEqual(scriptError("import sys\nsys.\(name)")?.kind, .attributeError, name)
        }
    }

    func testBuiltinsThatReachOutsideAreRefused() {
        for call in ["open('/etc/passwd')", "open('x.txt', 'w')", "exec('1')", "eval('1')", "compile('1', 'f', 'exec')",
                     "__import__('os')", "input()", "globals()", "locals()", "vars()", "getattr(len, '__globals__')", "setattr(len, '__code__', 2)",
                     "breakpoint()", "exit()", "quit()", "help()", "dir()", "memoryview(b'')", "bytearray(3)"] {
            let error = scriptError("x = " + call)
            XCTAssertNotNil(error, "\(call) ran")
            XCTAssertTrue([.notSupported, .nameError].contains(error?.kind), "\(call): \(String(describing: error))")
        }
        // Rebinding a refused name does not bring it back.
        XCTAssertEqual(scriptError("o = open\no('/etc/passwd')")?.kind, .notSupported)
    }

    /// The classic escape from a Python sandbox goes through dunder attributes.
    func testIntrospectionEscapesAreRefused() {
        for source in ["().__class__.__bases__[0].__subclasses__()", "print.__self__", "len.__globals__", "(1).__class__.__bases__",
                       "[].__class__.__mro__", "x = 'a'\nx.__dict__", "from numpy import __builtins__", "from keras import __loader__"] {
            let error = scriptError(source, importer: lessonModules())
            XCTAssertNotNil(error, "\(source) ran")
            XCTAssertTrue([.notSupported, .attributeError, .syntaxError, .importError].contains(error?.kind), "\(source): \(String(describing: error))")
        }
    }
}

/// Hostile shapes of code: nesting and chains long enough to overflow the stack are refused
/// with a located SyntaxError, as CPython refuses them with RecursionError.
final class NestingHardeningTests: XCTestCase {
    func testLongChainsAreRefusedNotOverflowed() {
        for source in ["x = 1" + String(repeating: "+1", count: 50_000), "x = y" + String(repeating: ".a", count: 50_000),
                       "x = f" + String(repeating: "()", count: 50_000), "x = l" + String(repeating: "[0]", count: 50_000),
                       "x = a" + String(repeating: " or a", count: 50_000), "x = a" + String(repeating: " and a", count: 50_000),
                       "x = " + String(repeating: "-", count: 50_000) + "1", "x = " + String(repeating: "(", count: 50_000) + "1" + String(repeating: ")", count: 50_000),
                       "x = " + String(repeating: "not ", count: 50_000) + "1", "x = 2" + String(repeating: "**2", count: 50_000)] {
            let error = scriptError(source)
            XCTAssertEqual(error?.kind, .syntaxError, String(source.prefix(12)))
            XCTAssertTrue(error?.message.hasPrefix("too many nested parentheses or operators") ?? false, "\(String(describing: error))")
            XCTAssertEqual(error?.location?.line, 1)
        }
    }

    func testOrdinaryChainsStillRun() throws {
        XCTAssertEqual(try runScript("print(1" + String(repeating: " + 1", count: 60) + ")"), "61\n")
        XCTAssertEqual(try runScript("d = {'a': {'b': [[1, 2], [3, 4]]}}\nprint(d['a']['b'][1][0], 'x'.upper().lower().strip())"), "3 x\n")
    }
}
