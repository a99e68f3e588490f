import Foundation

/// A rich output a document stores for a code cell: a picture or an HTML value (a pandas
/// table), with the text a terminal would show for it.
public struct DocumentedDisplay: Equatable {
    public enum Content: Equatable {
        case png(Data)
        case svg(String)
        case html(String)
    }
    public var content: Content
    /// The `text/plain` alternative (`<Figure size 640x480 with 1 Axes>`), when stored.
    public var text: String?

    public init(content: Content, text: String? = nil) { self.content = content; self.text = text }

    public var isPicture: Bool { if case .html = content { return false } else { return true } }

    /// Width and height in pixels of a PNG (from its IHDR chunk) or an SVG (its width/height
    /// attributes), when they can be read.
    public var pixelSize: (width: Int, height: Int)? {
        switch content {
        case .png(let data): return PNGSize.read(data)
        case .svg(let svg): return SVGSize.read(svg)
        case .html: return nil
        }
    }

    /// What `lesson check` compares of an HTML value: its text, as a terminal shows it.
    public var comparableText: String? {
        if case .html(let html) = content { return HTMLText.terminalText(html) }
        return nil
    }
}

/// A PNG's size from its header: the 8-byte signature, then IHDR with width and height.
enum PNGSize {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func read(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, Array(bytes[0..<8]) == signature, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        func word(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (word(16), word(20))
    }
}

/// An SVG's size from the `width` and `height` attributes of its root element (`432pt`, `640`).
enum SVGSize {
    static func read(_ svg: String) -> (width: Int, height: Int)? {
        guard let open = svg.range(of: "<svg") else { return nil }
        let tag = svg[open.upperBound...].prefix { $0 != ">" }
        func attribute(_ name: String) -> Int? {
            guard let start = tag.range(of: " \(name)=\"") else { return nil }
            let value = tag[start.upperBound...].prefix { $0 != "\"" }
            let number = value.prefix { $0.isNumber || $0 == "." }
            return Double(number).flatMap { $0.isFinite && $0 >= 0 && $0 < 1e7 ? Int($0) : nil }
        }
        guard let width = attribute("width"), let height = attribute("height") else { return nil }
        return (width, height)
    }
}

extension DocumentedDisplay {
    /// The display as a notebook output.
    var notebookOutput: NotebookOutput {
        switch content {
        case .png(let data): return .image(png: data, text: text ?? "<Figure>")
        case .svg(let svg): return .svg(svg)
        case .html(let html): return .html(html: html, text: text, executionCount: nil)
        }
    }
}
