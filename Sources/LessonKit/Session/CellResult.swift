import Foundation
import KerasBindings

/// What one code cell did when it ran: the text it printed, its pictures, the steps it
/// performed, the training it did, how long it took, and the error that stopped it.
public struct CellResult {
    /// The code cell's number in its lesson (1-based).
    public var cellNumber: Int
    /// Printed text, then the cell's displayed value (Jupyter's `Out[n]`), as a document keeps it.
    public var stdout = ""
    public var stderr = ""
    /// The displayed value alone (the end of `stdout`), which a page shows as `Out[n]`; nil
    /// when the cell's last statement is no expression or its value is None.
    public var displayed: String?
    public var figures: [Figure] = []
    /// IPython rich displays (`display(Image(...))`, a cell ending in `HTML(...)`), in order.
    public var displays: [RichDisplay] = []
    public var steps: [Step] = []
    /// One record per `fit` the cell ran, with the per-epoch metrics of its History.
    public var trainings: [TrainingRecord] = []
    public var seconds: Double = 0
    public var error: CellError?

    public init(cellNumber: Int) { self.cellNumber = cellNumber }

    /// The figures, then the pictures among the displays: what a Markdown lesson links under
    /// the cell (`NAME.files/`) and what `lesson check` compares with those links.
    public var pictures: [Figure] {
        figures + displays.compactMap { display in
            switch display.content {
            case .png(let data): return Figure(png: data)
            case .svg(let svg): return Figure(svg: svg)
            case .html, .markdown: return nil
            }
        }
    }

    /// The outputs a document would record for this cell.
    public var outputs: [FreshOutput] {
        [FreshOutput(stream: .stdout, text: stdout), FreshOutput(stream: .stderr, text: stderr)].filter { !$0.text.isEmpty }
    }
}

/// What a binding does, named as a teacher would: a cell's steps label it in every view.
public enum Step: String, CaseIterable, Codable {
    case load, normalize, reshape, build, compile, fit, evaluate, predict, show
}

/// A picture a cell made (`plt.imshow`, `plt.plot`): PNG bytes, an SVG document, or both.
public struct Figure: Equatable {
    public var png: Data?
    public var svg: String?
    public var title: String?
    public init(png: Data? = nil, svg: String? = nil, title: String? = nil) { self.png = png; self.svg = svg; self.title = title }
}

/// An error that stopped a cell: Python's kind (`NameError`), the message, and where in the
/// lesson file it happened.
public struct CellError: Error, Equatable, CustomStringConvertible {
    public var kind: String
    public var message: String
    public var location: LessonError?

    public init(kind: String, message: String, location: LessonError? = nil) {
        self.kind = kind; self.message = message; self.location = location
    }

    public var description: String { location?.description ?? "\(kind): \(message)" }
}
