import Foundation

/// A Jupyter notebook (nbformat 4): what `lesson` reads and writes of it.
public struct Notebook: Equatable {
    public var cells: [NotebookCell]
    /// Notebook-level metadata, kept as JSON so nothing a reader put there is lost.
    public var metadata: [String: JSONValue]

    public init(cells: [NotebookCell], metadata: [String: JSONValue] = Notebook.defaultMetadata) {
        self.cells = cells
        self.metadata = metadata
    }

    public static let defaultMetadata: [String: JSONValue] = [
        "kernelspec": .object(["display_name": .string("Python 3"), "language": .string("python"), "name": .string("python3")]),
        "language_info": .object(["name": .string("python")]),
    ]
}

public struct NotebookCell: Equatable {
    public enum Kind: String { case markdown, code, raw }
    public var kind: Kind
    public var source: String
    public var metadata: [String: JSONValue] = [:]
    public var outputs: [NotebookOutput] = []
    public var executionCount: Int?
    public var id: String?

    public init(kind: Kind, source: String, metadata: [String: JSONValue] = [:], outputs: [NotebookOutput] = [], executionCount: Int? = nil, id: String? = nil) {
        self.kind = kind; self.source = source; self.metadata = metadata
        self.outputs = outputs; self.executionCount = executionCount; self.id = id
    }

    /// Jupyter's cell tags (`nbval-skip`, `raises-exception`…).
    public var tags: [String] { metadata["tags"]?.array?.compactMap(\.string) ?? [] }
}

public enum NotebookOutput: Equatable {
    case stream(StandardStream, String)
    /// The value of the cell's last expression, as text (and other MIME types we keep).
    case executeResult(text: String, executionCount: Int?)
    /// A picture: PNG bytes.
    case image(png: Data, text: String?)
    /// A drawing: an SVG document.
    case svg(String)
    /// An HTML value (a pandas table) with its `text/plain` form; `executionCount` is nil
    /// for `display_data`.
    case html(html: String, text: String?, executionCount: Int?)
    case error(name: String, value: String, traceback: [String])
    /// A fresh IPython display, written with its own MIME type and `text/plain` (a notebook
    /// read back gives it as `.image`, `.svg` or `.html`).
    case richDisplay(RichDisplay)
}

// MARK: - Reading

extension Notebook {
    public static func read(path: String) throws -> Notebook {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LessonError(path: path, message: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        return try decode(data, path: path)
    }

    public static func decode(_ data: Data, path: String) throws -> Notebook {
        let json: JSONValue
        do {
            json = try JSONValue.parse(data)
        } catch {
            let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String).map { " (\($0))" } ?? ""
            throw LessonError(path: path, position: jsonErrorPosition(error, data: data), message: "not a Jupyter notebook: the JSON does not parse\(detail)")
        }
        func fail(_ message: String) -> LessonError { LessonError(path: path, message: "not a valid notebook: \(message)") }
        guard let root = json.object else { throw fail("the top level is not a JSON object") }
        guard let format = root["nbformat"]?.number, format == 4 else {
            throw fail("only nbformat 4 is supported (found \(root["nbformat"].map { "\($0)" } ?? "none"))")
        }
        guard let cellValues = root["cells"]?.array else { throw fail("no 'cells' list") }
        var cells: [NotebookCell] = []
        for (index, value) in cellValues.enumerated() {
            let where_ = "cell \(index + 1)"
            guard let cell = value.object else { throw fail("\(where_) is not an object") }
            guard let type = cell["cell_type"]?.string, let kind = NotebookCell.Kind(rawValue: type) else {
                throw fail("\(where_) has no known cell_type (markdown, code, raw)")
            }
            guard let source = cell["source"]?.multilineText else { throw fail("\(where_) has no source text") }
            var outputs: [NotebookOutput] = []
            for output in cell["outputs"]?.array ?? [] {
                guard let parsed = try parseOutput(output, fail: { fail("\(where_): \($0)") }) else { continue }
                outputs.append(parsed)
            }
            let count = cell["execution_count"]?.number.flatMap { Int(exactly: $0) }
            cells.append(NotebookCell(kind: kind, source: source, metadata: cell["metadata"]?.object ?? [:],
                                      outputs: outputs, executionCount: count, id: cell["id"]?.string))
        }
        return Notebook(cells: cells, metadata: root["metadata"]?.object ?? [:])
    }

