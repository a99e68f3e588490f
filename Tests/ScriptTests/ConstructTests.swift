import XCTest
@testable import Script

/// Each construct of the subset: source → printed output.
final class ConstructTests: XCTestCase {
    let cases: [(String, String, UInt)] = [
        // Literals and printing
        ("print(1, 2.5, 'a', True, None)", "1 2.5 a True None\n", #line),
        ("print(0.1 + 0.2)", "0.30000000000000004\n", #line),
        ("print(1e-5, 1e-3, 100.0, 1e16, 1e15, 2.5e-10)", "1e-05 0.001 100.0 1e+16 1000000000000000.0 2.5e-10\n", #line),
        ("print(float('inf'), -float('inf'), float('nan'))", "inf -inf nan\n", #line),
        ("print(0.9883999824523926)", "0.9883999824523926\n", #line),
        ("print(repr('a'), repr(\"it's\"), repr('a\\nb'))", "'a' \"it's\" 'a\\nb'\n", #line),
        ("print([1, 'a', 2.0], (60000,), (60000, 28, 28), ())", "[1, 'a', 2.0] (60000,) (60000, 28, 28) ()\n", #line),
        ("print({'a': 1, 'b': [2]})", "{'a': 1, 'b': [2]}\n", #line),
        ("print(1_000, 0x1f, 0b101, 0o17, 10**12)", "1000 31 5 15 1000000000000\n", #line),
        ("print('''a\nb''', \"x\\ty\")", "a\nb x\ty\n", #line),
        ("print('a' 'b' \"c\")", "abc\n", #line),
        ("print(r'\\n')", "\\n\n", #line),
        // Arithmetic and precedence
        ("print(1 + 2 * 3, (1 + 2) * 3, 2 ** 3 ** 2, -2 ** 2)", "7 9 512 -4\n", #line),
        ("print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 / 2, 2 ** -1)", "3 -4 1 2 3.5 0.5\n", #line),
        ("print(7.5 // 2, -7.5 % 2, +3, -(-3))", "3.0 0.5 3 3\n", #line),
        ("print(1 < 2 < 3, 1 < 2 > 5, 3 in [1, 3], 4 not in (1,), None is None, 1 is not None)", "True False True True True True\n", #line),
        ("print(1 and 2, 0 or 'x', not 0, not [1])", "2 x True False\n", #line),
        ("print('y' if 1 > 2 else 'n')", "n\n", #line),
        ("print(1 == 1.0, [1, 2] == [1, 2], (1, 2) < (1, 3), 'a' < 'b')", "True True True True\n", #line),
        ("print(True + 1, 3 * 'ab', [0] * 3)", "2 ababab [0, 0, 0]\n", #line),
        ("print('%.2f and %d and %s' % (3.14159, 7, 'x'))", "3.14 and 7 and x\n", #line),
        // Assignment
        ("a = b = 3\nprint(a, b)", "3 3\n", #line),
        ("(a, b), (c, d) = (1, 2), [3, 4]\nprint(a, b, c, d)", "1 2 3 4\n", #line),
        ("a, b = 1, 2\na, b = b, a\nprint(a, b)", "2 1\n", #line),
        ("[x, y] = 'ab'\nprint(x, y)", "a b\n", #line),
        ("x = 1\nx += 2\nx *= 10\nx -= 1\nx //= 2\nprint(x)", "14\n", #line),
        ("l = [1, 2, 3]\nl[0] = 9\nl[-1] += 1\nprint(l)", "[9, 2, 4]\n", #line),
        ("d = {}\nd['k'] = 1\nd['k'] += 1\nprint(d)", "{'k': 2}\n", #line),
        ("l = [1]\nm = l\nm += [2]\nprint(l)", "[1, 2]\n", #line),
        // Subscripts and slices
        ("a = [0, 1, 2, 3, 4]\nprint(a[-1], a[:2], a[1:4:2], a[::-1], a[3:], a[:])", "4 [0, 1] [1, 3] [4, 3, 2, 1, 0] [3, 4] [0, 1, 2, 3, 4]\n", #line),
        ("s = 'hello'\nprint(s[1], s[-2:], s[::2])", "e lo hlo\n", #line),
        ("print((1, 2, 3)[1:], range(10)[2], range(10)[::3])", "(2, 3) 2 range(0, 12, 3)\n", #line),
        // Control flow
        ("for i in range(3):\n    print(i)", "0\n1\n2\n", #line),
        ("for i in range(10, 0, -3): print(i, end=' ')", "10 7 4 1 ", #line),
        ("for i, x in enumerate(['a', 'b'], start=1):\n    print(i, x)", "1 a\n2 b\n", #line),
        ("for a, b in zip([1, 2, 3], 'xy'):\n    print(a, b)", "1 x\n2 y\n", #line),
        ("d = {'a': 1, 'b': 2}\nfor k in d:\n    print(k, d[k])\nfor k, v in d.items():\n    print(k, v)", "a 1\nb 2\na 1\nb 2\n", #line),
        ("for i in range(10):\n    if i == 1:\n        continue\n    elif i > 3:\n        break\n    else:\n        pass\n    print(i)", "0\n2\n3\n", #line),
        ("for i in []:\n    pass\nelse:\n    print('done')", "done\n", #line),
        ("x = 5\nif x > 3: print('big')\nelse: print('small')", "big\n", #line),
        ("if 0:\n    print(1)\nelif 0:\n    print(2)\nelse:\n    print(3)", "3\n", #line),
        ("for i in range(2):\n\tfor j in range(2):\n\t\tprint(i, j)", "0 0\n0 1\n1 0\n1 1\n", #line),
        // Comprehensions
        ("print([x * x for x in range(4)])", "[0, 1, 4, 9]\n", #line),
        ("print([(a, b) for a in range(2) for b in 'xy' if b != 'x'])", "[(0, 'y'), (1, 'y')]\n", #line),
        ("print(sum(x for x in range(5)))", "10\n", #line),
        // Line joining and comments
        ("x = (1 +\n     2)  # comment\nprint(x)", "3\n", #line),
        ("x = 1 + \\\n    2\nprint(x)", "3\n", #line),
        ("model = dict(\n    a=1,\n\n    b=2,\n)\nprint(model)", "{'a': 1, 'b': 2}\n", #line),
        ("# only a comment\n\n", "", #line),
        ("x = 1; y = 2; print(x + y)", "3\n", #line),
        ("%matplotlib inline\nprint(1)", "1\n", #line),
        // f-strings
        ("acc = 0.98765\nprint(f\"{acc:.4f}\")", "0.9877\n", #line),
        ("n = 1234567\nprint(f'{n:,} {n:_} {n:>10}|{n:<9}|{n:^9}|')", "1,234,567 1_234_567    1234567|1234567  | 1234567 |\n", #line),
        ("s = 'hi'\nprint(f'{s!r} {s:>5} {s=}')", "'hi'    hi s='hi'\n", #line),
        ("x = 0.5\nprint(f'{x:.1%} {x:e} {x:08.3f} {x:+.2f} {{}}')", "50.0% 5.000000e-01 0000.500 +0.50 {}\n", #line),
        ("w = 6\nprint(f'{3.14159:{w}.2f}|{[1, 2]}|{ {\"a\": 1}[\"a\"] }')", "  3.14|[1, 2]|1\n", #line),
        ("print(f'{42:05d} {255:x} {255:#X} {7:b}')", "00042 ff 0XFF 111\n", #line),
        // Builtins
        ("print(len([1, 2]), len('abc'), len({'a': 1}), len(range(5)))", "2 3 1 5\n", #line),
        ("print(round(2.5), round(3.5), round(-0.5), round(2.675, 2), round(1234, -2), round(0.125, 2))", "2 4 0 2.67 1200 0.12\n", #line),
        ("print(min(3, 1, 2), max([1, 5, 2]), sum([1, 2, 3]), sum([0.1] * 3), abs(-3), abs(-2.5))", "1 5 6 0.30000000000000004 3 2.5\n", #line),
        ("print(int('42'), int(3.9), int(-3.9), float('1e-3'), str(12), bool([]), bool('x'))", "42 3 -3 0.001 12 False True\n", #line),
        ("print(list(range(3)), tuple([1, 2]), dict(a=1), sorted([3, 1, 2]), sorted('cab', reverse=True))", "[0, 1, 2] (1, 2) {'a': 1} [1, 2, 3] ['c', 'b', 'a']\n", #line),
        ("print(list(zip([1, 2], [3, 4])), list(enumerate('ab')))", "[(1, 3), (2, 4)] [(0, 'a'), (1, 'b')]\n", #line),
        ("print(1, 2, sep='-', end='!\\n')", "1-2!\n", #line),
        ("print(type(1), type('a'), type([]))", "<class 'int'> <class 'str'> <class 'list'>\n", #line),
        ("print(range(5), range(1, 5, 2))", "range(0, 5) range(1, 5, 2)\n", #line),
        // str methods
        ("print('Ab'.upper(), 'Ab'.lower(), '-'.join(['a', 'b']), 'a b  c'.split(), 'a,b'.split(','))", "AB ab a-b ['a', 'b', 'c'] ['a', 'b']\n", #line),
        ("print('  x  '.strip() + '|', 'aXa'.replace('a', 'b'), 'abc'.startswith('ab'), 'abc'.endswith(('x', 'c')))", "x| bXb True True\n", #line),
        ("print('{} and {:.2f} and {name}'.format(1, 2.0, name='n'), '{0}{0}'.format('x'))", "1 and 2.00 and n xx\n", #line),
        // list and dict methods
        ("l = []\nl.append(1)\nl.extend([2, 3])\nprint(l, l.pop(), l, l.index(2))", "[1, 2] 3 [1, 2] 1\n", #line),
        ("d = {'a': 1}\nprint(d.get('a'), d.get('z'), d.get('z', 0), list(d.keys()), list(d.values()), list(d.items()))", "1 None 0 ['a'] [1] [('a', 1)]\n", #line),
        ("h = {'loss': [0.5], 'accuracy': [0.9]}\nprint(h.keys())", "dict_keys(['loss', 'accuracy'])\n", #line),
        // Display value (Jupyter)
        ("1 + 1", "Out: 2\n", #line),
        ("x = [1]\nx", "Out: [1]\n", #line),
        ("'a'", "Out: 'a'\n", #line),
        ("1 + 1;", "", #line),
        ("None", "", #line),
        ("print('x')", "x\n", #line),
    ]

    func testConstructs() throws {
        for (source, expected, line) in cases {
            do {
                let got = try runScript(source)
                XCTAssertEqual(got, expected, "source: \(source)", line: line)
            } catch {
                XCTFail("source: \(source) threw \(error)", line: line)
            }
        }
    }

    func testGlobalsPersistAcrossCells() throws {
        let out = CapturedOutput()
        let i = Interpreter(output: out)
        try i.run(source: "x = 41")
        try i.run(source: "x += 1\nprint(x)")
        XCTAssertEqual(out.stdout, "42\n")
    }

    func testFloatRepr() {
        let table: [(Double, String)] = [
            (0.1, "0.1"), (1.0, "1.0"), (100.0, "100.0"), (1e-5, "1e-05"), (0.0001, "0.0001"), (1e16, "1e+16"),
            (1e15, "1000000000000000.0"), (123456789.123, "123456789.123"), (-0.0, "-0.0"), (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"), (Double(Float(0.9884)), "0.9883999824523926"),
            (0.30000000000000004, "0.30000000000000004"), (1.5e-7, "1.5e-07"), (12345678901234567890.0, "1.2345678901234567e+19"),
        ]
        for (d, s) in table { XCTAssertEqual(PythonFormat.floatRepr(d), s) }
    }

    func testFormatSpecs() throws {
        XCTAssertEqual(try PythonFormat.format(.float(1234.5678), spec: ",.2f"), "1,234.57")
        XCTAssertEqual(try PythonFormat.format(.str("ab"), spec: "*^6"), "**ab**")
        XCTAssertEqual(try PythonFormat.format(.int(-42), spec: "=+8"), "-     42")
        XCTAssertEqual(try PythonFormat.format(.float(0.000123), spec: "g"), "0.000123")
        XCTAssertEqual(try PythonFormat.format(.float(2.0), spec: ".3"), "2.0")
        XCTAssertThrowsError(try PythonFormat.format(.str("x"), spec: "d"))
        XCTAssertThrowsError(try PythonFormat.format(.none, spec: ".2f"))
    }

    func testSetOverrideHelpers() throws {
        let src = "epochs = 5\nlr = -0.01\nname = 'adam'\nx = f(1)\nmodel.fit(X, y, epochs=3, batch_size=128)\nfor i in range(2):\n    g(epochs=1)"
        let p = try Parser.parse(source: src, origin: SourceOrigin(file: "l.md", lineOffset: 10))
        let assigns = p.topLevelLiteralAssignments()
        XCTAssertEqual(assigns.map { $0.name }, ["epochs", "lr", "name"])
        XCTAssertEqual(assigns[1].valueRange.text(in: src), "-0.01")
        XCTAssertEqual(assigns[0].valueRange.location.line, 11)
        let kws = p.keywordArguments(named: "epochs")
        XCTAssertEqual(kws.count, 2)
        XCTAssertEqual(kws[0].value.range.text(in: src), "3")
        XCTAssertEqual(kws[0].nameRange.location.line, 15)
        XCTAssertEqual(kws[0].nameRange.location.column, 17)
        let rewritten = kws[0].value.range.replacing(in: src, with: "1")
        XCTAssertTrue(rewritten.contains("epochs=1, batch_size=128"))
        XCTAssertTrue(try Parser.parseExpression("15").isLiteral)
        XCTAssertTrue(try Parser.parseExpression("'adam'").isLiteral)
        XCTAssertFalse(try Parser.parseExpression("f(1)").isLiteral)
    }
}
