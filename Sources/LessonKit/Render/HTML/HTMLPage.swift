import Foundation
import KerasBindings

/// How a lesson page is drawn.
public struct HTMLOptions {
    /// Keep raw HTML and any link in prose (cmark's unsafe mode). Off by default.
    public var unsafeHTML: Bool
    /// A mustache template to use instead of `PageTemplate.default`.
    public var template: String?
    /// A relative link back to a course index (set by `CourseSite`), shown in the header.
    public var indexHref: String?
    /// Served live (`lesson serve`): the page listens to the server for new versions.
    public var live: LiveRole?
    /// Which version of a live page this is (the server's events carry the same numbers).
    public var liveVersion = 0
    /// Cells queued to run in a live page: shown as waiting, not as "(not run)".
    public var pendingCells: Set<Int> = []
    /// What a pending cell showed in the previous run: kept, dimmed, until it runs again, so
    /// the page does not shrink under the reader.
    public var staleResults: [Int: CellResult] = [:]
    /// The lessons of the site this page belongs to: a contents sidebar, previous/next and search.
    public var site: SiteNavigation?
    /// The lesson's folder, where prose images are read from (inlined as data: URIs).
    public var imageFolder: String?
    /// A site's folder: prose images are copied there (same relative path) instead of inlined,
    /// and the page's policy allows images from its own origin.
    public var imageSite: String?

    public init(unsafeHTML: Bool = false, template: String? = nil, indexHref: String? = nil) {
        self.unsafeHTML = unsafeHTML
        self.template = template
        self.indexHref = indexHref
    }
}

/// Who looks at a live page: the author's preview, a follower of a class, or its teacher
/// (whose page carries the token every control action needs).
public enum LiveRole: Equatable {
    case preview
    case follower
    case teacher(token: String)
}

/// A lesson as one self-contained HTML page: prose, highlighted code, outputs, figures,
/// training charts, a table of contents and a "present" mode. No request leaves the page.
public struct HTMLPage {
    public struct Section { public var level: Int; public var title: String; public var id: String }

    public struct CodeBlock {
        public var number: Int
        public var steps: [Step]
        /// Highlighted, escaped code.
        public var codeHTML: String
        /// Outputs, figures, charts and the error, already escaped.
        public var outputHTML: String
    }

    /// One slide of the page: prose, a code cell, or both (prose followed by its code).
    public struct Block {
        public var proseHTML: String
        public var code: CodeBlock?
    }

    public var title: String
    public var sections: [Section]
    public var blocks: [Block]
    /// Whether the outputs come from a run (true) or from the document (false).
    public var ran: Bool
    /// The last accuracy-like figure the outputs show, e.g. `Test Accuracy: 0.9884`.
    public var finalMetric: String?
    public var steps: [Step] { blocks.compactMap(\.code).flatMap(\.steps) }

    /// Builds the page model. `results` maps a code cell's number to what it did when it ran;
    /// nil means "use the lesson's documented outputs".
    /// A page of one prose block (an error page, say): `bodyHTML` is already escaped.
    public init(title: String, bodyHTML: String) {
        self.title = title
        sections = []
        blocks = [Block(proseHTML: bodyHTML, code: nil)]
        ran = false
        finalMetric = nil
    }

