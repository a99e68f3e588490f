import Foundation

extension Interpreter {
    /// `-v`, `+v`, `~v`.
    public func unary(_ op: UnaryOperator, _ v: Value) throws -> Value {
        if case .object(let o) = v {
            if let r = try o.unaryOp(op) { return r }
            throw ScriptError.typeError("bad operand type for unary \(op.rawValue): '\(o.typeName)'")
        }
        if case .float(let d) = v {
            switch op {
            case .negate: return .float(-d)
            case .plus: return .float(d)
            case .invert: break
            }
        } else if let i = v.intValue {
            switch op {
            case .negate:
                let (r, o) = Int(0).subtractingReportingOverflow(i)
                if o { return try BigIntObject.make(-BigNum(i)) }
                return .int(r)
            case .plus: return .int(i)
            case .invert: return .int(~i)
            }
        }
        throw ScriptError.typeError("bad operand type for unary \(op.rawValue): '\(v.typeName)'")
    }

    func bigBinary(_ op: BinaryOperator, _ x: Int, _ y: Int) throws -> Value {
        guard let r = try BigIntObject.binary(op, BigNum(x), BigNum(y)) else { throw Interpreter.overflow() }
        return r
    }

    static func overflow() -> ScriptError { ScriptError.overflow("integer overflow (lesson integers are 64-bit)") }

