import Foundation
import XCTest
import KerasBindings
@testable import LessonKit

final class HTMLChartTests: XCTestCase {
    func circles(_ svg: String, metric: String) -> [(epoch: Int, value: Double)] {
        guard let start = svg.range(of: "data-metric=\"\(metric)\"") else { return [] }
        let rest = svg[start.upperBound...]
        let group = rest[..<(rest.range(of: "</g>")?.lowerBound ?? rest.endIndex)]
        return group.components(separatedBy: "<circle").dropFirst().compactMap { part in
            guard let e = attribute("data-epoch", in: part), let v = attribute("data-value", in: part),
                  let epoch = Int(e), let value = Double(v) else { return nil }
            return (epoch, value)
        }
    }

    func attribute(_ name: String, in text: String) -> String? {
        guard let start = text.range(of: name + "=\"") else { return nil }
        let rest = text[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    func testOnePointPerEpochFromHistory() {
        let record = TrainingRecord(epochs: 3, metrics: [("accuracy", [0.9, 0.95, 0.97]), ("loss", [0.3, 0.2, 0.1]),
                                                          ("val_accuracy", [0.93, 0.96, 0.965]), ("val_loss", [0.25, 0.15, 0.12])])
        let svg = TrainingChart.svg(record)
        for (name, values) in record.metrics {
            let points = circles(svg, metric: name)
            XCTAssertEqual(points.map(\.epoch), [1, 2, 3], name)
            XCTAssertEqual(points.map(\.value), values, name)
        }
        XCTAssertFalse(svg.contains("http"))
    }

    func testHistoryFromDocumentedOutput() throws {
        let lesson = try LessonParser.parse(path: TestPaths.lessons.appendingPathComponent("cnn-mnist.md").path)
        let fit = try XCTUnwrap(lesson.codeCells.first { $0.code.contains(".fit(") }?.output(.stdout)?.text)
        let record = try XCTUnwrap(TrainingChart.record(fromOutput: fit))
        XCTAssertEqual(record.epochs, 5)
        XCTAssertEqual(record.values("accuracy"), [0.9575, 0.9863, 0.9908, 0.9928, 0.9948])
        XCTAssertEqual(record.values("val_loss"), [0.0635, 0.0349, 0.0368, 0.0474, 0.0399])
        XCTAssertEqual(circles(TrainingChart.svg(record), metric: "val_accuracy").map(\.value), [0.9818, 0.9893, 0.9903, 0.9880, 0.9905])
    }

    func testChartFromResultsUsesTheHistory() throws {
        let lesson = try LessonParser.parse(text: "```python\nmodel.fit(x, y, epochs=2)\n```\n", path: "f.md")
        var result = CellResult(cellNumber: 1)
        result.trainings = [TrainingRecord(epochs: 2, metrics: [("loss", [0.5, 0.25]), ("accuracy", [0.8, 0.9])])]
        let html = try HTMLPage.render(lesson: lesson, results: [1: result])
        XCTAssertEqual(circles(html, metric: "loss").map(\.value), [0.5, 0.25])
        XCTAssertEqual(circles(html, metric: "accuracy").map(\.value), [0.8, 0.9])
    }

    func testNoChartWithoutEpochs() {
        XCTAssertNil(TrainingChart.record(fromOutput: "313/313 ━━━━━━━━━━━━━━━━━━━━ 1s 2ms/step - accuracy: 0.9884\n"))
    }
}
