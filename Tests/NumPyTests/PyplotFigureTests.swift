import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import NumPy
import Pyplot
import Script
import XCTest

/// Plotting programs as tutorials write them: the SVG each makes parses, and holds the axes,
/// ticks, labels, bars and markers the program asked for (and not those it turned off).
final class PyplotFigureTests: XCTestCase {
    /// The figures `source` shows, as SVG text.
    func figures(_ source: String) throws -> [RenderedFigure] {
        let registry = ModuleRegistry()
        let context = RunContext(limits: RunLimits(maxAllocationBytes: 64 << 20))
        let pyplot = PyplotState()
        var shown: [RenderedFigure] = []
        pyplot.emit = { shown.append($0) }
        registry.register("numpy") { NumPyModule.make(context: context, seed: 0) }
        registry.register("matplotlib") { ModuleValue(name: "matplotlib") }
        registry.register("matplotlib.pyplot") { pyplot.makeModule() }
        let interpreter = Interpreter(importer: registry, output: CapturedOutput(), context: context)
        _ = try interpreter.run(try Parser.parse(source: source, origin: SourceOrigin(file: "plot.py")))
        pyplot.show()
        return shown
    }

    /// Elements by tag and class, from a real XML parse of the SVG.
    final class Elements: NSObject, XMLParserDelegate {
        var found: [(name: String, cls: String?, text: String)] = []
        var open: [Int] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            found.append((name, attributes["class"], "")); open.append(found.count - 1)
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { if let last = open.last { found[last].text += string } }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { open.removeLast() }
        func texts(_ cls: String) -> [String] { found.filter { $0.cls == cls }.map(\.text) }
        func count(_ cls: String) -> Int { found.filter { $0.cls == cls }.count }
    }

    func parse(_ figure: RenderedFigure) throws -> Elements {
        let svg = try XCTUnwrap(figure.svg)
        let parser = XMLParser(data: Data(svg.utf8))
        let elements = Elements()
        parser.delegate = elements
        XCTAssertTrue(parser.parse(), "the SVG does not parse: \(parser.parserError.map { "\($0)" } ?? "")")
        return elements
    }

    func testLinePlotHasTitleLabelsTicksAndLegend() throws {
        let shown = try figures("""
        import numpy as np
        import matplotlib.pyplot as plt
        x = np.linspace(0, 10, 11)
        plt.figure(figsize=(6, 4))
        plt.plot(x, x ** 2, "r--", label="loss <train>")
        plt.plot(x, x * 3, "o", label="val")
        plt.title("Training & validation")
        plt.xlabel("epoch")
        plt.ylabel("loss")
        plt.grid(True)
        plt.legend()
        plt.show()
        """)
        XCTAssertEqual(shown.count, 1)
        let svg = try parse(shown[0])
        XCTAssertEqual(svg.texts("title"), ["Training & validation"])
        XCTAssertEqual(svg.texts("xlabel"), ["epoch"])
        XCTAssertEqual(svg.texts("ylabel"), ["loss"])
        XCTAssertEqual(svg.texts("xticklabel"), ["0", "2", "4", "6", "8", "10"])
        XCTAssertTrue(svg.texts("yticklabel").contains("100"))
        XCTAssertEqual(svg.count("line"), 1, "the dashed line; 'o' draws markers only")
        XCTAssertEqual(svg.count("marker"), 11)
        XCTAssertGreaterThan(svg.count("grid"), 0)
        XCTAssertTrue(svg.found.contains { $0.text == "loss <train>" }, "legend labels are escaped and kept")
        XCTAssertTrue(try XCTUnwrap(shown[0].svg).contains("#ff0000"), "'r' is matplotlib's red")
    }

