import Foundation
import KerasBindings

/// The last accuracy figure a lesson's outputs show, for the course index: a printed
/// `... Accuracy: 0.98` line wins over a Keras progress line's `accuracy: 0.98`.
enum FinalMetric {
    static func find(in texts: [String]) -> String? {
        var printed: String?, progress: String?
        for line in texts.flatMap({ $0.components(separatedBy: "\n") }) {
            if let bar = ProgressLine(line) {
                if let value = bar.metrics.last(where: { $0.0 == "accuracy" })?.1 {
                    progress = "accuracy: " + KerasProgressFormat.value(value)
                }
            } else if line.lowercased().contains("accuracy"), line.count < 120 {
                printed = line.trimmingCharacters(in: .whitespaces)
            }
        }
        return printed ?? progress
    }
}
