import Foundation

/// Lesson ↔ notebook. Prose runs become markdown cells, code cells keep their documented
/// outputs as stream outputs; what a notebook cannot say (front matter, output options)
/// travels in `metadata.lesson` so that a lesson survives the round trip.
public enum NotebookConversion {
    /// The lesson as a notebook. `outputs`, when given, replaces the documented outputs
    /// of those code cells (a fresh run's); `images` adds PNG figures per code cell.
    public static func notebook(from lesson: Lesson, outputs: [Int: [FreshOutput]] = [:], images: [Int: [Data]] = [:],
                                figures: [Int: [Figure]] = [:], displays: [Int: [RichDisplay]] = [:]) -> Notebook {
        var metadata = Notebook.defaultMetadata
        var lessonInfo: [String: JSONValue] = [:]
        if let yaml = lesson.frontMatter.yaml { lessonInfo["front_matter"] = .string(yaml) }
        if let title = lesson.title { metadata["title"] = .string(title) }
        if !lessonInfo.isEmpty { metadata["lesson"] = .object(lessonInfo) }

        var cells: [NotebookCell] = []
        for cell in lesson.cells {
            switch cell {
            case .prose(let prose):
                let text = prose.text.replacingOccurrences(of: "\r\n", with: "\n")
                cells.append(NotebookCell(kind: .markdown, source: trimBlankLines(text)))
            case .code(let code):
                var cellMetadata: [String: JSONValue] = [:]
                let tags = NBValMarkers.tags(info: code.info)
                if !tags.isEmpty { cellMetadata["tags"] = .array(tags.map(JSONValue.string)) }
                let infos = code.outputs.map(\.info)
                if infos.contains(where: { $0 != "output" && $0 != "output stderr" }) {
                    cellMetadata["lesson"] = .object(["outputs": .array(infos.map(JSONValue.string))])
                }
                // HTML blocks travel as the displays they are, not as printed text.
                let streams = outputs[code.number] ?? code.outputs.filter { !$0.options.html }.map { FreshOutput(stream: $0.stream, text: $0.text) }
                let fresh = outputs[code.number] != nil || figures[code.number] != nil || images[code.number] != nil || displays[code.number] != nil
                let documented = fresh ? [] : lesson.displays(of: code)
                var notebookOutputs = streams.filter { !$0.text.isEmpty }.map { NotebookOutput.stream($0.stream, $0.text) }
                notebookOutputs += documented.map(\.notebookOutput)
                notebookOutputs += (images[code.number] ?? []).map { NotebookOutput.image(png: $0, text: "<Figure>") }
                notebookOutputs += (figures[code.number] ?? []).map { figure in
                    figure.png.map { NotebookOutput.image(png: $0, text: "<Figure>") } ?? .svg(figure.svg ?? "")
                }
                notebookOutputs += (displays[code.number] ?? []).map(NotebookOutput.richDisplay)
                var source = code.code
                if source.hasSuffix("\n") { source.removeLast() }
                cells.append(NotebookCell(kind: .code, source: source, metadata: cellMetadata,
                                          outputs: notebookOutputs, executionCount: code.number))
            }
        }
        return Notebook(cells: cells, metadata: metadata)
    }