    func testSubplotsGridWithHiddenAxesAndGray() throws {
        let shown = try figures("""
        import numpy as np
        import matplotlib.pyplot as plt
        images = np.random.random((4, 5, 5))
        fig, axes = plt.subplots(2, 2, figsize=(4, 4))
        for i, ax in enumerate(axes.flat):
            ax.imshow(images[i])
            ax.set_title(f"digit {i}")
            ax.get_xaxis().set_visible(False)
            ax.get_yaxis().set_visible(False)
        axes[1, 1].set_title("last")
        plt.gray()
        plt.show()
        """)
        XCTAssertEqual(shown.count, 1)
        let svg = try parse(shown[0])
        XCTAssertEqual(svg.texts("title"), ["digit 0", "digit 1", "digit 2", "last"])
        XCTAssertEqual(svg.found.filter { $0.name == "image" }.count, 4)
        XCTAssertEqual(svg.count("xticklabel") + svg.count("yticklabel"), 0)
    }

    func testBarsHistogramAndLimits() throws {
        let shown = try figures("""
        import numpy as np
        import matplotlib.pyplot as plt
        plt.bar(["cat", "dog", "bird"], [3, 5, 2])
        plt.ylim([0, 10])
        plt.xticks([])
        plt.show()
        plt.hist(np.random.randn(200), bins=8)
        plt.show()
        """)
        XCTAssertEqual(shown.count, 2)
        let bars = try parse(shown[0])
        XCTAssertEqual(bars.count("bar"), 3)
        XCTAssertEqual(bars.count("xticklabel"), 0, "xticks([]) hides them")
        XCTAssertEqual(bars.texts("yticklabel"), ["0", "2", "4", "6", "8", "10"])
        XCTAssertEqual(try parse(shown[1]).count("bar"), 8)
    }

    func testUnknownColourMapIsAClearError() {
        XCTAssertThrowsError(try figures("import matplotlib.pyplot as plt\nplt.imshow([[1, 2], [3, 4]], cmap='nope')")) { error in
            XCTAssertTrue("\(error)".contains("'nope' is not a colour map"), "\(error)")
        }
    }

    func testFillBetweenErrorbarAndTextAreDrawn() throws {
        let shown = try figures("""
        import numpy as np
        import matplotlib.pyplot as plt
        x = np.arange(5)
        y = x * 2.0
        plt.plot(x, y, label="mean")
        plt.fill_between(x, y - 1, y + 1, alpha=0.2, label="band")
        plt.errorbar(x, y, yerr=0.5, fmt="o", label="runs")
        t = plt.text(1, 7, "peak <here>")
        print(t)
        plt.ylim(-2, 12)
        plt.legend()
        """)
        let svg = try parse(try XCTUnwrap(shown.first))
        XCTAssertEqual(svg.count("fill"), 1)
        XCTAssertEqual(svg.count("errorbar"), 1)
        let segments = svg.found.filter { $0.name == "line" }.count
        XCTAssertGreaterThanOrEqual(segments, 5, "one error segment per point")
        XCTAssertEqual(svg.count("marker"), 5, "fmt='o' marks the points")
        XCTAssertEqual(svg.texts("text"), ["peak <here>"])
        XCTAssertTrue(svg.found.contains { $0.text == "band" } && svg.found.contains { $0.text == "runs" }, "fills and error bars are in the legend")
        XCTAssertTrue(try XCTUnwrap(shown.first?.svg).contains("fill-opacity=\"0.2\""))
    }

    func testColorbarBesideAnImage() throws {
        let shown = try figures("""
        import numpy as np
        import matplotlib.pyplot as plt
        plt.imshow(np.arange(12).reshape(3, 4), cmap="viridis", vmin=0, vmax=10)
        plt.colorbar()
        plt.text(0, 0, "a")
        """)
        let svg = try parse(try XCTUnwrap(shown.first))
        XCTAssertEqual(svg.count("colorbar"), 1)
        XCTAssertEqual(svg.texts("cbarticklabel").first, "0")
        XCTAssertTrue(svg.texts("cbarticklabel").contains("10"))
        XCTAssertEqual(svg.texts("text"), ["a"])
        XCTAssertTrue(svg.found.contains { $0.name == "stop" })
    }

    func testColorbarWithoutAnImageIsMatplotlibsError() {
        XCTAssertThrowsError(try figures("import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.colorbar()\n")) { error in
            XCTAssertTrue("\(error)".contains("No mappable was found"), "\(error)")
        }
    }
}
