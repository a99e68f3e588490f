import Foundation
import KerasBindings

/// An inline SVG chart of a training's loss and accuracy, training and validation, one
/// point per epoch. Drawn from a History when the cell ran, else from documented text.
public enum TrainingChart {
    /// Per-epoch metrics from documented Keras text: the last progress line of each `Epoch i/n`.
    public static func record(fromOutput text: String) -> TrainingRecord? {
        var epochs: [[(String, Double)]] = []
        var inEpoch = false
        for line in text.components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("Epoch "), trimmed.dropFirst(6).contains("/") {
                epochs.append([]); inEpoch = true
            } else if inEpoch, let progress = ProgressLine(line), !progress.metrics.isEmpty, !epochs.isEmpty {
                epochs[epochs.count - 1] = progress.metrics
            }
        }
        guard !epochs.isEmpty, epochs.allSatisfy({ !$0.isEmpty }) else { return nil }
        var names: [String] = []
        for (name, _) in epochs.flatMap({ $0 }) where !names.contains(name) { names.append(name) }
        let metrics = names.compactMap { name -> (name: String, values: [Double])? in
            let values = epochs.compactMap { epoch in epoch.first { $0.0 == name }?.1 }
            return values.count == epochs.count ? (name, values) : nil
        }
        return TrainingRecord(epochs: epochs.count, metrics: metrics)
    }

    /// Two panels (loss, accuracy) as one SVG; each series is a polyline plus one circle per
    /// epoch carrying its value in `data-value` and a `<title>`.
    public static func svg(_ record: TrainingRecord) -> String {
        let panels = [("loss", ["loss", "val_loss"]), ("accuracy", ["accuracy", "val_accuracy"])]
            .filter { _, names in names.contains { record.values($0) != nil } }
        guard !panels.isEmpty, record.epochs > 0 else { return "" }
        let width = 320.0, height = 200.0
        var out = "<svg class=\"chart\" viewBox=\"0 0 \(Int(width) * panels.count) \(Int(height))\" role=\"img\" aria-label=\"Training history\">"
        for (index, (title, names)) in panels.enumerated() {
            out += panel(record, title: title, names: names, x0: Double(index) * width, width: width, height: height)
        }
        return out + "</svg>"
    }

    static func panel(_ record: TrainingRecord, title: String, names: [String], x0: Double, width: Double, height: Double) -> String {
        let left = x0 + 50, right = x0 + width - 12, top = 42.0, bottom = height - 34
        let all = names.compactMap { record.values($0) }.flatMap { $0 }.filter(\.isFinite)
        guard var low = all.min(), var high = all.max() else { return "" }
        if high - low < 1e-9 { low -= 0.5; high += 0.5 }
        let pad = (high - low) * 0.08
        low -= pad; high += pad
        let n = record.epochs
        // Half an epoch of room on each side: the first point clears the y axis and its labels.
        func x(_ i: Int) -> Double { left + (right - left) * (Double(i) + 0.5) / Double(n) }
        func y(_ v: Double) -> Double { bottom - (bottom - top) * (v - low) / (high - low) }
        func f(_ v: Double) -> String { String(format: "%.2f", v) }
        var out = "<g class=\"panel\"><text class=\"title\" x=\"\(f(left))\" y=\"16\">\(HTMLEscaping.escape(title))</text>"
        let yTicks = ChartTicks.nice(low: low, high: high, count: 5)
        let yStep = yTicks.count > 1 ? yTicks[1] - yTicks[0] : 1
        for v in yTicks {
            out += "<line class=\"grid\" x1=\"\(f(left))\" y1=\"\(f(y(v)))\" x2=\"\(f(right))\" y2=\"\(f(y(v)))\"/>"
            out += "<line class=\"tickmark\" x1=\"\(f(left - 4))\" y1=\"\(f(y(v)))\" x2=\"\(f(left))\" y2=\"\(f(y(v)))\"/>"
            out += "<text class=\"tick\" x=\"\(f(left - 6))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\">\(ChartTicks.label(v, step: yStep))</text>"
        }
        out += "<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(bottom))\" x2=\"\(f(right))\" y2=\"\(f(bottom))\"/>"
        out += "<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(bottom))\"/>"
        // Epoch ticks at round numbers (every epoch when there are few).
        let epochTicks = ChartTicks.nice(low: 1, high: Double(max(n, 2)), count: 8)
        let xStep = epochTicks.count > 1 ? max(1, Int((epochTicks[1] - epochTicks[0]).rounded(.up))) : 1
        for epoch in stride(from: 1, through: n, by: xStep) {
            let px = x(epoch - 1)
            out += "<line class=\"tickmark\" x1=\"\(f(px))\" y1=\"\(f(bottom))\" x2=\"\(f(px))\" y2=\"\(f(bottom + 4))\"/>"
            out += "<text class=\"tick\" x=\"\(f(px))\" y=\"\(f(bottom + 15))\" text-anchor=\"middle\">\(epoch)</text>"
        }
        out += "<text class=\"tick label\" x=\"\(f((left + right) / 2))\" y=\"\(f(height - 4))\" text-anchor=\"middle\">epoch</text>"
        for (seriesIndex, name) in names.enumerated() {
            guard let values = record.values(name) else { continue }
            let series = seriesIndex == 0 ? "train" : "val"
            let points = values.prefix(n).enumerated().filter { $0.element.isFinite }
            out += "<g class=\"series \(series)\" data-metric=\"\(HTMLEscaping.escape(name))\">"
            out += "<polyline points=\"" + points.map { "\(f(x($0.offset))),\(f(y($0.element)))" }.joined(separator: " ") + "\"/>"
            for (i, v) in points {
                out += "<circle cx=\"\(f(x(i)))\" cy=\"\(f(y(v)))\" r=\"3\" data-epoch=\"\(i + 1)\" data-value=\"\(v)\"><title>\(HTMLEscaping.escape(name)) epoch \(i + 1): \(v)</title></circle>"
            }
            out += "<text class=\"legend\" x=\"\(f(right))\" y=\"\(f(14 + Double(seriesIndex) * 13))\" text-anchor=\"end\">\(HTMLEscaping.escape(name))</text></g>"
        }
        return out + "</g>"
    }
}