    static func parseOutput(_ value: JSONValue, fail: (String) -> LessonError) throws -> NotebookOutput? {
        guard let output = value.object, let type = output["output_type"]?.string else { throw fail("an output has no output_type") }
        switch type {
        case "stream":
            let stream: StandardStream = output["name"]?.string == "stderr" ? .stderr : .stdout
            guard let text = output["text"]?.multilineText else { throw fail("a stream output has no text") }
            return .stream(stream, text)
        case "execute_result", "display_data":
            let data = output["data"]?.object ?? [:]
            let text = data["text/plain"]?.multilineText
            if data["image/png"] == nil, let svg = data["image/svg+xml"]?.multilineText { return .svg(svg) }
            if let png = data["image/png"]?.multilineText {
                guard let bytes = Data(base64Encoded: png.filter { !$0.isWhitespace }) else { throw fail("an image/png output is not base64") }
                return .image(png: bytes, text: text)
            }
            let count = type == "execute_result" ? output["execution_count"]?.number.flatMap { Int(exactly: $0) } : nil
            if let html = data["text/html"]?.multilineText { return .html(html: html, text: text, executionCount: count) }
            guard let text else { return nil } // widget outputs: nothing to replay
            return .executeResult(text: text, executionCount: output["execution_count"]?.number.flatMap { Int(exactly: $0) })
        case "error":
            return .error(name: output["ename"]?.string ?? "Error", value: output["evalue"]?.string ?? "",
                          traceback: output["traceback"]?.array?.compactMap(\.string) ?? [])
        default:
            throw fail("unknown output_type '\(type)'")
        }
    }

    /// Foundation reports a byte offset in its error; turn it into line:column.
    static func jsonErrorPosition(_ error: Error, data: Data) -> SourcePosition? {
        let info = (error as NSError).userInfo
        let text = (info[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
        let offset: Int
        if let range = text.range(of: #"(?:character|offset) (\d+)"#, options: .regularExpression),
           let number = Int(text[range].split(separator: " ").last ?? "") {
            offset = number
        } else if text.lowercased().contains("end of file") {
            offset = data.count
        } else {
            return nil
        }
        var line = 1, column = 1
        for byte in data.prefix(offset) {
            if byte == 10 { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return SourcePosition(line: line, column: column)
    }
}

// MARK: - Writing

extension Notebook {
    public var json: JSONValue {
        .object([
            "nbformat": .number(4),
            "nbformat_minor": .number(5),
            "metadata": .object(metadata),
            "cells": .array(cells.enumerated().map { index, cell in cell.json(defaultID: "cell-\(index + 1)") }),
        ])
    }

    public func serialized() -> String { json.serialized() }
}

extension NotebookCell {
    func json(defaultID: String) -> JSONValue {
        var object: [String: JSONValue] = [
            "cell_type": .string(kind.rawValue),
            "id": .string(id ?? defaultID),
            "metadata": .object(metadata),
            "source": .lines(source),
        ]
        if kind == .code {
            object["execution_count"] = executionCount.map { .number(Double($0)) } ?? .null
            object["outputs"] = .array(outputs.map(\.json))
        }
        return .object(object)
    }
}

extension NotebookOutput {
    var json: JSONValue {
        switch self {
        case .stream(let stream, let text):
            return .object(["output_type": .string("stream"), "name": .string(stream.rawValue), "text": .lines(text)])
        case .executeResult(let text, let count):
            return .object(["output_type": .string("execute_result"), "metadata": .object([:]),
                            "execution_count": count.map { .number(Double($0)) } ?? .null,
                            "data": .object(["text/plain": .lines(text)])])
        case .image(let png, let text):
            var data: [String: JSONValue] = ["image/png": .string(png.base64EncodedString())]
            if let text { data["text/plain"] = .lines(text) }
            return .object(["output_type": .string("display_data"), "metadata": .object([:]), "data": .object(data)])
        case .svg(let svg):
            return .object(["output_type": .string("display_data"), "metadata": .object([:]),
                            "data": .object(["image/svg+xml": .lines(svg), "text/plain": .lines("<Figure>")])])
        case .html(let html, let text, let count):
            var data: [String: JSONValue] = ["text/html": .lines(html)]
            if let text { data["text/plain"] = .lines(text) }
            var object: [String: JSONValue] = ["output_type": .string(count == nil ? "display_data" : "execute_result"),
                                               "metadata": .object([:]), "data": .object(data)]
            if let count { object["execution_count"] = .number(Double(count)) }
            return .object(object)
        case .richDisplay(let display):
            // Base64 stays one string, as Jupyter writes it; text is a list of lines.
            let data = Dictionary(uniqueKeysWithValues: display.mimeBundle.map { key, value in (key, key == "image/png" ? JSONValue.string(value) : .lines(value)) })
            return .object(["output_type": .string("display_data"), "metadata": .object([:]), "data": .object(data)])
        case .error(let name, let value, let traceback):
            return .object(["output_type": .string("error"), "ename": .string(name), "evalue": .string(value),
                            "traceback": .array(traceback.map(JSONValue.string))])
        }
    }
}