    public init(lesson: Lesson, results: [Int: CellResult]?, options: HTMLOptions = HTMLOptions()) {
        var prose = ProseHTML(unsafeHTML: options.unsafeHTML)
        prose.imageFolder = options.imageFolder ?? URL(fileURLWithPath: lesson.path).deletingLastPathComponent().path
        prose.imageSite = options.imageSite
        var blocks: [Block] = []
        var pendingProse = ""
        var texts: [String] = []
        for cell in lesson.cells {
            switch cell {
            case .prose(let cell):
                pendingProse += prose.render(cell.text)
            case .code(let cell):
                let result = results?[cell.number]
                // A documented HTML value holding a table shows as that table, sanitised; else as its text.
                let tables = results == nil ? cell.outputs.map { $0.html.flatMap(HTMLTableHTML.render) } : []
                let outputs: [(StandardStream, String)] = result.map { r in r.outputs.map { ($0.stream, $0.text) } }
                    ?? zip(cell.outputs, tables).filter { $0.1 == nil }.map { ($0.0.stream, $0.0.text) }
                texts += outputs.filter { $0.0 == .stdout }.map(\.1)
                let steps = result.map(\.steps) ?? StepGuess.steps(in: cell.code)
                let code = CodeBlock(number: cell.number, steps: steps, codeHTML: PythonHTML.render(cell.code),
                                     outputHTML: options.pendingCells.contains(cell.number) && result == nil
                                        ? HTMLPage.pendingHTML(options.staleResults[cell.number])
                                        : HTMLPage.outputHTML(outputs, result: results == nil ? nil : result, ran: results != nil)
                                            + tables.compactMap { $0 }.joined()
                                            + (results == nil ? lesson.displays(of: cell).map(OutputHTML.render).joined() : ""))
                blocks.append(Block(proseHTML: pendingProse, code: code))
                pendingProse = ""
            }
        }
        if !pendingProse.isEmpty { blocks.append(Block(proseHTML: pendingProse, code: nil)) }
        self.title = lesson.title ?? URL(fileURLWithPath: lesson.path).deletingPathExtension().lastPathComponent
        self.sections = prose.headings.map { Section(level: $0.level, title: $0.text, id: $0.id) }
        self.blocks = blocks
        self.ran = results != nil
        self.finalMetric = FinalMetric.find(in: texts)
    }

    /// A cell waiting to run: its previous outputs dimmed, or a note when it has none.
    static func pendingHTML(_ previous: CellResult?) -> String {
        guard let previous else { return "<div class=\"output pending\"><pre>(waiting to run)</pre></div>" }
        return "<div class=\"stale\" title=\"From the previous run; waiting to run again\">"
            + outputHTML(previous.outputs.map { ($0.stream, $0.text) }, result: previous, ran: true) + "</div>"
    }

    static func outputHTML(_ outputs: [(StandardStream, String)], result: CellResult?, ran: Bool) -> String {
        // A run that stopped early leaves later cells without a result: say so.
        if ran && result == nil { return "<div class=\"output notrun\"><pre>(not run)</pre></div>" }
        var html = outputs.map { stream, text in
            // Only the displayed value gets `Out[n]`, as in Jupyter: printed text has no prompt.
            guard stream == .stdout, let result, let shown = result.displayed, !shown.isEmpty, text.hasSuffix(shown) else {
                return OutputHTML.render(text, stream: stream)
            }
            let printed = String(text.dropLast(shown.count))
            return (printed.isEmpty ? "" : OutputHTML.render(printed, stream: .stdout)) + displayHTML(shown, number: result.cellNumber)
        }.joined()
        let records: [TrainingRecord]
        if let result { records = result.trainings } else if ran { records = [] } else {
            records = outputs.filter { $0.0 == .stdout }.compactMap { TrainingChart.record(fromOutput: $0.1) }
        }
        html += records.map { "<figure class=\"training\">" + TrainingChart.svg($0) + "</figure>" }.joined()
        for figure in result?.figures ?? [] { html += FigureHTML.render(figure) }
        for display in result?.displays ?? [] { html += RichDisplayHTML.render(display) }
        if let error = result?.error {
            html += "<div class=\"output error\"><pre>" + HTMLEscaping.escape(error.description) + "</pre></div>"
        }
        return html
    }

    /// A displayed value under its `Out[n]` prompt.
    static func displayHTML(_ text: String, number: Int) -> String {
        "<div class=\"display\"><span class=\"prompt out\">Out[\(number)]:</span>" + OutputHTML.render(text, stream: .stdout) + "</div>"
    }

    /// The page through the default template or the one in `options`.
    public func html(options: HTMLOptions = HTMLOptions()) throws -> String {
        try PageTemplate.render(self, template: options.template, options: options)
    }

    /// Renders a lesson as a page: the one call a runner needs.
    public static func render(lesson: Lesson, results: [Int: CellResult]?, options: HTMLOptions = HTMLOptions()) throws -> String {
        try HTMLPage(lesson: lesson, results: results, options: options).html(options: options)
    }
}
