import Foundation

/// `math`, with CPython's errors (`math domain error`).
extension Interpreter {
    func makeMathModule() -> ModuleValue {
        let m = ModuleValue(name: "math", members: [
            "pi": .float(Double.pi), "e": .float(M_E), "tau": .float(2 * Double.pi),
            "inf": .float(Double.infinity), "nan": .float(Double.nan),
        ])
        func unary(_ name: String, domain: ((Double) -> Bool)? = nil, _ f: @escaping (Double) -> Double) {
            m.addFunction(name) { [unowned self] a in
                let v = try a.bind(["x"])["x"] ?? .none
                guard let x = self.toDouble(v) else { throw ScriptError.typeError("must be real number, not \(v.typeName)") }
                if let ok = domain, !ok(x) { throw ScriptError.valueError("math domain error") }
                let r = f(x)
                if r.isInfinite && x.isFinite { throw ScriptError.overflow("math range error") }
                return .float(r)
            }
        }
        unary("sqrt", domain: { $0 >= 0 || $0.isNaN }) { $0.squareRoot() }
        unary("exp") { Foundation.exp($0) }
        unary("sin") { Foundation.sin($0) }
        unary("cos") { Foundation.cos($0) }
        unary("tan") { Foundation.tan($0) }
        unary("asin", domain: { abs($0) <= 1 }) { Foundation.asin($0) }
        unary("acos", domain: { abs($0) <= 1 }) { Foundation.acos($0) }
        unary("atan") { Foundation.atan($0) }
        unary("sinh") { Foundation.sinh($0) }
        unary("cosh") { Foundation.cosh($0) }
        unary("tanh") { Foundation.tanh($0) }
        unary("log2", domain: { $0 > 0 }) { Foundation.log2($0) }
        unary("log10", domain: { $0 > 0 }) { Foundation.log10($0) }
        unary("log1p", domain: { $0 > -1 }) { Foundation.log1p($0) }
        unary("expm1") { Foundation.expm1($0) }
        unary("fabs") { Swift.abs($0) }
        unary("degrees") { $0 * 180 / Double.pi }
        unary("radians") { $0 * Double.pi / 180 }
        unary("erf") { Foundation.erf($0) }
        unary("erfc") { Foundation.erfc($0) }
        unary("gamma", domain: { !($0 <= 0 && $0 == $0.rounded()) }) { Foundation.tgamma($0) }
        unary("lgamma", domain: { !($0 <= 0 && $0 == $0.rounded()) }) { Foundation.lgamma($0) }
        m.addFunction("log") { [unowned self] a in
            let k = try a.bind(["x", "base"], required: 1)
            guard let x = self.toDouble(k["x"] ?? .none) else { throw ScriptError.typeError("must be real number, not \((k["x"] ?? .none).typeName)") }
            if x <= 0 { throw ScriptError.valueError("math domain error") }
            guard let b = k["base"], !b.isNone else { return .float(Foundation.log(x)) }
            guard let base = self.toDouble(b), base > 0, base != 1 else { throw ScriptError.valueError("math domain error") }
            return .float(Foundation.log(x) / Foundation.log(base))
        }
        for (name, rule) in [("floor", FloatingPointRoundingRule.down), ("ceil", .up), ("trunc", .towardZero)] {
            m.addFunction(name) { [unowned self] a in
                let v = try a.bind(["x"])["x"] ?? .none
                if case .int = v { return v }
                if case .bool(let b) = v { return .int(b ? 1 : 0) }
                guard let x = self.toDouble(v) else { throw ScriptError.typeError("must be real number, not \(v.typeName)") }
                return .int(try Interpreter.intFromDouble(x.rounded(rule)))
            }
        }
        m.addFunction("pow") { a in
            let k = try a.bind(["x", "y"])
            return .float(Foundation.pow(try k.double("x"), try k.double("y")))
        }
        m.addFunction("atan2") { a in
            let k = try a.bind(["y", "x"])
            return .float(Foundation.atan2(try k.double("y"), try k.double("x")))
        }
        m.addFunction("hypot") { [unowned self] a in
            .float(try a.positional.map { v -> Double in
                guard let d = self.toDouble(v) else { throw ScriptError.typeError("must be real number, not \(v.typeName)") }
                return d * d
            }.reduce(0, +).squareRoot())
        }
        m.addFunction("fsum") { [unowned self] a in
            .float(try self.materialize(a.positional.first ?? .none).map { self.toDouble($0) ?? 0 }.reduce(0, +))
        }
        m.addFunction("prod") { [unowned self] a in
            var acc: Value = .int(1)
            for x in try self.materialize(a.positional.first ?? .none) { acc = try self.binary(.multiply, acc, x) }
            return acc
        }
        m.addFunction("isclose") { a in
            let k = try a.bind(["a", "b"], keywordOnly: ["rel_tol", "abs_tol"])
            let x = try k.double("a"), y = try k.double("b")
            let rel = try k.double("rel_tol", default: 1e-9), abs = try k.double("abs_tol", default: 0)
            if x == y { return .bool(true) }
            if x.isInfinite || y.isInfinite { return .bool(false) }
            let d = Swift.abs(x - y)
            return .bool(d <= Swift.abs(rel * y) || d <= Swift.abs(rel * x) || d <= abs)
        }
        for (name, test) in [("isnan", { (d: Double) in d.isNaN }), ("isinf", { $0.isInfinite }), ("isfinite", { $0.isFinite })] {
            m.addFunction(name) { [unowned self] a in
                let v = try a.bind(["x"])["x"] ?? .none
                guard let d = self.toDouble(v) else { throw ScriptError.typeError("must be real number, not \(v.typeName)") }
                return .bool(test(d))
            }
        }
        m.addFunction("factorial") { [unowned self] a in
            let n = try self.toInt(try a.bind(["n"])["n"] ?? .none)
            if n < 0 { throw ScriptError.valueError("factorial() not defined for negative values") }
            var r: Value = .int(1)
            if n > 0 { for i in 1...n { r = try self.binary(.multiply, r, .int(i)); try self.tick(nil) } }
            return r
        }
        m.addFunction("gcd") { [unowned self] a in
            var g = 0
            for v in a.positional {
                var x = Swift.abs(try self.toInt(v)), y = g
                while y != 0 { (x, y) = (y, x % y) }
                g = x
            }
            return .int(g)
        }
        m.addFunction("comb") { [unowned self] a in
            let k0 = try a.bind(["n", "k"])
            let n = try self.toInt(k0["n"] ?? .none), k = try self.toInt(k0["k"] ?? .none)
            if n < 0 || k < 0 { throw ScriptError.valueError("n must be a non-negative integer") }
            if k > n { return .int(0) }
            var r: Value = .int(1)
            for i in 0..<min(k, n - k) {
                r = try self.binary(.floorDivide, try self.binary(.multiply, r, .int(n - i)), .int(i + 1))
            }
            return r
        }
        return m
    }
}
