import Foundation

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
        let left = x0 + 44, right = x0 + width - 12, top = 42.0, bottom = height - 30
        let all = names.compactMap { record.values($0) }.flatMap { $0 }.filter(\.isFinite)
        guard var low = all.min(), var high = all.max() else { return "" }
        if high - low < 1e-9 { low -= 0.5; high += 0.5 }
        let pad = (high - low) * 0.08
        low -= pad; high += pad
        let n = record.epochs
        func x(_ i: Int) -> Double { n == 1 ? (left + right) / 2 : left + (right - left) * Double(i) / Double(n - 1) }
        func y(_ v: Double) -> Double { bottom - (bottom - top) * (v - low) / (high - low) }
        func f(_ v: Double) -> String { String(format: "%.2f", v) }
        var out = "<g class=\"panel\"><text class=\"title\" x=\"\(f(left))\" y=\"16\">\(HTMLEscaping.escape(title))</text>"
        out += "<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(bottom))\" x2=\"\(f(right))\" y2=\"\(f(bottom))\"/>"
        out += "<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(bottom))\"/>"
        for v in [low + pad, high - pad] {
            out += "<text class=\"tick\" x=\"\(f(left - 4))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\">\(String(format: "%.3f", v))</text>"
        }
        for i in 0..<n {
            out += "<text class=\"tick\" x=\"\(f(x(i)))\" y=\"\(f(bottom + 14))\" text-anchor=\"middle\">\(i + 1)</text>"
        }
        out += "<text class=\"tick\" x=\"\(f((left + right) / 2))\" y=\"\(f(height - 2))\" text-anchor=\"middle\">epoch</text>"
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
