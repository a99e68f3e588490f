import Foundation

/// How far a fresh figure may be from the documented one. Integers and shapes match exactly;
/// floats by what they measure (the key before them) unless an override says otherwise.
public struct Tolerance: Equatable {
    public enum Rule: Equatable {
        case exact
        /// A float after a key containing `acc`: absolute 0.01.
        case accuracy
        /// A float after a key containing `loss`: 0.02 + 25% of the documented value.
        case loss
        /// Any other float: half a unit in the last digit written.
        case precision(halfUnit: Double)
        /// `atol`/`rtol` from the run, the output block or the lesson.
        case override(absolute: Double, relative: Double, source: String)
    }

    public var rule: Rule

    public func allows(expected: Double, actual: Double) -> Bool {
        if expected.isNaN || actual.isNaN { return expected.isNaN && actual.isNaN }
        // An infinity (`1e999`) only matches itself: inf - inf is NaN, and no bound is wide enough otherwise.
        if expected.isInfinite || actual.isInfinite { return expected == actual }
        return abs(actual - expected) <= bound(for: expected) + 1e-12
    }

    public func bound(for expected: Double) -> Double {
        switch rule {
        case .exact: return 0
        case .accuracy: return 0.01
        case .loss: return 0.02 + 0.25 * abs(expected)
        case .precision(let halfUnit): return halfUnit
        case .override(let absolute, let relative, _): return absolute + relative * abs(expected)
        }
    }

    /// The rule in words, for reports: "accuracy: ±0.01".
    public func describe(for expected: Double) -> String {
        switch rule {
        case .exact: return "integers match exactly"
        case .accuracy: return "accuracy: ±0.01 absolute"
        case .loss: return "loss: ±(0.02 + 25% of \(format(abs(expected)))) = ±\(format(bound(for: expected)))"
        case .precision(let halfUnit): return "as precise as written: ±\(format(halfUnit))"
        case .override(let absolute, let relative, let source):
            return "\(source): atol=\(format(absolute)) rtol=\(format(relative)) → ±\(format(bound(for: expected)))"
        }
    }

    func format(_ value: Double) -> String {
        var text = String(format: "%.6g", value)
        if text.contains("."), !text.contains("e") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}

/// The `atol`/`rtol` set on the command line, an output block and a lesson's front matter.
/// Precedence: run > block > lesson > the built-in rule; each of atol/rtol on its own.
public struct ToleranceOverrides: Equatable {
    public var run: (absolute: Double?, relative: Double?)
    public var block: (absolute: Double?, relative: Double?)
    public var lesson: (absolute: Double?, relative: Double?)

    public init(run: (absolute: Double?, relative: Double?) = (nil, nil),
                block: (absolute: Double?, relative: Double?) = (nil, nil),
                lesson: (absolute: Double?, relative: Double?) = (nil, nil)) {
        self.run = run; self.block = block; self.lesson = lesson
    }

    public static func == (left: ToleranceOverrides, right: ToleranceOverrides) -> Bool {
        left.run == right.run && left.block == right.block && left.lesson == right.lesson
    }

    /// The tolerance of a float written as `written` after `key` (nil when no key precedes it).
    public func tolerance(forFloat written: String, key: String?) -> Tolerance {
        let absolute: (Double, String)? = run.absolute.map { ($0, "--atol") } ?? block.absolute.map { ($0, "output block") }
            ?? lesson.absolute.map { ($0, "front matter") }
        let relative: (Double, String)? = run.relative.map { ($0, "--rtol") } ?? block.relative.map { ($0, "output block") }
            ?? lesson.relative.map { ($0, "front matter") }
        if absolute != nil || relative != nil {
            let sources = [absolute?.1, relative?.1].compactMap { $0 }
            let source = Array(NSOrderedSet(array: sources)).compactMap { $0 as? String }.joined(separator: " + ")
            return Tolerance(rule: .override(absolute: absolute?.0 ?? 0, relative: relative?.0 ?? 0, source: source))
        }
        let name = key?.lowercased() ?? ""
        if name.contains("acc") { return Tolerance(rule: .accuracy) }
        if name.contains("loss") { return Tolerance(rule: .loss) }
        return Tolerance(rule: .precision(halfUnit: Self.halfUnit(of: written)))
    }

    /// Half a unit in the last written digit: `0.988` → 0.0005, `1.5e-3` → 0.00005.
    static func halfUnit(of written: String) -> Double {
        let lower = written.lowercased()
        let mantissa = lower.split(separator: "e", maxSplits: 1).first.map(String.init) ?? lower
        let exponentText = lower.split(separator: "e", maxSplits: 1).dropFirst().first.map(String.init) ?? "0"
        // Doubles end near 1e±308: a longer exponent (`1e-99999999999999999999`) is clamped, not trusted.
        let exponent = Int(exponentText).map { min(max($0, -400), 400) } ?? (exponentText.hasPrefix("-") ? -400 : 400)
        let decimals = mantissa.split(separator: ".", maxSplits: 1).dropFirst().first?.count ?? 0
        return 0.5 * pow(10, Double(exponent) - Double(decimals))
    }
}
