import Foundation

/// A Python `int` that does not fit in 64 bits. Results that fit become `.int` again.
final class BigIntObject: HostObject {
    let value: BigNum
    init(_ value: BigNum) { self.value = value }

    var typeName: String { "int" }

    /// CPython 3.11's limit on printing huge ints.
    static let maxDigits = 4300

    func repr() -> String {
        if Double(value.bitLength) * 0.30103 > Double(BigIntObject.maxDigits) + 1 {
            return "<int too large to print: more than \(BigIntObject.maxDigits) digits>"
        }
        return value.decimal
    }

    func asInt() -> Int? { value.asInt }
    func asDouble() -> Double? { value.asDouble }
    func truthiness() throws -> Bool { !value.isZero }

    static func make(_ b: BigNum) throws -> Value {
        if let i = b.asInt { return .int(i) }
        if b.limbs.count > BigNum.maxLimbs {
            throw ScriptError.overflow("integer too large for lessons (more than \(BigNum.maxLimbs * 32) bits)")
        }
        return .object(BigIntObject(b))
    }

    static func big(_ v: Value) -> BigNum? {
        if let b = v.object(as: BigIntObject.self) { return b.value }
        if case .float = v { return nil }
        return v.intValue.map { BigNum($0) }
    }

    /// `a op b` on integers of any size.
    static func binary(_ op: BinaryOperator, _ a: BigNum, _ b: BigNum) throws -> Value? {
        switch op {
        case .add: return try make(a + b)
        case .subtract: return try make(a - b)
        case .multiply:
            if a.limbs.count + b.limbs.count > BigNum.maxLimbs + 1 { _ = try make(BigNum(limbs: [UInt32](repeating: 1, count: BigNum.maxLimbs + 1))) }
            return try make(a * b)
        case .floorDivide, .modulo:
            if b.isZero { throw ScriptError.zeroDivision(op == .modulo ? "integer modulo by zero" : "integer division or modulo by zero") }
            let (q, r) = BigNum.floorDivMod(a, b)
            return try make(op == .modulo ? r : q)
        case .divide:
            if b.isZero { throw ScriptError.zeroDivision("division by zero") }
            let d = a.asDouble / b.asDouble
            if d.isInfinite { throw ScriptError.overflow("integer division result too large for a float") }
            return .float(d)
        case .power:
            guard let e = b.asInt else { throw ScriptError.overflow("exponent too large for lessons") }
            if e < 0 { return .float(Foundation.pow(a.asDouble, Double(e))) }
            let (bits, o) = max(1, a.bitLength - 1).multipliedReportingOverflow(by: e)
            if o || bits > BigNum.maxLimbs * 32 { throw ScriptError.overflow("integer too large for lessons (more than \(BigNum.maxLimbs * 32) bits)") }
            var result = BigNum(1), base = a, k = e
            while k > 0 {
                if k & 1 == 1 { result = result * base }
                k >>= 1
                if k > 0 { base = base * base }
            }
            return try make(result)
        case .leftShift:
            guard let n = b.asInt, n >= 0 else { throw ScriptError.valueError("negative shift count") }
            if n > BigNum.maxLimbs * 32 { throw ScriptError.overflow("integer too large for lessons") }
            return try make(a.shiftedLeft(n))
        default:
            return nil
        }
    }

    func binaryOp(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> OperatorResult {
        if case .float(let d) = other {
            let x = value.asDouble
            let (l, r) = reflected ? (d, x) : (x, d)
            switch op {
            case .add: return .float(l + r)
            case .subtract: return .float(l - r)
            case .multiply: return .float(l * r)
            case .divide:
                if r == 0 { throw ScriptError.zeroDivision("float division by zero") }
                return .float(l / r)
            default: return nil
            }
        }
        guard let o = BigIntObject.big(other) else { return nil }
        return try reflected ? BigIntObject.binary(op, o, value) : BigIntObject.binary(op, value, o)
    }

    func unaryOp(_ op: UnaryOperator) throws -> OperatorResult {
        switch op {
        case .negate: return try BigIntObject.make(-value)
        case .plus: return .object(self)
        case .invert: return try BigIntObject.make(-value - BigNum(1))
        }
    }

    func compare(_ op: ComparisonOperator, _ other: Value, reflected: Bool) throws -> OperatorResult {
        let c: Int
        if case .float(let d) = other {
            let x = value.asDouble
            c = x < d ? -1 : (x == d ? 0 : 1)
        } else if let o = BigIntObject.big(other) {
            c = BigNum.compare(value, o)
        } else {
            return op == .equal ? .bool(false) : (op == .notEqual ? .bool(true) : nil)
        }
        // The interpreter already turned the operator around for a reflected call.
        let s = c
        switch op {
        case .equal: return .bool(s == 0)
        case .notEqual: return .bool(s != 0)
        case .less: return .bool(s < 0)
        case .lessEqual: return .bool(s <= 0)
        case .greater: return .bool(s > 0)
        case .greaterEqual: return .bool(s >= 0)
        default: return nil
        }
    }

    func format(_ spec: String) throws -> String? {
        if spec.isEmpty { return repr() }
        return try PythonFormat.format(.float(value.asDouble), spec: spec)
    }
}
