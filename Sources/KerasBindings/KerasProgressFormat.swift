import Foundation

/// The text of Keras 3's progress lines (keras/src/utils/progbar.py), character for
/// character: `1688/1688 ━━━━━━━━━━━━━━━━━━━━ 8s 4ms/step - accuracy: 0.9575 - loss: 0.1355`.
public enum KerasProgressFormat {
    public static let barWidth = 20

    /// A verbose=1 line. `finalize` shows the elapsed seconds, otherwise the ETA. With
    /// `colors`, the same ANSI codes as Keras (bold count, green done part, grey rest).
    public static func line(current: Int, target: Int, elapsed: Double, timePerStep: Double,
                            metrics: [(String, Double)], finalize: Bool, colors: Bool) -> String {
        let bold = colors ? "\u{1B}[1m" : "", reset = colors ? "\u{1B}[0m" : ""
        let green = colors ? "\u{1B}[32m" : "", grey = colors ? "\u{1B}[37m" : ""
        var text: String
        if target > 0 {
            let digits = String(target).count
            text = bold + pad(String(current), to: digits) + "/\(target)" + reset + " "
            let done = min(barWidth, max(0, Int(Double(barWidth) * Double(current) / Double(target))))
            if done > 0 { text += green + String(repeating: "━", count: done) + reset }
            text += grey + String(repeating: "━", count: barWidth - done) + reset
        } else {
            text = pad(String(current), to: 7) + "/Unknown"
        }
        if target > 0 && !finalize {
            text += " " + bold + eta(timePerStep * Double(target - current)) + reset
        } else {
            text += " " + bold + "\(python0f(elapsed))s" + reset
        }
        text += stepTime(timePerStep)
        text += metricsText(metrics)
        return text
    }

    /// A verbose=2 line, written once at the end of an epoch:
    /// `90/90 - 1s - 16ms/step - accuracy: 0.9573 - loss: 0.1422`.
    public static func summaryLine(target: Int, elapsed: Double, timePerStep: Double, metrics: [(String, Double)]) -> String {
        "\(target)/\(target) - \(python0f(elapsed))s -" + stepTime(timePerStep) + metricsText(metrics)
    }

    public static func metricsText(_ metrics: [(String, Double)]) -> String {
        metrics.map { " - \($0.0): " + value($0.1) }.joined()
    }

    /// `0.1355`, or `1.2340e-04` / `0.0000e+00` below 1e-3 as Keras prints small values.
    public static func value(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        return abs(x) > 1e-3 ? String(format: "%.4f", x) : String(format: "%.4e", x)
    }

    /// ` 4ms/step`, ` 1us/step`, ` 2s/step`.
    public static func stepTime(_ seconds: Double, unit: String = "step") -> String {
        if seconds >= 1 || seconds == 0 { return " \(python0f(seconds))s/\(unit)" }
        if seconds >= 1e-3 { return " \(python0f(seconds * 1000))ms/\(unit)" }
        return " \(python0f(seconds * 1_000_000))us/\(unit)"
    }

    static func eta(_ seconds: Double) -> String {
        let s = Int(max(0, seconds))
        if seconds > 3600 { return String(format: "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60) }
        if seconds > 60 { return String(format: "%d:%02d", s / 60, s % 60) }
        return "\(s)s"
    }

    /// Python's `f"{x:.0f}"`: round half to even.
    static func python0f(_ x: Double) -> String {
        String(format: "%.0f", x.rounded(.toNearestOrEven))
    }

    static func pad(_ s: String, to width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }
}