    /// `a op b` with Python semantics, dispatching to host objects in both directions.
    public func binary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        if case .object(let o) = a, let r = try o.binaryOp(op, b, reflected: false) { return r }
        if case .object(let o) = b, let r = try o.binaryOp(op, a, reflected: true) { return r }
        func unsupported() -> ScriptError {
            ScriptError.typeError("unsupported operand type(s) for \(op.rawValue): '\(a.typeName)' and '\(b.typeName)'")
        }
        // Integers (and bools).
        if let x = a.intValue, let y = b.intValue, !isFloat(a), !isFloat(b) {
            switch op {
            // On overflow the result is a big integer, as in Python.
            case .add: let (r, o) = x.addingReportingOverflow(y); if o { return try bigBinary(op, x, y) }; return .int(r)
            case .subtract: let (r, o) = x.subtractingReportingOverflow(y); if o { return try bigBinary(op, x, y) }; return .int(r)
            case .multiply: let (r, o) = x.multipliedReportingOverflow(by: y); if o { return try bigBinary(op, x, y) }; return .int(r)
            case .divide:
                if y == 0 { throw ScriptError.zeroDivision("division by zero") }
                return .float(Double(x) / Double(y))
            case .floorDivide:
                if y == 0 { throw ScriptError.zeroDivision("integer division or modulo by zero") }
                if x == Int.min && y == -1 { return try bigBinary(op, x, y) }
                var q = x / y
                if (x % y != 0) && ((x < 0) != (y < 0)) { q -= 1 }
                return .int(q)
            case .modulo:
                if y == 0 { throw ScriptError.zeroDivision("integer modulo by zero") }
                if y == -1 { return .int(0) }
                var r = x % y
                if r != 0 && ((r < 0) != (y < 0)) { r += y }
                return .int(r)
            case .power:
                if y < 0 {
                    if x == 0 { throw ScriptError.zeroDivision("0.0 cannot be raised to a negative power") }
                    return .float(pow(Double(x), Double(y)))
                }
                var result = 1, base = x, e = y
                while e > 0 {
                    if e & 1 == 1 {
                        let (r, o) = result.multipliedReportingOverflow(by: base)
                        if o { return try bigBinary(op, x, y) }
                        result = r
                    }
                    e >>= 1
                    if e > 0 {
                        let (r, o) = base.multipliedReportingOverflow(by: base)
                        if o { return try bigBinary(op, x, y) }
                        base = r
                    }
                }
                return .int(result)
            case .bitAnd: return .int(x & y)
            case .bitOr: return .int(x | y)
            case .bitXor: return .int(x ^ y)
            case .leftShift:
                if y < 0 { throw ScriptError.valueError("negative shift count") }
                if y >= 63 || (x != 0 && (x << y) >> y != x) { if x == 0 { return .int(0) }; return try bigBinary(op, x, y) }
                return .int(x << y)
            case .rightShift:
                if y < 0 { throw ScriptError.valueError("negative shift count") }
                return .int(y >= 64 ? (x < 0 ? -1 : 0) : x >> y)
            case .matmul: throw unsupported()
            }
        }
        // Floats.
        if let x = a.doubleValue, let y = b.doubleValue {
            switch op {
            case .add: return .float(x + y)
            case .subtract: return .float(x - y)
            case .multiply: return .float(x * y)
            case .divide:
                if y == 0 { throw ScriptError.zeroDivision("float division by zero") }
                return .float(x / y)
            case .floorDivide:
                if y == 0 { throw ScriptError.zeroDivision("float floor division by zero") }
                return .float((x / y).rounded(.down))
            case .modulo:
                if y == 0 { throw ScriptError.zeroDivision("float modulo by zero") }
                var r = fmod(x, y)
                if r != 0 && ((r < 0) != (y < 0)) { r += y }
                return .float(r)
            case .power:
                if x == 0 && y < 0 { throw ScriptError.zeroDivision("0.0 cannot be raised to a negative power") }
                if x < 0 && y != y.rounded() { throw ScriptError.valueError("complex results are not supported in lessons") }
                let r = pow(x, y)
                if r.isInfinite && x.isFinite && y.isFinite { throw ScriptError.overflow("(34, 'Numerical result out of range')") }
                return .float(r)
            default: throw unsupported()
            }
        }
        // Sequences.
        switch (op, a, b) {
        case (.add, .str(let x), .str(let y)):
            try checkedLength(try checkedSum(x.unicodeScalars.count, y.unicodeScalars.count), "string")
            try chargeString(try checkedSum(x.utf8.count, y.utf8.count))
            return .str(x + y)
        case (.add, .list(let x), .list(let y)):
            try checkedLength(try checkedSum(x.items.count, y.items.count), "list")
            try chargeGrowth(elements: x.items.count + y.items.count, "list")
            return .list(ListStorage(x.items + y.items))
        case (.add, .tuple(let x), .tuple(let y)):
            try checkedLength(try checkedSum(x.count, y.count), "tuple")
            try chargeGrowth(elements: x.count + y.count, "tuple")
            return .tuple(x + y)
        case (.multiply, .str, _), (.multiply, .list, _), (.multiply, .tuple, _):
            if let n = b.intValue, !isFloat(b) { return try repeatSequence(a, n) }
        case (.multiply, _, .str), (.multiply, _, .list), (.multiply, _, .tuple):
            if let n = a.intValue, !isFloat(a) { return try repeatSequence(b, n) }
        case (.modulo, .str(let fmt), _):
            let text = try percentFormat(fmt, b)
            try chargeString(text.utf8.count)
            return .str(text)
        default: break
        }
        if op == .add, case .str = a {
            throw ScriptError.typeError("can only concatenate str (not \"\(b.typeName)\") to str")
        }
        if op == .add, case .list = a {
            throw ScriptError.typeError("can only concatenate list (not \"\(b.typeName)\") to list")
        }
        throw unsupported()
    }

    func isFloat(_ v: Value) -> Bool { if case .float = v { return true }; return false }

    func repeatSequence(_ s: Value, _ n: Int) throws -> Value {
        let k = max(0, n)
        switch s {
        case .str(let x):
            let (total, o) = x.unicodeScalars.count.multipliedReportingOverflow(by: k)
            try checkedLength(o ? Int.max : total, "string")
            try chargeString(Self.valueBytes(x.utf8.count, k))
            return .str(String(repeating: x, count: k))
        case .list(let l):
            let (total, o) = l.items.count.multipliedReportingOverflow(by: k)
            try checkedLength(o ? Int.max : total, "list")
            try chargeGrowth(elements: total, "list")
            var out: [Value] = []
            for _ in 0..<k { out.append(contentsOf: l.items) }
            return .list(ListStorage(out))
        case .tuple(let xs):
            let (total, o) = xs.count.multipliedReportingOverflow(by: k)
            try checkedLength(o ? Int.max : total, "tuple")
            try chargeGrowth(elements: total, "tuple")
            var out: [Value] = []
            for _ in 0..<k { out.append(contentsOf: xs) }
            return .tuple(out)
        default: return s
        }
    }
}
