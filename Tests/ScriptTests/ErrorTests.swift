import XCTest
@testable import Script

/// Each unsupported construct and Python runtime error gives a located error: kind, line and
/// column in the file (cells start at file line 11 here), and the message.
final class ErrorTests: XCTestCase {
    let cases: [(String, ScriptError.Kind, Int, Int, String, UInt)] = [
        ("X_train = 1\nprint(X_trian)", .nameError, 12, 7, "name 'X_trian' is not defined. Did you mean: 'X_train'?", #line),
        ("print(undefined_thing)", .nameError, 11, 7, "name 'undefined_thing' is not defined", #line),
        ("class A:\n    pass\nA(1)", .typeError, 13, 1, "A() takes no arguments", #line),
        ("f = lambda x: x\nf()", .typeError, 12, 1, "<lambda>() missing 1 required positional argument: 'x'", #line),
        ("async def f():\n    pass", .notSupported, 11, 1, "`async` is not supported in lessons", #line),
        ("def f(a):\n    return a\nf(1, 2)", .typeError, 13, 1, "f() takes 1 positional argument but 2 were given", #line),
        ("try:\n    x = 1\nexcept:\n    pass\nraise ValueError('bad')", ScriptError.Kind(rawValue: "ValueError"), 15, 1, "bad", #line),
        ("with a as b:\n    pass", .nameError, 11, 6, "name 'a' is not defined", #line),
        ("assert 1 == 2, 'no'", .assertionError, 11, 1, "no", #line),
        ("!ls data", .notSupported, 11, 1, "shell commands (`!ls data`) are not supported", #line),
        ("x = 1\nreturn x", .syntaxError, 12, 1, "'return' outside function", #line),
        ("import pandas", .moduleNotFoundError, 11, 1, "No module named 'pandas'; lessons can import: math, random", #line),
        ("from sklearn.model_selection import train_test_split", .moduleNotFoundError, 11, 1, "No module named 'sklearn'; lessons can import", #line),
        ("x = open('f.txt')", .notSupported, 11, 5, "`open` is not available: lessons cannot read or write files", #line),
        ("eval('1')", .notSupported, 11, 1, "`eval` is not available in lessons", #line),
        ("exec('1')", .notSupported, 11, 1, "`exec` is not available in lessons", #line),
        ("__import__('os')", .notSupported, 11, 1, "`__import__` is not available", #line),
        ("x = 1\ny = x.__globals__", .notSupported, 12, 5, "the attribute '__globals__' is not available in lessons", #line),
        ("def f(*a):\n    return a\nf(*3)", .typeError, 13, 1, "'int' object is not iterable", #line),
        ("def f():\n    return 1 / 0\nf()", .zeroDivisionError, 12, 12, "division by zero", #line),
        ("s = {1, 2}\ns[0]", .typeError, 12, 1, "'set' object is not subscriptable", #line),
        ("x = 1j", .notSupported, 11, 5, "complex numbers are not supported", #line),
        ("x = [1, 2]\nprint(x[5])", .indexError, 12, 7, "list index out of range", #line),
        ("d = {'a': 1}\nd['b']", .keyError, 12, 1, "'b'", #line),
        ("x = 1 / 0", .zeroDivisionError, 11, 5, "division by zero", #line),
        ("x = 5 // 0", .zeroDivisionError, 11, 5, "integer division or modulo by zero", #line),
        ("x = 1.0 / 0", .zeroDivisionError, 11, 5, "float division by zero", #line),
        ("x = 'a' + 1", .typeError, 11, 5, "can only concatenate str (not \"int\") to str", #line),
        ("x = 1 + 'a'", .typeError, 11, 5, "unsupported operand type(s) for +: 'int' and 'str'", #line),
        ("x = (1).foo", .attributeError, 11, 5, "'int' object has no attribute 'foo'", #line),
        ("n = len(1, 2)", .typeError, 11, 5, "len() takes 1 positional argument but 2 were given", #line),
        ("n = len(5)", .typeError, 11, 5, "object of type 'int' has no len()", #line),
        ("x = 3(4)", .typeError, 11, 5, "'int' object is not callable", #line),
        ("a, b = [1, 2, 3]", .valueError, 11, 1, "too many values to unpack (expected 2)", #line),
        ("a, b, c = (1, 2)", .valueError, 11, 1, "not enough values to unpack (expected 3, got 2)", #line),
        ("x = int('abc')", .valueError, 11, 5, "invalid literal for int() with base 10: 'abc'", #line),
        ("x = 2 ** 1000000", .overflowError, 11, 5, "integer too large for lessons (more than 131072 bits)", #line),
        ("x = (9223372036854775807 + 1) // 0", .zeroDivisionError, 11, 5, "integer division or modulo by zero", #line),
        ("x = " + String(repeating: "9", count: 4301), .valueError, 11, 5, "Exceeds the limit (4300 digits) for integer string conversion", #line),
        ("for i in range(10**12):\n    pass", .stepLimitExceeded, 11, 10, "this loop would run 1000000000000 iterations", #line),
        ("x = list(range(10**12))", .memoryError, 11, 5, "range with 1000000000000 elements is too large", #line),
        ("x = 'ab' * 10**12", .memoryError, 11, 5, "string would have 2000000000000 elements", #line),
        ("x = [0] * 10**12", .memoryError, 11, 5, "list would have 1000000000000 elements", #line),
        ("x = 1 +", .syntaxError, 11, 8, "invalid syntax", #line),
        ("if x\n    pass", .syntaxError, 11, 5, "expected ':'", #line),
        ("for i in range(3):\nprint(i)", .indentationError, 12, 1, "expected an indented block after 'for' statement on line 11", #line),
        ("  x = 1", .indentationError, 11, 3, "unexpected indent", #line),
        ("if 1:\n    x = 1\n  y = 2", .indentationError, 13, 3, "unindent does not match any outer indentation level", #line),
        ("x = 'abc", .syntaxError, 11, 5, "unterminated string literal (detected at line 11)", #line),
        ("x = '''abc\n", .syntaxError, 11, 5, "unterminated triple-quoted string literal", #line),
        ("x = (1, 2", .syntaxError, 11, 5, "'(' was never closed", #line),
        ("x = 1)", .syntaxError, 11, 6, "unmatched ')'", #line),
        ("x = $", .syntaxError, 11, 5, "invalid character '$' (U+0024)", #line),
        ("f(1) = 2", .syntaxError, 11, 1, "cannot assign to function call here", #line),
        ("print(f'{x!z}')", .syntaxError, 11, 12, "f-string: invalid conversion character", #line),
        ("print(f'{}')", .syntaxError, 11, 9, "f-string: valid expression required before '}'", #line),
        ("print(f'{1 +}')", .syntaxError, 11, 13, "invalid syntax", #line),
        ("y = 1\nprint(f'{y:.2z}')", .valueError, 12, 7, "Unknown format code 'z' for object of type 'int'", #line),
        ("else:\n    pass", .syntaxError, 11, 1, "'else' without a matching 'if'", #line),
        ("break", .syntaxError, 11, 1, "'break' outside loop", #line),
        ("print 'hello'", .syntaxError, 11, 1, "Missing parentheses in call to 'print'. Did you mean print(...)?", #line),
        ("print(1)\nif True:\n    continue", .syntaxError, 13, 5, "'continue' outside loop", #line),
        ("x = sum(range(10**12))", .stepLimitExceeded, 11, 5, "steps", #line),
        ("print(1, 2, foo=3)", .typeError, 11, 1, "print() got an unexpected keyword argument 'foo'", #line),
        ("x = 010", .syntaxError, 11, 5, "leading zeros in decimal integer literals are not permitted", #line),
        ("x = " + String(repeating: "(", count: 150) + "1" + String(repeating: ")", count: 150), .syntaxError, 11, -1, "too many nested parentheses", #line),
    ]

    func testLocatedErrors() {
        for (source, kind, line, column, message, tl) in cases {
            guard let e = scriptError(source, lineOffset: 10) else {
                XCTFail("no error for: \(source)", line: tl)
                continue
            }
            XCTAssertEqual(e.kind, kind, "\(source): \(e)", line: tl)
            XCTAssertEqual(e.location?.line, line, "\(source): \(e)", line: tl)
            if column > 0 { XCTAssertEqual(e.location?.column, column, "\(source): \(e)", line: tl) }
            XCTAssertTrue(e.message.contains(message), "\(source): got \(e.message)", line: tl)
            XCTAssertEqual(e.location?.file, "t.md", line: tl)
        }
    }

    func testNotSupportedSaysWhatIsSupported() {
        let e = scriptError("async def f():\n    pass")
        XCTAssertTrue(e?.message.contains(ScriptError.supportedSubset) == true)
    }

    func testDescriptionWithCaret() {
        let e = scriptError("X_train = 1\nprint(X_trian)", lineOffset: 55)
        XCTAssertEqual(e?.description, """
        t.md:57:7: NameError: name 'X_trian' is not defined. Did you mean: 'X_train'?
            print(X_trian)
                  ^
        """)
    }

    func testColumnOffsetForIndentedCells() throws {
        do {
            _ = try Parser.parse(source: "x = $", origin: SourceOrigin(file: "a.md", lineOffset: 3, columnOffset: 4))
            XCTFail("expected error")
        } catch let e as ScriptError {
            XCTAssertEqual(e.location?.description, "a.md:4:9")
            XCTAssertTrue(e.description.hasSuffix("    x = $\n        ^"))
        }
    }

    func testStepLimit() {
        let e = scriptError("x = 0\nfor i in range(50):\n    x += 1\n    x += 1", limits: ExecutionLimits(maxSteps: 100))
        XCTAssertEqual(e?.kind, .stepLimitExceeded)
        XCTAssertNotNil(e?.location)
        let e2 = scriptError("l = [1]\nfor x in l:\n    l.append(x)", limits: ExecutionLimits(maxSteps: 1000))
        XCTAssertEqual(e2?.kind, .stepLimitExceeded)
    }

    func testAllocationCheck() {
        let i = Interpreter(limits: ExecutionLimits(maxAllocationBytes: 1 << 20))
        XCTAssertNoThrow(try i.checkAllocation(elements: 1000, bytesPerElement: 4))
        XCTAssertThrowsError(try i.checkAllocation(elements: 1 << 40, bytesPerElement: 4)) { e in
            XCTAssertEqual((e as? ScriptError)?.kind, .memoryError)
        }
        XCTAssertThrowsError(try i.checkAllocation(elements: Int.max, bytesPerElement: 8))
    }

    func testCancellation() {
        let out = CapturedOutput()
        let flag = CancellationFlag()
        let i = Interpreter(output: out, cancellation: flag)
        flag.cancel()
        XCTAssertThrowsError(try i.run(source: "for i in range(10):\n    pass")) { e in
            XCTAssertEqual((e as? ScriptError)?.kind, .keyboardInterrupt)
        }
    }

    func testUnsupportedModuleListsSupported() {
        let reg = ModuleRegistry()
        reg.register(ModuleValue(name: "numpy"))
        reg.register(ModuleValue(name: "tensorflow.keras"))
        let e = scriptError("import pandas as pd", importer: reg)
        XCTAssertEqual(e?.message, "No module named 'pandas'; lessons can import: numpy, tensorflow.keras, " + Interpreter.standardModuleNames.filter { !$0.hasPrefix("_") }.joined(separator: ", "))
    }
}