    /// A notebook as lesson Markdown. Pictures are written into `imageFolder` (relative
    /// links from the lesson, `linkPrefix` + file name) when one is given, and dropped otherwise.
    public static func markdown(from notebook: Notebook, imageFolder: String? = nil, linkPrefix: String = "") throws -> String {
        var pieces: [String] = []
        if let yaml = notebook.metadata["lesson"]?["front_matter"]?.string {
            pieces.append("---\n" + yaml + ((yaml.last?.isNewline ?? true) ? "" : "\n") + "---\n")
        }
        var codeNumber = 0
        for cell in notebook.cells {
            switch cell.kind {
            case .markdown:
                let text = trimBlankLines(cell.source)
                if !text.isEmpty { pieces.append(text + "\n") }
            case .raw:
                pieces.append(fenced(cell.source, info: "raw"))
            case .code:
                codeNumber += 1
                // Cell tags (nbval's `nbval-skip`...) travel on the fence: `python tags=a,b`.
                // A backtick in a backtick fence's info string would make it no fence at all.
                let tags = cell.tags.filter { !$0.isEmpty && !$0.contains(where: { $0.isWhitespace || $0 == "," || $0 == "`" }) }
                pieces.append(fenced(cell.source, info: tags.isEmpty ? "python" : "python tags=" + tags.joined(separator: ",")))
                var stdout = "", stderr = ""
                var imageLinks: [String] = []
                var htmlValues: [(html: String, text: String?)] = []
                for output in cell.outputs {
                    switch output {
                    case .stream(.stdout, let text): stdout += text
                    case .stream(.stderr, let text): stderr += text
                    case .executeResult(let text, _): stdout += text.hasSuffix("\n") ? text : text + "\n"
                    case .html(let html, let text, _): htmlValues.append((html, text))
                    case .error(let name, let value, _): stderr += "\(name): \(value)\n"
                    case .richDisplay: break  // only written: a notebook read back has `.image`, `.svg`, `.html`
                    case .image, .svg:
                        guard let imageFolder else { continue }
                        let (data, ext): (Data, String)
                        if case .image(let png, _) = output { (data, ext) = (png, "png") } else if case .svg(let svg) = output { (data, ext) = (Data(svg.utf8), "svg") } else { continue }
                        let name = "cell\(codeNumber)-\(imageLinks.count + 1).\(ext)"
                        try FileManager.default.createDirectory(atPath: imageFolder, withIntermediateDirectories: true)
                        try AtomicFile.write(data, to: (imageFolder as NSString).appendingPathComponent(name))
                        imageLinks.append("![Figure \(imageLinks.count + 1) of cell \(codeNumber)](\(linkPrefix)\(name))\n")
                    }
                }
                // Metadata is untrusted text: only an info string that stays one valid fence line is used.
                let infos = (cell.metadata["lesson"]?["outputs"]?.array?.compactMap(\.string) ?? []).filter(isOutputInfo)
                func info(_ stream: StandardStream) -> String? {
                    infos.first { ($0.contains("stderr") ? .stderr : .stdout) == stream && !$0.split(separator: " ").contains("html") }
                }
                for (stream, text) in [(StandardStream.stdout, stdout), (.stderr, stderr)] where !text.isEmpty {
                    pieces.append(OutputRewriter.render(FreshOutput(stream: stream, text: text), info: info(stream)) + "\n")
                }
                // An HTML value (a table) as an `output html` block: compared as its text, kept as HTML.
                for (html, text) in htmlValues where !html.isEmpty {
                    pieces.append(OutputRewriter.render(FreshOutput(stream: .stdout, text: html), info: "output html") + "\n")
                    // Its text/plain beside it, so `export --to ipynb` gives the notebook both again.
                    if let text, !text.isEmpty { pieces.append(PlainTextAlternative.block(text) + "\n") }
                }
                // One paragraph: the figures of the cell above, as `LessonParser` reads them.
                if !imageLinks.isEmpty { pieces.append(imageLinks.joined()) }
            }
        }
        return pieces.joined(separator: "\n")
    }

    /// `output stderr atol=0.01`: starts with `output`, known options, no line break or backtick.
    static func isOutputInfo(_ info: String) -> Bool {
        let words = info.split(whereSeparator: \.isWhitespace)
        guard words.first == "output", !info.contains(where: { $0.isNewline || $0 == "`" }) else { return false }
        if case .success = OutputOptions.parse(words: Array(words.dropFirst())) { return true }
        return false
    }

    static func fenced(_ code: String, info: String) -> String {
        var body = code
        if body.hasSuffix("\n") { body.removeLast() }
        let fence = String(repeating: "`", count: max(3, OutputRewriter.longestBacktickRun(in: body) + 1))
        return fence + info + "\n" + (body.isEmpty ? "" : body + "\n") + fence + "\n"
    }

    static func trimBlankLines(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
