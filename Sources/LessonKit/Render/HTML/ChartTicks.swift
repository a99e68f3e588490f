import Foundation

/// Tick positions as matplotlib's default locator picks them (MaxNLocator with steps
/// 1, 2, 2.5, 5, 10): round values spanning the data, at most `count` intervals.
enum ChartTicks {
    static func nice(low: Double, high: Double, count: Int = 5) -> [Double] {
        guard low.isFinite, high.isFinite, high > low, count > 0 else { return low.isFinite ? [low] : [] }
        let raw = (high - low) / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        let first = ceil(low / step - 1e-9) * step
        var ticks: [Double] = []
        var value = first
        while value <= high + step * 1e-9, ticks.count < 50 {
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            value = first + step * Double(ticks.count)
        }
        return ticks
    }

    /// A tick's label with just the digits its step needs (step 0.25 → "0.25", 0.2 → "0.2").
    static func label(_ value: Double, step: Double) -> String {
        var decimals = 0
        while decimals < 6 {
            let scaled = step * pow(10, Double(decimals))
            if abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled) { break }
            decimals += 1
        }
        return String(format: "%.\(decimals)f", value)
    }
}
